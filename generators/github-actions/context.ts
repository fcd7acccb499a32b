// Pure: (detected profile, answers, what else this run generates) -> the values the workflow templates need.
// No file system access here: index.ts reads what detection does not record (Dockerfile stages, lock files
// of workspace roots, pip extras) and passes it in, so every branch is unit-testable.
import { isNode, isPython, type App, type NodeApp, type ProjectProfile, type PythonApp } from '../lib/profile.js';
import { buildArgNames, buildSwitches, isNodePlan, isPythonPlan, planOf, type AppPlan, type NodePlan, type PythonPlan } from '../lib/plan/index.js';
import { redisEnv, sqlEnv } from '../lib/plan/connection.js';
import { PROD_STAGES } from '../lib/plan/container-files.js';
import { lintLabel } from '../lib/plan/node.js';
import { NODE_TOOLCHAINS } from '../lib/toolchains/node.js';
import { runTasks, taskOf, type TaskRunnerTool } from '../lib/toolchains/task-runners.js';
import { linterLabel, pipInstall, PYTHON_TOOLCHAINS } from '../lib/toolchains/python/index.js';
import {
  backendConfigFile,
  clusterName,
  ecrRepositoryName,
  ecsServiceName,
  INFRA_DIR,
  migrationTaskFamily,
  S3_WORKSPACES,
  serviceSpecs,
  taskFamily,
  tfvarsFile,
  WORKSPACES,
  type DockerfileMode,
} from '../lib/services.js';
import { coveredBy } from '../lib/project-workflows.js';
import { shaPinnedVersions, VERSIONS } from '../lib/versions.js';

export const WORKFLOWS = ['lint', 'test', 'build', 'deploy', 'infra-plan'] as const;
export type Workflow = (typeof WORKFLOWS)[number];
export const REGISTRIES = ['ghcr', 'ecr'] as const;
export type Registry = (typeof REGISTRIES)[number];

export interface GithubActionsAnswers {
  projectName: string;
  workflows: Workflow[];
  branches: string[];
  registry: Registry;
  /** Asked only when a deploy workflow is wanted (registry ecr). */
  awsRegion?: string;
  environments?: string[];
  /** Test matrices; absent when the project has no app of that language. */
  pythonVersions?: string[];
  nodeVersions?: string[];
  /** A Dockerfile the project has at a service's path: kept (default), replaced, or ours built from next to it. */
  dockerfile?: DockerfileMode;
}


export interface CiInput {
  profile: ProjectProfile;
  answers: GithubActionsAnswers;
  /** Plugins composed in the same run (the app generator's `plugins` answer); [] when run alone. */
  composedPlugins: readonly string[];
  /**
   * Dockerfiles and *.tf files already in the project: detection's lists plus the other plugins' known paths
   * that its bounded walk does not reach (`.docker/dockerfiles/`, `infra/terraform/workspaces/<ws>/`).
   * Default: the profile's.
   */
  dockerfiles?: readonly string[];
  terraformFiles?: readonly string[];
  /** Stage names of the Dockerfiles already in the project (repo-relative path -> stages). */
  dockerfileStages?: Readonly<Record<string, readonly string[]>>;
  /** Repo-relative lock file each app installs from (its own, or its workspace root's), by app path. */
  lockFiles?: Readonly<Record<string, string | undefined>>;
  /** Repo-relative package.json holding the `packageManager` field a Node app uses, by app path. */
  packageManagerFiles?: Readonly<Record<string, string | undefined>>;
  /** Workflows asked for on the command line (--workflows): written even where the project's own do the same. */
  requested?: readonly Workflow[];
}

export interface Command {
  name: string;
  run: string;
  /** Repo-relative folder, when not the job's (a workspace job's step for one member). */
  workingDirectory?: string;
}

export interface BackingServiceCi {
  name: 'postgres' | 'mysql' | 'redis';
  image: string;
}

