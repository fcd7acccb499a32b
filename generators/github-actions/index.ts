// yo ai-projen:github-actions: CI/CD workflows for the detected languages, apps, Dockerfiles and Terraform.
import { NODE_LOCKS } from '../lib/toolchains/node.js';
import { PYTHON_TOOLCHAINS } from '../lib/toolchains/python/index.js';
import { AiProjenGenerator, type CommonOptions } from '../lib/base.js';
import { stageNames } from '../lib/plan/container-files.js';
import { AiProjenError } from '../lib/errors.js';
import { isNode, isPython, type ProjectProfile } from '../lib/profile.js';
import { optionName, parseChoice, parseList, type Answers, type Question } from '../lib/questions.js';
import { awsRegion, dockerfile, environments, projectName } from '../lib/shared-questions.js';
import {
  REGISTRIES,
  WORKFLOWS,
  ciContext,
  defaultNodeVersions,
  defaultPythonVersions,
  defaultRegistry,
  inApp,
  type CiInput,
  type GithubActionsAnswers,
  type Registry,
  type Workflow,
} from './context.js';
import { AGENTS_TEMPLATE, DOC_FILES, MAKEFILE_TEMPLATE, WORKFLOW_FILES } from './files.js';
import { withRunnerLabels } from '../lib/project-workflows.js';

/** Filled before prompting: the registry default depends on the plugins composed in the same run and on Terraform files. */
export interface RunInfo {
  composedPlugins: string[];
  dockerfiles: string[];
  terraformFiles: string[];
}

function versionList(name: string, pattern: RegExp, what: string, fallback: (profile: ProjectProfile) => string[]) {
  return (raw: unknown, profile: ProjectProfile): string[] => {
    const list = parseList(name)(raw);
    for (const version of list) {
      if (!pattern.test(version)) throw new AiProjenError(`--${optionName(name)}: '${version}' is not ${what}`);
    }
    return list.length > 0 ? list : fallback(profile);
  };
}

const deploys = (answers: Answers): boolean =>
  answers.registry === 'ecr' && Array.isArray(answers.workflows) && (answers.workflows as string[]).includes('deploy');

