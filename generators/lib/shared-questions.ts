// Questions several plugins ask. Declared once so a composed run asks each of them once
// (the answer is shared through the run state) and every plugin stores it under the same key.
import { AiProjenError } from './errors.js';
import { validateProjectName } from './names.js';
import { parseList, parsePattern, type Question } from './questions.js';
import { DOCKERFILE_MODES, parseHealthPath, parsePorts, type DockerfileMode } from './services.js';

export const projectName: Question<string> = {
  name: 'projectName',
  kind: 'input',
  message: 'Project name (lowercase, hyphenated; used for images, clusters and buckets)',
  default: (profile) => profile.name,
  parse: (raw) => validateProjectName(String(raw ?? '')),
};

export const awsRegion: Question<string> = {
  name: 'awsRegion',
  kind: 'input',
  message: 'AWS region',
  default: () => 'us-east-1',
  parse: parsePattern('awsRegion', /^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region like us-east-1'),
};

export const environments: Question<string[]> = {
  name: 'environments',
  kind: 'input',
  message: 'Deployment environments (comma-separated)',
  default: () => ['dev', 'staging', 'prod'],
  parse: (raw) => {
    const list = parseList('environments')(raw);
    for (const env of list) parsePattern('environments', /^[a-z][a-z0-9]{0,9}$/, 'a short lowercase environment name')(env);
    if (list.length === 0) return parseList('environments')('dev');
    return list;
  },
};

export const ports: Question<Record<string, number>> = {
  name: 'ports',
  kind: 'input',
  message: 'Container ports (a port for the main service, or name=port,... per service; empty: what each app declares)',
  aliases: ['port', 'containerPort'],
  default: () => ({}),
  parse: (raw, profile) => parsePorts(raw, profile),
};

export const healthCheckPath: Question<string> = {
  name: 'healthCheckPath',
  kind: 'input',
  message: 'HTTP health-check path served by every service (empty: each service\'s own route, found in its code)',
  default: () => '',
  parse: parseHealthPath,
};

export const dockerfile: Question<DockerfileMode> = {
  name: 'dockerfile',
  kind: 'list',
  message: 'A Dockerfile the project already has: keep it (the rest fits it), replace it with ours, or write ours alongside',
  choices: DOCKERFILE_MODES,
  default: () => 'keep',
  parse: (raw) => {
    const value = String(raw ?? 'keep').trim() || 'keep';
    if (!(DOCKERFILE_MODES as readonly string[]).includes(value)) throw new AiProjenError(`--dockerfile: '${value}' is not one of ${DOCKERFILE_MODES.join(', ')}`);
    return value as DockerfileMode;
  },
  // Only a project with a Dockerfile of its own is asked.
  when: (_answers, profile) => profile.existing.ownDockerfiles.length > 0,
};