export interface AppCi {
  /** Service name of the app (lowercase-hyphenated). */
  name: string;
  /** App folder, '.' for a root app: the jobs' working-directory. */
  path: string;
  language: 'python' | 'node';
  /** Human label: Python, TypeScript or JavaScript. */
  label: string;
  /** What the version numbers are of, in job names: 'Python' or 'TypeScript, Node'. */
  runtime: string;
  packageManager: string;
  /** The project's own version: lint and build jobs run on it. */
  version: string;
  /** Test matrix (the answer), quoted in YAML. */
  versions: string[];
  /** Repo-relative files whose hash keys the dependency cache. */
  cacheDependencyPaths: string[];
  /** Install command, one shell line per item. */
  install: string[];
  lint: Command[];
  test?: Command;
  build?: Command;
  /** Backing services the test job starts (the plan's data stores). */
  services: BackingServiceCi[];
  /** The connection to those containers in the variables the app reads (DATABASE_URL, or POSTGRES_SERVER/...). */
  serviceEnv: Array<[string, string]>;
  /** Set on the app's lint, test and build jobs: the env schema's skip switch (SKIP_ENV_VALIDATION=1), as the image's stages have it. */
  jobEnv: Array<{ name: string; value: string }>;
  /** Steps after the install of the lint, test and build jobs: the Prisma client (the code imports it). */
  prepare: Command[];
  /** Steps of the test job before the tests: the plan's migrations, against the SQL service container. */
  migrate: Command[];
  /** Test job only: a placeholder for each variable the app requires with no default that CI does not set. */
  placeholderEnv: Array<[string, string]>;
  jobIds: { lint: string; test: string; build: string };
  python?: {
    /** Which action sets Python up: astral-sh/setup-uv (uv), pdm-project/setup-pdm (pdm), else actions/setup-python. */
    setup: 'uv' | 'pdm' | 'setup-python';
    /** setup-python's `cache:` value (pip, poetry, pipenv); undefined for uv and pdm. */
    cache?: 'pip' | 'poetry' | 'pipenv';
    /** A tool installed with pipx before setup-python (poetry, pipenv), pinned. */
    pipx?: string;
    /** Installed with pip after setup-python (hatch), pinned. */
    pipTool?: string;
    /** The uv / PDM release setup-uv / setup-pdm install (the project's pin, else ours). */
    version?: string;
  };
  node?: {
    /** setup-node's `cache:` (npm, pnpm, yarn); undefined when an actions/cache step is used instead. */
    cache?: 'npm' | 'pnpm' | 'yarn';
    /** pnpm/action-setup inputs. */
    pnpm?: { version?: string; packageJsonFile?: string };
    /** Yarn 2+ through corepack (its cache folder is cached with actions/cache). */
    yarnBerry?: { version: string };
    bunVersion?: string;
    /** Key of the actions/cache step for yarn berry and bun. */
    cacheKeyFiles?: string;
  };
}

export interface ImageCi {
  /** Service and container name. */
  service: string;
  jobId: string;
  dockerfile: string;
  context: string;
  /** Build target (the Docker plugin's `prod` stage), when the Dockerfile has it. */
  target?: string;
  /** Image name without registry (GHCR: ghcr.io/<owner>/<image>). */
  image: string;
  /** docker/build-push-action gha cache scope, shared by build.yml and deploy.yml. */
  cacheScope: string;
  /** Public values the build inlines (NEXT_PUBLIC_*, VITE_*): passed from the repository's variables. */
  buildArgs: string[];
  /** Key prefix of the deploy job's step outputs and ids for this service. */
  key: string;
  /** AWS names with the environment left to the shell: `${ENVIRONMENT}`. */
  ecrRepository: string;
  ecsService: string;
  taskFamily: string;
  /** Family of the one-off migration task, when the service's plan migrates. */
  migrationTaskFamily?: string;
}

export interface TerraformCi {
  /** Folders `terraform fmt -check -recursive` runs on. */
  fmtDirs: string[];
  /** Root modules validated with `init -backend=false` + `validate`. */
  validateDirs: string[];
  /** Glob of the lock files that key the provider cache. */
  lockGlob: string;
  /** The Terraform/AWS plugin's workspace folders (composed or on disk), in its order; [] without its layout. */
  awsWorkspaces: string[];
}

/** infra-plan.yml: `terraform plan` of the plugin's S3-backed workspaces for one environment. */
export interface InfraPlanCi {
  environment: string;
  workspaces: Array<{
    name: string;
    dir: string;
    /** Relative to `dir`, as the Makefile's infra-init and infra-plan pass them. */
    backendConfig: string;
    varFile: string;
  }>;
}

export interface CiContext {
  projectName: string;
  versions: typeof VERSIONS;
  runner: string;
  branches: string[];
  /** First branch: deploys to the first environment on push. */
  defaultBranch: string;
  registry: Registry;
  awsRegion: string;
  environments: string[];
  defaultEnvironment: string;
  apps: AppCi[];
  lint: { apps: AppCi[]; dockerfiles: string[]; terraform?: TerraformCi; workflows: boolean };
  test: { apps: AppCi[] };
  /** Branches whose pushes run lint.yml and test.yml: all but the default branch when deploy.yml runs them there. */
  pushBranches: string[];
  /** The workflows deploy.yml calls (workflow_call) and waits for before deploying. */
  deployNeeds: Array<'lint' | 'test'>;
  infraPlan?: InfraPlanCi;
  build: { images: ImageCi[]; apps: AppCi[] };
  /** Images deployed, and the ECS cluster with the environment left to the shell. */
  deploy: { images: ImageCi[]; cluster: string };
  /** Which workflow files are written. */
  files: Record<Workflow, boolean>;
  /** Make targets of the block (ci-<workflow> only for generated workflows). */
  makeTargets: string[];
  /** Human notes for the end-of-run report (skipped workflows and why). */
  notes: string[];
  /** `${ENVIRONMENT}`: how the templates spell the run-time environment in shell. */
  shellEnvironment: string;
  /** Self-hosted runner labels of the project's workflows, declared in .github/actionlint.yaml. */
  runnerLabels: string[];
}