export function githubActionsQuestions(run: RunInfo): Question[] {
  const workflows: Question<Workflow[]> = {
    name: 'workflows',
    kind: 'checkbox',
    message: 'Workflows to generate',
    choices: WORKFLOWS,
    default: () => [...WORKFLOWS],
    parse: (raw) => {
      const list = parseList('workflows', WORKFLOWS)(raw);
      if (list.length === 0) throw new AiProjenError(`--workflows: choose at least one of ${WORKFLOWS.join(', ')}`);
      return WORKFLOWS.filter((workflow) => list.includes(workflow));
    },
  };
  const branches: Question<string[]> = {
    name: 'branches',
    kind: 'input',
    message: 'Branches whose pushes and pull requests run CI (comma-separated; the first one deploys)',
    // The repository's default branch (its remote's HEAD, its own workflows, the checked-out trunk), else main.
    default: (profile) => [profile.existing.defaultBranch.value],
    parse: (raw) => {
      const list = parseList('branches')(raw);
      if (list.length === 0) throw new AiProjenError('--branches: give at least one branch, e.g. main');
      for (const branch of list) {
        if (!/^[A-Za-z0-9_*][A-Za-z0-9._\/*-]*$/.test(branch) || branch.includes('..') || branch.endsWith('/') || branch.endsWith('.lock')) {
          throw new AiProjenError(`--branches: '${branch}' is not a branch name or pattern`);
        }
      }
      return list;
    },
  };
  const registry: Question<Registry> = {
    name: 'registry',
    kind: 'list',
    message: 'Container registry for built images (ecr: deploy.yml pushes there and rolls ECS)',
    choices: REGISTRIES,
    default: () => defaultRegistry(run.terraformFiles, run.composedPlugins),
    parse: parseChoice('registry', REGISTRIES),
  };
  const pythonVersions: Question<string[]> = {
    name: 'pythonVersions',
    kind: 'input',
    message: 'Python versions of the test matrix (comma-separated)',
    default: defaultPythonVersions,
    parse: versionList('pythonVersions', /^3\.\d{1,2}$/, 'a Python version like 3.12', defaultPythonVersions),
    when: (_answers, profile) => profile.apps.some(isPython),
  };
  const nodeVersions: Question<string[]> = {
    name: 'nodeVersions',
    kind: 'input',
    message: 'Node.js versions of the test matrix (comma-separated)',
    default: defaultNodeVersions,
    parse: versionList('nodeVersions', /^\d{2}(\.\d+){0,2}$/, 'a Node.js version like 22', defaultNodeVersions),
    when: (_answers, profile) => profile.apps.some(isNode),
  };
  return [
    projectName,
    workflows,
    branches,
    registry,
    // Shared questions, asked only when deploy.yml will be written.
    { ...awsRegion, when: deploys },
    { ...environments, when: deploys },
    pythonVersions,
    nodeVersions,
    // Which Dockerfile the images build when the project has its own (the Docker plugin asks the same).
    dockerfile,
  ];
}

const lockFilesOf = (manager: string): string[] => NODE_LOCKS.filter(([, m]) => m === manager).map(([file]) => file);

/** The app folder and its ancestors up to the project root: 'a/b' -> ['a/b', 'a', '.']. */
const levels = (appPath: string): string[] => {
  const parts = appPath === '.' ? [] : appPath.split('/');
  return [...parts.map((_, i) => parts.slice(0, parts.length - i).join('/')), '.'];
};

export default class GithubActionsGenerator extends AiProjenGenerator {
  private readonly runInfo: RunInfo;

  constructor(args: string[], options: CommonOptions) {
    const run: RunInfo = { composedPlugins: [], dockerfiles: [], terraformFiles: [] };
    super(args, options, { plugin: 'github-actions', questions: githubActionsQuestions(run), needsApps: true });
    this.runInfo = run;
  }

  override async prompting(): Promise<void> {
    const plugins = this.state.shared.plugins;
    this.runInfo.composedPlugins = Array.isArray(plugins) ? plugins.map(String) : [];
    this.runInfo.dockerfiles = this.profile.existing.dockerfiles;
    this.runInfo.terraformFiles = this.profile.existing.terraformFiles;
    await super.prompting();
  }

  writing(): void {
    const ctx = ciContext(this.ciInput());
    for (const file of WORKFLOW_FILES) if (file.when(ctx)) this.render(file.template, file.dest, ctx);
    if (ctx.runnerLabels.length > 0) {
      const config = ['.github/actionlint.yaml', '.github/actionlint.yml'].find((file) => this.fs.exists(this.destinationPath(file))) ?? '.github/actionlint.yaml';
      this.renderOrMerge('templates/actionlint.yaml.ejs', config, ctx, (existing) => withRunnerLabels(existing, ctx.runnerLabels, config));
    }
    this.installDocs(DOC_FILES);
    this.mergeMakefile(MAKEFILE_TEMPLATE, ctx);
    this.mergeAgentsMd(AGENTS_TEMPLATE, ctx);
    this.state.notes.push(...ctx.notes.map((note) => `github-actions: ${note}`));
    const branch = this.profile.existing.defaultBranch;
    if (branch.from !== 'default' && (this.answers as { branches?: string[] }).branches?.[0] === branch.value) {
      this.state.notes.push(`github-actions: the workflows run on ${branch.value}, the repository's default branch (${branch.from}); --branches changes it`);
    }
  }

  /** Everything context.ts needs that detection does not record, read from the project (never written). */
  private ciInput(): CiInput {
    const profile = this.profile;
    const exists = (rel: string) => this.fs.exists(this.destinationPath(rel));
    const read = (rel: string) => (exists(rel) ? (this.fs.read(this.destinationPath(rel)) ?? '') : '');

    const dockerfileStages: Record<string, string[]> = {};
    for (const file of this.runInfo.dockerfiles) {
      dockerfileStages[file] = stageNames(read(file));
    }
    const lockFiles: Record<string, string | undefined> = {};
    const packageManagerFiles: Record<string, string | undefined> = {};
    for (const app of profile.apps) {
      if (isPython(app)) {
        const lock = PYTHON_TOOLCHAINS[app.packageManager].lockFile;
        lockFiles[app.path] = lock ? levels(app.path).map((level) => inApp(level, lock)).find(exists) : undefined;
      } else {
        lockFiles[app.path] = levels(app.path).flatMap((level) => lockFilesOf(app.packageManager).map((lock) => inApp(level, lock))).find(exists);
        packageManagerFiles[app.path] = levels(app.path).map((level) => inApp(level, 'package.json')).find((file) => {
          try {
            const field = (JSON.parse(read(file) || '{}') as { packageManager?: unknown }).packageManager;
            return typeof field === 'string' && field.startsWith(`${app.packageManager}@`);
          } catch {
            return false;
          }
        });
      }
    }
    const requested = this.options.workflows === undefined ? undefined : ((this.answers as unknown as GithubActionsAnswers).workflows ?? []);
    return {
      profile,
      answers: this.answers as unknown as GithubActionsAnswers,
      ...(requested ? { requested } : {}),
      composedPlugins: this.runInfo.composedPlugins,
      dockerfiles: this.runInfo.dockerfiles,
      terraformFiles: this.runInfo.terraformFiles,
      dockerfileStages,
      lockFiles,
      packageManagerFiles,
    };
  }
}
