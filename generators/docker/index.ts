// yo ai-projen:docker: multi-stage Dockerfiles per detected app, dev and prod compose files, .dockerignore,
// .env.example, the Makefile docker-* block, the AGENTS.md Docker block and the plugin's docs.
import path from 'node:path';
import { AiProjenGenerator, type CommonOptions } from '../lib/base.js';
import { isNode, isPython } from '../lib/profile.js';
import type { Question } from '../lib/questions.js';
import { dockerfile, healthCheckPath, ports, projectName } from '../lib/shared-questions.js';
import { mergeEnvExample } from '../lib/env-example.js';
import { walk } from '../lib/walk.js';
import {
  BACKING_SERVICES,
  buildContext,
  defaultBackingServices,
  defaultNodeVersion,
  defaultPythonVersion,
  parseBackingServices,
  parseInstallPath,
  parseNodeVersion,
  parsePythonVersion,
  type AppFiles,
  type DockerAnswers,
} from './context.js';
import { AGENTS_TEMPLATE, dockerFiles, GITIGNORE_LINES, MAKEFILE_TEMPLATE } from './files.js';

export const services: Question<string[]> = {
  name: 'services',
  kind: 'checkbox',
  message: 'Backing services for docker compose (db = PostgreSQL)',
  choices: BACKING_SERVICES,
  default: (profile) => defaultBackingServices(profile),
  parse: (raw) => parseBackingServices(raw),
};

export const pythonVersion: Question<string> = {
  name: 'pythonVersion',
  kind: 'input',
  message: 'Python version of the images (empty: each app\'s own)',
  default: (profile) => defaultPythonVersion(profile),
  parse: (raw) => parsePythonVersion(raw),
  when: (_answers, profile) => profile.apps.some(isPython),
};

export const nodeVersion: Question<string> = {
  name: 'nodeVersion',
  kind: 'input',
  message: 'Node.js version of the images (empty: each app\'s own)',
  default: (profile) => defaultNodeVersion(profile),
  parse: (raw) => parseNodeVersion(raw),
  when: (_answers, profile) => profile.apps.some(isNode),
};

export const installPath: Question<string> = {
  name: 'installPath',
  kind: 'input',
  message: 'Folder for the Dockerfiles, compose files and .env.example (relative to the project root)',
  default: () => '.',
  parse: (raw, profile) => parseInstallPath(raw, profile.root),
};

export const DOCKER_QUESTIONS = [projectName, ports, healthCheckPath, services, pythonVersion, nodeVersion, installPath, dockerfile] as const;

/** Files of each app folder (relative to it), read with detection's bounded walk (no node_modules, .venv...). */
function listAppFiles(root: string, appPath: string): string[] {
  return walk(path.join(root, appPath), 2)
    .flatMap((dir) => [...dir.files, ...dir.dirs.map((d) => `${d}/`)].map((f) => (dir.path === '.' ? f : `${dir.path}/${f}`)))
    .map((f) => f.replace(/\/$/, ''))
    .sort();
}

export default class DockerGenerator extends AiProjenGenerator {
  constructor(args: string[], options: CommonOptions) {
    super(args, options, { plugin: 'docker', questions: DOCKER_QUESTIONS, needsApps: true });
  }

  writing(): void {
    const appFiles: AppFiles = Object.fromEntries(this.profile.apps.map((app) => [app.path, listAppFiles(this.root, app.path)]));
    const generated = this.generatedPaths;
    // The project's own Dockerfile at a service's path is kept (unless --force): the rest of the output fits it;
    // --dockerfile replace puts ours there instead.
    const mode = (this.answers as unknown as DockerAnswers).dockerfile ?? 'keep';
    const keptDockerfile = (rel: string): string | undefined => {
      const text = this.projectsOwn(rel);
      if (text === undefined || mode !== 'replace') return text;
      this.state.overwrite.add(this.destinationPath(rel));
      this.state.notes.push(`${rel}: the project's own Dockerfile is replaced by ours (--dockerfile replace)`);
      return undefined;
    };
    // A compose file of the project's own at our path is kept with --yes (a conflict): its service names count.
    const keptCompose = (rel: string): string | undefined => this.projectsOwn(rel);
    const ctx = buildContext(this.profile, this.answers as unknown as DockerAnswers, appFiles, generated, keptDockerfile, keptCompose);
    this.state.notes.push(...ctx.notes);
    const docs: Array<{ from: string; to: string }> = [];
    for (const entry of dockerFiles(ctx)) {
      if (!entry.data) docs.push({ from: entry.template, to: entry.dest });
      // The project's own .env.example keeps its lines; the keys the stack needs are added in a block.
      else if (entry.dest === ctx.envExample) this.renderOrMerge(entry.template, entry.dest, entry.data, (existing, ours) => mergeEnvExample(existing, ours, 'docker', entry.dest));
      else this.render(entry.template, entry.dest, entry.data);
    }
    this.installDocs(docs);
    this.mergeMakefile(MAKEFILE_TEMPLATE, ctx);
    this.mergeAgentsMd(AGENTS_TEMPLATE, ctx);
    // A .env that git tracks is committed on purpose: ignoring it would hide the project's own file.
    const trackedEnv = this.profile.existing.envTracked;
    if (trackedEnv) this.state.notes.push('.env is tracked by git (committed on purpose): it is not added to .gitignore; keep real secrets out of it');
    this.mergeGitignore(GITIGNORE_LINES.filter((line) => !(trackedEnv && line === '.env')));
  }
}