/** The environment placeholder the deploy workflow's shell step expands. */
export const SHELL_ENVIRONMENT = '${ENVIRONMENT}';
const RESERVED_JOB_SUFFIXES = new Set(['docker', 'terraform', 'workflows']);

/** What a test job sets for a required variable it has no value for: visibly not a real value. */
export const CI_PLACEHOLDER = 'ci-placeholder-not-a-secret';

// ---------------------------------------------------------------------------------------------------------
// Defaults (the questions' defaults call these)

export function terraformPresent(terraformFiles: readonly string[], composedPlugins: readonly string[]): boolean {
  return composedPlugins.includes('terraform-aws') || terraformFiles.length > 0;
}

/** ECR when Terraform/AWS is present (composed, or *.tf files in the project), else GHCR. */
export function defaultRegistry(terraformFiles: readonly string[], composedPlugins: readonly string[]): Registry {
  return terraformPresent(terraformFiles, composedPlugins) ? 'ecr' : 'ghcr';
}

const unique = (items: Iterable<string>): string[] => [...new Set(items)];
const byVersion = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

export function defaultPythonVersions(profile: ProjectProfile): string[] {
  return unique(profile.apps.filter(isPython).map((app) => app.pythonVersion)).sort(byVersion);
}

export function defaultNodeVersions(profile: ProjectProfile): string[] {
  return unique(profile.apps.filter(isNode).map((app) => app.nodeVersion)).sort(byVersion);
}

// ---------------------------------------------------------------------------------------------------------
// Paths

/** Repo-relative path of a file in an app folder. */
export const inApp = (appPath: string, file: string): string => (appPath === '.' ? file : `${appPath}/${file}`);

function jobIds(app: Pick<App, 'name'>): AppCi['jobIds'] {
  const suffix = RESERVED_JOB_SUFFIXES.has(app.name) ? `app-${app.name}` : app.name;
  return { lint: `lint-${suffix}`, test: `test-${suffix}`, build: `build-${suffix}` };
}

/** The env schema's skip switches of the plan (lint, test and build load the config, not the server). */
const jobEnv = (plan: AppPlan | undefined): AppCi['jobEnv'] => (plan ? buildSwitches(plan) : []);

/** Service containers for the data stores of the app's plan that CI can run (PostgreSQL, Redis), and the
 * connection to them in the variables the app reads (plan/connection.ts, as the compose files do). */
function backingServices(app: App, plan: AppPlan | undefined): Pick<AppCi, 'services' | 'serviceEnv'> {
  const stores = new Set(plan?.dataStores.map((store) => store.value) ?? []);
  // One SQL server: PostgreSQL, else MySQL when the app's driver is a MySQL one.
  const sql = stores.has('postgres') ? 'postgres' : stores.has('mysql') ? 'mysql' : undefined;
  const services = (['postgres', 'mysql', 'redis'] as const).filter((name) => (name === 'redis' ? stores.has(name) : name === sql)).map((name) => ({ name, image: VERSIONS.images[name] }));
  const serviceEnv = !plan ? [] : services.flatMap(({ name }) => (name === 'postgres'
    ? sqlEnv(plan, app, { host: 'localhost', port: '5432', user: 'postgres', password: 'postgres', database: 'test' })
    : name === 'mysql'
      ? sqlEnv(plan, app, { host: '127.0.0.1', port: '3306', user: 'test', password: 'test', database: 'test' }, 'mysql')
      : redisEnv(plan, 'localhost', '6379')));
  return { services, serviceEnv };
}

/** Settings that read a required variable at import (Django's SECRET_KEY) crash the test run without it: the
 * test job sets a placeholder for each one the app reads with no default and CI gives no value (its own names only). */
function placeholderEnv(plan: AppPlan | undefined, setByCi: Iterable<string>): Array<[string, string]> {
  const set = new Set(setByCi);
  return unique((plan?.env ?? []).filter((v) => v.required && !set.has(v.name)).map((v) => v.name)).map((name) => [name, CI_PLACEHOLDER]);
}

/** The test job applies the plan's migrations before the tests when it runs a SQL database for them (the
 * tests expect the schema; the job env already holds the connection). `run` spells the command for the job. */
function migrateSteps(plan: AppPlan | undefined, services: readonly BackingServiceCi[], run: (command: readonly string[]) => string): Command[] {
  if (!plan?.migrate || !services.some((service) => service.name === 'postgres' || service.name === 'mysql')) return [];
  return [{ name: 'Apply the database migrations', run: run(plan.migrate.value) }];
}

/** CI steps of an app's own setup, taken into a workspace job: they run in the app's folder. */
const inMember = (app: AppCi, commands: readonly Command[]): Command[] => commands.map((c) => ({ ...c, workingDirectory: c.workingDirectory ?? app.path }));

// ---------------------------------------------------------------------------------------------------------
// Python

function pythonApp(app: PythonApp, input: CiInput, versions: string[]): AppCi {
  const lock = input.lockFiles?.[app.path] ?? (app.lockFile ? inApp(app.path, app.lockFile) : undefined);
  const requirements = app.manifestFiles.filter((file) => /^requirements[^/]*\.txt$|^requirements\/[^/]+\.txt$/.test(file));
  // Lint and test commands, data stores and the manager's release are the plan's.
  const plan = planOf(input.profile).find((p): p is PythonPlan => p.path === app.path && isPythonPlan(p));
  const base = {
    name: app.name,
    path: app.path,
    language: 'python' as const,
    label: 'Python',
    runtime: 'Python',
    packageManager: app.packageManager,
    version: app.pythonVersion,
    versions,
    ...backingServices(app, plan),
    jobEnv: jobEnv(plan),
    jobIds: jobIds(app),
  };
  const manifests = (names: readonly string[]) => names.filter((file) => app.manifestFiles.includes(file)).map((file) => inApp(app.path, file));
  // Setup, install and run prefix are the manager's (toolchains/python/).
  const tool = PYTHON_TOOLCHAINS[app.packageManager];
  const { setup, cache, pipx, pipTool } = tool.ci;
  const release = plan?.toolchain.version.value || tool.defaultVersion;
  const python: NonNullable<AppCi['python']> = {
    setup,
    ...(cache ? { cache } : {}),
    ...(pipx ? { pipx: pipx(release) } : {}),
    ...(pipTool ? { pipTool: pipTool(release) } : {}),
    ...(release && (setup === 'uv' || setup === 'pdm') ? { version: release } : {}),
  };
  const prefix = tool.ci.prefix(Boolean(lock));
  let install = tool.ci.install(Boolean(lock));
  let cacheDependencyPaths = [lock ?? inApp(app.path, app.packageManager === 'pipenv' ? 'Pipfile' : 'pyproject.toml')];
  if (app.packageManager === 'hatch') cacheDependencyPaths = [inApp(app.path, 'pyproject.toml')];
  if (app.packageManager === 'pip') {
    install = [pipInstall(requirements, app.extras)];
    const found = manifests(tool.manifests);
    cacheDependencyPaths = requirements.length > 0 ? requirements.map((file) => inApp(app.path, file)) : found.length > 0 ? found : [inApp(app.path, 'pyproject.toml')];
  }
  const lint: Command[] = (plan?.lint ?? []).map((f) => ({ name: linterLabel(f.value[0]!), run: `${prefix}${ciArgs(f.value).join(' ')}` }));
  const testCommand = plan?.tests[0]?.value;
  const test = testCommand ? { name: testName(testCommand), run: `${prefix}${testCommand.join(' ')}` } : undefined;
  const migrate = migrateSteps(plan, base.services, (command) => `${prefix}${command.join(' ')}`);
  const ciSet = [...base.serviceEnv.map(([name]) => name), ...base.jobEnv.map((v) => v.name)];
  return { ...base, cacheDependencyPaths, install, lint, ...(test ? { test } : {}), prepare: [], migrate, placeholderEnv: placeholderEnv(plan, ciSet), python };
}


/** CI shows what a check would change and skips the virtualenv: the same tools as the lint image, with CI flags. */
function ciArgs(command: readonly string[]): string[] {
  if (command[0] === 'black' || command[0] === 'isort') return [command[0], command[1]!, '--diff', ...command.slice(2)];
  if (command[0] === 'flake8') return ['flake8', '--extend-exclude', '.venv', ...command.slice(1)];
  return [...command];
}

const testName = (command: readonly string[]): string =>
  command.includes('pytest') ? 'pytest' : command.includes('manage.py') ? 'Django tests' : command.includes('unittest') ? 'unittest' : 'Tests';

// ---------------------------------------------------------------------------------------------------------
// Node

interface WorkspaceRunner {
  root: string;
  tool: TaskRunnerTool;
  /** One job's worth of the workspace: installed once at the root, lint and test through its task runner. */
  app: AppCi;
  /** Members whose lint scripts / tests the runner's tasks run. */
  members: { lint: string[]; test: string[] };
}

/** A job per Turborepo or Nx workspace: its lint tasks and `test`, where the runner defines them and members use them. */
function workspaceRunners(profile: ProjectProfile, apps: readonly AppCi[]): WorkspaceRunner[] {
  const plans = planOf(profile).filter(isNodePlan).filter((p) => p.taskRunner);
  const roots = [...new Set(plans.map((p) => p.taskRunner!.value.root))];
  return roots.flatMap((root) => {
    const members = plans.filter((p) => p.taskRunner!.value.root === root);
    const tool = members[0]!.taskRunner!.value.tool;
    // Nx: every member's targets are tasks of the workspace (turbo.json lists its own for all).
    const tasks = new Set(members.flatMap((p) => p.taskRunner!.value.tasks));
    const ci = (plan: NodePlan) => apps.find((a) => a.path === plan.path && a.language === 'node');
    const lintTasks = [...new Set(members.flatMap((p) => p.lint.map((f) => taskOf(f.value))))].filter((t) => tasks.has(t));
    const lintMembers = members.filter((p) => p.lint.length > 0 && p.lint.every((f) => tasks.has(taskOf(f.value)))).map((p) => p.name);
    const testMembers = tasks.has('test') ? members.filter((p) => p.tests.length > 0 && p.tests.every((f) => taskOf(f.value) === 'test')).map((p) => p.name) : [];
    const first = ci(members[0]!);
    if (!first || (lintMembers.length === 0 && testMembers.length === 0)) return [];
    const covered = members.map(ci).filter((a): a is AppCi => a !== undefined);
    const variant = members[0]!.toolchain.variant;
    const { test: _test, build: _build, ...setup } = first;
    // The step is named after the runner's command without the package manager's exec (`turbo run lint`).
    const runnerStep = (list: readonly string[]): Command => {
      const run = runTasks(tool, variant, list);
      return { name: run.slice(NODE_TOOLCHAINS[variant].exec.join(' ').length + 1), run };
    };
    const app: AppCi = {
      ...setup,
      name: 'workspace',
      path: root,
      lint: lintMembers.length > 0 ? [runnerStep(lintTasks)] : [],
      ...(testMembers.length > 0 ? { test: runnerStep(['test']) } : {}),
      ...membersNeeds(covered),
      jobIds: jobIds({ name: root === '.' ? 'workspace' : `workspace-${root.replace(/[^a-z0-9]+/gi, '-')}` }),
    };
    return [{ root, tool, app, members: { lint: lintMembers, test: testMembers } }];
  });
}

/** What any covered member's jobs would have had: its databases, its env schema's skip switch, its Prisma
 * client and migrations (run in its folder), its placeholders. */
export function membersNeeds(covered: readonly AppCi[]): Pick<AppCi, 'services' | 'serviceEnv' | 'jobEnv' | 'prepare' | 'migrate' | 'placeholderEnv'> {
  const serviceEnv = [...new Map(covered.flatMap((a) => a.serviceEnv)).entries()];
  const jobEnv = [...new Map(covered.flatMap((a) => a.jobEnv).map((v) => [v.name, v])).values()];
  const setByCi = new Set([...serviceEnv.map(([name]) => name), ...jobEnv.map((v) => v.name)]);
  return {
    services: [...new Map(covered.flatMap((a) => a.services).map((s) => [s.name, s])).values()],
    serviceEnv,
    jobEnv,
    prepare: covered.flatMap((a) => inMember(a, a.prepare)),
    migrate: covered.flatMap((a) => inMember(a, a.migrate)),
    // One member's placeholder may be another's real value (its database): the values CI sets win.
    placeholderEnv: [...new Map(covered.flatMap((a) => a.placeholderEnv)).entries()].filter(([name]) => !setByCi.has(name)),
  };
}

function nodeApp(app: NodeApp, input: CiInput, versions: string[]): AppCi {
  const lock = input.lockFiles?.[app.path] ?? (app.lockFile ? inApp(app.path, app.lockFile) : undefined);
  const pm = app.packageManager;
  // Commands are the plan's (the project's scripts, the manager's own way to run them).
  const plan = planOf(input.profile).find((p): p is NodePlan => p.path === app.path && isNodePlan(p));
  const tool = NODE_TOOLCHAINS[plan?.toolchain.variant ?? (pm === 'yarn' ? 'yarn-classic' : pm)];
  const lint: Command[] = (plan?.lint ?? []).map((f) => ({ name: lintLabel(f.value), run: f.value.join(' ') }));
  const testCommand = plan?.tests[0]?.value;
  const keyFile = lock ?? inApp(app.path, 'package.json');
  // A bare binary (prisma, drizzle-kit, knex) runs through the manager's exec; a script (`npm run migrate`) as is.
  const exec = (command: readonly string[]) => (command[0] === tool.run('')[0] ? command : [...tool.exec, ...command]).join(' ');
  // The code imports the generated Prisma client: lint (type checks), tests and builds need it first.
  const prepare: Command[] = plan?.generate ? [{ name: 'Generate the Prisma client', run: exec(plan.generate.value) }] : [];
  const stores = backingServices(app, plan);
  let install: string[];
  let node: NonNullable<AppCi['node']>;
  switch (pm) {
    case 'pnpm': {
      install = [tool.install(Boolean(lock))];
      const packageJsonFile = input.packageManagerFiles?.[app.path] ?? (app.packageManagerVersion ? inApp(app.path, 'package.json') : undefined);
      node = {
        cache: 'pnpm',
        // pnpm/action-setup fails when `version` and the packageManager field both set it: one source only.
        pnpm: app.packageManagerVersion
          ? { ...(packageJsonFile && packageJsonFile !== 'package.json' ? { packageJsonFile } : {}) }
          : { version: plan?.toolchain.version?.value ?? VERSIONS.tools.pnpm },
      };
      break;
    }
    case 'yarn': {
      install = [tool.install(Boolean(lock))];
      node = tool.variant === 'yarn' ? { yarnBerry: { version: plan?.toolchain.version?.value ?? VERSIONS.tools.yarn }, cacheKeyFiles: keyFile } : { cache: 'yarn' };
      break;
    }
    case 'bun':
      install = [tool.install(Boolean(lock))];
      node = { bunVersion: VERSIONS.images.bun.split(':')[1]!, cacheKeyFiles: keyFile };
      break;
    default:
      install = [tool.install(Boolean(lock))];
      node = { cache: 'npm' };
  }
  return {
    name: app.name,
    path: app.path,
    language: 'node',
    label: app.language === 'typescript' ? 'TypeScript' : 'JavaScript',
    runtime: `${app.language === 'typescript' ? 'TypeScript' : 'JavaScript'}, Node`,
    packageManager: pm,
    version: app.nodeVersion,
    versions,
    cacheDependencyPaths: [keyFile],
    install,
    lint,
    ...(testCommand ? { test: { name: 'Tests', run: testCommand.join(' ') } } : {}),
    ...(plan?.build ? { build: { name: 'Build', run: plan.build.value.join(' ') } } : {}),
    ...stores,
    jobEnv: jobEnv(plan),
    prepare,
    migrate: migrateSteps(plan, stores.services, exec),
    placeholderEnv: placeholderEnv(plan, [...stores.serviceEnv.map(([name]) => name), ...jobEnv(plan).map((v) => v.name)]),
    jobIds: jobIds(app),
    node,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Images, Terraform

/** The services that have a Dockerfile (generated in this run by the Docker plugin, or already present). */
export function images(input: CiInput): ImageCi[] {
  const { profile, answers } = input;
  const dockerComposed = input.composedPlugins.includes('docker');
  const existing = new Set(input.dockerfiles ?? profile.existing.dockerfiles);
  const out: ImageCi[] = [];
  for (const spec of serviceSpecs(profile, { projectName: answers.projectName, ...(answers.dockerfile ? { dockerfile: answers.dockerfile } : {}) })) {
    let dockerfile: string | undefined;
    let target: string | undefined;
    // The Docker plugin containerizes every app, at the path services.ts gives, with a `prod` stage; a Dockerfile
    // the project keeps there has its own stages (the files are read after the Docker plugin staged its own).
    if (dockerComposed) {
      dockerfile = spec.dockerfile;
      const stages = input.dockerfileStages?.[dockerfile];
      target = stages ? PROD_STAGES.find((stage) => stages.includes(stage)) : 'prod';
    } else {
      const candidates = [spec.dockerfile, ...(spec.app.path === '.' ? [] : [inApp(spec.app.path, 'Dockerfile')])];
      dockerfile = candidates.find((file) => existing.has(file));
      const stages = dockerfile ? input.dockerfileStages?.[dockerfile] : undefined;
      target = stages ? PROD_STAGES.find((stage) => stages.includes(stage)) : undefined;
    }
    if (!dockerfile) continue;
    out.push({
      service: spec.name,
      jobId: jobIds(spec.app).build,
      dockerfile,
      // The Docker plugin's Dockerfiles build from spec.context (a workspace member's: the workspace root);
      // a project's own <app>/Dockerfile builds from its folder, as `docker build <app>` would.
      context: dockerfile === spec.dockerfile ? spec.context : spec.app.path,
      ...(target ? { target } : {}),
      image: spec.image,
      cacheScope: spec.name,
      // Our Dockerfiles declare these ARGs; a project's own Dockerfile says what it takes itself.
      buildArgs: dockerComposed ? buildArgNames(spec.plan) : [],
      key: spec.name,
      ecrRepository: ecrRepositoryName(answers.projectName, SHELL_ENVIRONMENT, spec.name),
      ecsService: ecsServiceName(answers.projectName, SHELL_ENVIRONMENT, spec.name),
      taskFamily: taskFamily(answers.projectName, SHELL_ENVIRONMENT, spec.name),
      ...(spec.plan.migrate ? { migrationTaskFamily: migrationTaskFamily(answers.projectName, SHELL_ENVIRONMENT, spec.name) } : {}),
    });
  }
  return out;
}

/** Dockerfiles hadolint checks: the ones this run generates and the ones already there. */
export function dockerfilesToLint(input: CiInput, imageList: readonly ImageCi[]): string[] {
  const generated = input.composedPlugins.includes('docker') ? imageList.map((image) => image.dockerfile) : [];
  return unique([...generated, ...(input.dockerfiles ?? input.profile.existing.dockerfiles)]).sort();
}

const dirOf = (file: string): string => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.');
const inside = (dir: string, parent: string): boolean => parent === '.' || dir === parent || dir.startsWith(`${parent}/`);

/**
 * Terraform folders: the Terraform/AWS plugin's workspaces when it is composed or already installed
 * (modules are validated through them), and every other folder holding *.tf files.
 */
export function terraform(input: CiInput): TerraformCi | undefined {
  const { profile, composedPlugins } = input;
  const tfDirs = unique((input.terraformFiles ?? profile.existing.terraformFiles).map(dirOf)).sort();
  const workspacesRoot = `${INFRA_DIR}/workspaces`;
  const aiProjenLayout = composedPlugins.includes('terraform-aws') || tfDirs.some((dir) => inside(dir, workspacesRoot) && dir !== workspacesRoot);
  if (!aiProjenLayout && tfDirs.length === 0) return undefined;
  const validate: string[] = [];
  const fmt: string[] = [];
  if (aiProjenLayout) {
    fmt.push(INFRA_DIR);
    const found = tfDirs.filter((dir) => dir.startsWith(`${workspacesRoot}/`)).map((dir) => dir.split('/').slice(0, 4).join('/'));
    const composed = composedPlugins.includes('terraform-aws') ? WORKSPACES.map((ws) => `${workspacesRoot}/${ws}`) : [];
    // The plugin's order (bootstrap, base, runtime) whether they come from this run or from the disk, then any others.
    const rank = (dir: string) => {
      const index = (WORKSPACES as readonly string[]).indexOf(dir.split('/')[3] ?? '');
      return index < 0 ? WORKSPACES.length : index;
    };
    validate.push(...unique([...composed, ...found]).sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0)));
  }
  const awsWorkspaces = [...validate];
  const others = tfDirs.filter((dir) => !(aiProjenLayout && inside(dir, INFRA_DIR)));
  validate.push(...others);
  for (const dir of others) if (!fmt.some((parent) => inside(dir, parent))) fmt.push(dir);
  // A parent listed after its child (sorted order puts '.' first, so only nested names matter).
  const fmtDirs = fmt.filter((dir, i) => !fmt.some((other, j) => j !== i && other !== dir && inside(dir, other)));
  return { fmtDirs, validateDirs: unique(validate), lockGlob: '**/.terraform.lock.hcl', awsWorkspaces };
}

/** The plugin's S3-backed workspaces for the default environment, with the files `make infra-init` / `make
 * infra-plan` pass (bootstrap keeps local state: nothing a CI runner could read). */
export function infraPlan(tf: TerraformCi | undefined, environment: string): InfraPlanCi | undefined {
  const workspaces = (tf?.awsWorkspaces ?? []).map((dir) => ({ dir, name: dir.split('/').at(-1)! })).filter((ws) => (S3_WORKSPACES as readonly string[]).includes(ws.name));
  if (workspaces.length === 0) return undefined;
  return {
    environment,
    workspaces: workspaces.map((ws) => ({ ...ws, backendConfig: `../../${backendConfigFile(ws.name, environment)}`, varFile: `../../${tfvarsFile(environment)}` })),
  };
}

/** Whether a GitHub branch filter pattern matches a branch name (`*` within a path segment, `**` across, `?`
 * and `+` quantify the previous character, `[...]` a class). */
export function branchPatternMatches(pattern: string, branch: string): boolean {
  const source = pattern.replace(/\*\*|\*|[.^${}()|\\/]/g, (token) => (token === '**' ? '.*' : token === '*' ? '[^/]*' : `\\${token}`));
  return new RegExp(`^${source}$`).test(branch);
}

/** Push branches of lint.yml and test.yml when deploy.yml runs them on the default branch: the others (a
 * pattern that also matches the default branch is followed by its negation). [] means no push trigger. */
export function pushBranchesBesides(branches: readonly string[], defaultBranch: string): string[] {
  const others = branches.filter((branch) => branch !== defaultBranch);
  return others.some((branch) => branchPatternMatches(branch, defaultBranch)) ? [...others, `!${defaultBranch}`] : others;
}

// ---------------------------------------------------------------------------------------------------------
// The whole context

export function ciContext(input: CiInput): CiContext {
  const { profile, answers } = input;
  const pythonVersions = answers.pythonVersions?.length ? answers.pythonVersions : defaultPythonVersions(profile);
  const nodeVersions = answers.nodeVersions?.length ? answers.nodeVersions : defaultNodeVersions(profile);
  const apps = profile.apps.map((app) => (isPython(app) ? pythonApp(app, input, pythonVersions) : nodeApp(app as NodeApp, input, nodeVersions)));
  const imageList = images(input);
  const dockerfiles = dockerfilesToLint(input, imageList);
  const tf = terraform(input);
  const imaged = new Set(imageList.map((image) => image.service));
  const notes: string[] = [];
  const wants = new Set(answers.workflows);
  const environments = answers.environments?.length ? answers.environments : ['dev'];

  for (const app of apps) if (app.lint.length === 0) notes.push(`lint.yml: ${app.name} has no linter, formatter or type checker ai-projen recognises: no lint job for it`);
  for (const app of apps) if (!app.test) notes.push(`test.yml: ${app.name} has no ${app.language === 'python' ? 'pytest' : '`test` script'}: no test job for it`);
  // A Turborepo or Nx workspace lints and tests through its task runner, once: the members it covers get no job of their own.
  const runners = workspaceRunners(profile, apps);
  const covered = (app: AppCi, kind: 'lint' | 'test') => runners.some((r) => r.members[kind].includes(app.name));
  for (const runner of runners) notes.push(`lint.yml, test.yml: the ${runner.root === '.' ? 'root' : runner.root} workspace runs \`${[runner.app.lint[0]?.run, runner.app.test?.run].filter(Boolean).join('` and `')}\` (${runner.tool === 'nx' ? 'nx.json' : 'turbo.json'}) for ${[...new Set([...runner.members.lint, ...runner.members.test])].join(', ')}`);
  // What the project's own workflows already run is not run a second time, unless --workflows asks for it.
  const own = profile.existing.ci;
  const theirs = (app: AppCi, kind: 'lint' | 'test') => {
    if (input.requested?.includes(kind)) return false;
    const job = coveredBy(own, kind, app.path);
    if (job) notes.push(`${kind}.yml: ${app.name} is already ${kind === 'lint' ? 'linted' : 'tested'} by ${job.at} (\`${job.evidence}\`): no job for it (--workflows ${kind} adds one anyway)`);
    return Boolean(job);
  };
  const lintApps = [...apps.filter((app) => app.lint.length > 0 && !covered(app, 'lint') && !theirs(app, 'lint')), ...runners.filter((r) => r.app.lint.length > 0).map((r) => r.app)];
  const testApps = [...apps.filter((app) => app.test && !covered(app, 'test') && !theirs(app, 'test')), ...runners.filter((r) => r.app.test).map((r) => r.app)];
  const theirDeploy = input.requested?.includes('deploy') ? undefined : own.jobs.find((job) => job.role === 'deploy');
  if (theirDeploy && wants.has('deploy')) notes.push(`deploy.yml not generated: the project deploys already (${theirDeploy.at}: \`${theirDeploy.evidence}\`); --workflows deploy adds ours beside it`);
  if (own.shaPinned) notes.push(`the project pins its actions by commit SHA (${own.shaPinned}): ours are pinned the same way, with the release in a comment`);
  if (own.runnerLabels.length > 0) notes.push(`the project's workflows run on self-hosted runners (${own.runnerLabels.join(', ')}): .github/actionlint.yaml declares them so the workflow check knows them`);
  const buildApps = apps.filter((app) => !imaged.has(app.name) && app.build);
  const terraformPlan = infraPlan(tf, environments[0]!);

  const files: Record<Workflow, boolean> = {
    // lint.yml always has at least the workflow check (actionlint).
    lint: wants.has('lint'),
    test: wants.has('test') && testApps.length > 0,
    build: wants.has('build') && (imageList.length > 0 || buildApps.length > 0),
    deploy: wants.has('deploy') && answers.registry === 'ecr' && imageList.length > 0 && !theirDeploy,
    'infra-plan': wants.has('infra-plan') && terraformPlan !== undefined,
  };
  if (wants.has('infra-plan') && !files['infra-plan']) notes.push('infra-plan.yml not generated: no Terraform/AWS workspaces (infra/terraform/workspaces/{base,runtime}: npx ai-projen terraform-aws)');
  // One pipeline on the default branch: deploy.yml runs lint and test, so their own push trigger skips it.
  const deployNeeds = files.deploy ? (['lint', 'test'] as const).filter((wf) => files[wf]) : [];
  const defaultBranch = answers.branches[0] ?? 'main';
  if (wants.has('test') && !files.test) notes.push('test.yml not generated: no app has tests ai-projen can run');
  if (wants.has('build') && !files.build) notes.push('build.yml not generated: no Dockerfile and no `build` script to run');
  if (wants.has('deploy') && !files.deploy && !theirDeploy) {
    notes.push(answers.registry !== 'ecr'
      ? 'deploy.yml not generated: it deploys ECR images to ECS; use --registry ecr (the default when Terraform/AWS is present)'
      : 'deploy.yml not generated: no Dockerfile to build (add the Docker plugin: npx ai-projen docker)');
  }
  // infra-plan.yml runs on pull requests only (its role trusts nothing else): no target dispatches it.
  const makeTargets = ['ci-check', ...WORKFLOWS.filter((wf) => files[wf] && wf !== 'infra-plan').map((wf) => `ci-${wf}`), 'ci-status', 'ci-run'];
  return {
    projectName: answers.projectName,
    versions: own.shaPinned ? shaPinnedVersions() : VERSIONS,
    runner: VERSIONS.actions.runner,
    branches: answers.branches,
    defaultBranch,
    registry: answers.registry,
    awsRegion: answers.awsRegion ?? 'us-east-1',
    environments,
    defaultEnvironment: environments[0]!,
    apps,
    lint: { apps: lintApps, dockerfiles, ...(tf ? { terraform: tf } : {}), workflows: true },
    test: { apps: testApps },
    pushBranches: deployNeeds.length > 0 ? pushBranchesBesides(answers.branches, defaultBranch) : answers.branches,
    deployNeeds,
    ...(files['infra-plan'] && terraformPlan ? { infraPlan: terraformPlan } : {}),
    build: { images: imageList, apps: buildApps },
    deploy: { images: files.deploy ? imageList : [], cluster: clusterName(answers.projectName, SHELL_ENVIRONMENT) },
    files,
    makeTargets,
    notes,
    shellEnvironment: SHELL_ENVIRONMENT,
    runnerLabels: own.runnerLabels,
  };
}
