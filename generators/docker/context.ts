// Pure: (detected profile, answers, the files of each app folder) -> everything the Docker templates need.
// No I/O here: index.ts lists the app folders and passes the lists in, so this module is unit-tested directly.
// Names that cross plugins (service names, ports, health path, Dockerfile paths, images) come from
// serviceSpecs() and are never recomputed.
import path from 'node:path';
import type { DockerfileMode } from '../lib/services.js';
import { AiProjenError } from '../lib/errors.js';
import { assertInsideProject } from '../lib/names.js';
import { compileGitignore } from '../lib/walk.js';
import { redisEnv, sqlEnv } from '../lib/plan/connection.js';
import { composeFacts, copySources, hasHealthcheck, PROD_STAGES, stageNames } from '../lib/plan/container-files.js';
import { NODE_TOOLCHAINS, type NodeVariant } from '../lib/toolchains/node.js';
import { isDevRequirementsFile, PYPROJECT_IMAGE, PYTHON_TOOLCHAINS, type ImageStep } from '../lib/toolchains/python/index.js';
import { buildArgNames, buildSwitches, isDeployed, isNodePlan, isPythonPlan, planOf, type AppPlan, type HealthCheck, type NodePlan } from '../lib/plan/index.js';
import { isNode, isPython, type App, type NodeApp, type ProjectProfile, type PythonApp } from '../lib/profile.js';
import { optionName } from '../lib/questions.js';
import { serviceSpecs, type ServiceSpec } from '../lib/services.js';
import { VERSIONS, type Versions } from '../lib/versions.js';

export const BACKING_SERVICES = ['db', 'redis'] as const;
export type BackingService = (typeof BACKING_SERVICES)[number];

export interface DockerAnswers {
  projectName: string;
  ports?: Record<string, number>;
  healthCheckPath?: string;
  /** Backing services added to the compose files. */
  services?: BackingService[];
  /** Overrides the detected Python version of every Python app ('' or absent: each app's own). */
  pythonVersion?: string;
  /** Overrides the detected Node major of every Node app ('' or absent: each app's own). */
  nodeVersion?: string;
  /** Folder (relative to the project root) the Dockerfiles, compose files and .env.example go to. */
  installPath?: string;
  /** What to do with a Dockerfile the project has at a service's path (keep: default). */
  dockerfile?: DockerfileMode;
}

/** Files of each app folder, relative to that folder (POSIX), keyed by the app's path. */
export type AppFiles = Readonly<Record<string, readonly string[]>>;

/** Paths the generator writes; they end up in Makefile recipes and compose files, so they stay plain. */
const SAFE_PATH = /^[A-Za-z0-9._/-]+$/;
export const USER_ID = 10001;
/** The `node` user of the official Node images and the `bun` user of oven/bun. */
const NODE_USER_ID = 1000;
/** The `nginx` user of nginxinc/nginx-unprivileged. */
const NGINX_USER_ID = 101;

// ---------------------------------------------------------------------------------------------------------
// Answers: defaults and parsing (used by the questions in index.ts)

/** Backing services of the deployed apps' plans: a PostgreSQL data store -> db, Redis -> redis (sqlite: none). */
export function defaultBackingServices(profile: ProjectProfile): BackingService[] {
  const wanted = new Set(planOf(profile).filter(isDeployed).flatMap((plan) => plan.dataStores.map((store) => store.value)));
  return BACKING_SERVICES.filter((s) => wanted.has(s === 'db' ? 'postgres' : 'redis'));
}

export function parseBackingServices(raw: unknown): BackingService[] {
  const items = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
    .map((item) => String(item).trim().toLowerCase())
    .filter((item) => item !== '' && item !== 'none');
  const out = new Set<BackingService>();
  for (const item of items) {
    const name = ['postgres', 'postgresql'].includes(item) ? 'db' : item;
    if (!(BACKING_SERVICES as readonly string[]).includes(name)) {
      throw new AiProjenError(`--${optionName('services')}: '${item}' is not one of ${BACKING_SERVICES.join(', ')} (or none)`);
    }
    out.add(name as BackingService);
  }
  return BACKING_SERVICES.filter((s) => out.has(s));
}

/** The version all apps of a language agree on, '' when they differ or there is none. */
export function defaultPythonVersion(profile: ProjectProfile): string {
  const versions = new Set(profile.apps.filter(isPython).map((app) => app.pythonVersion));
  return versions.size === 1 ? [...versions][0]! : '';
}

export function defaultNodeVersion(profile: ProjectProfile): string {
  const versions = new Set(profile.apps.filter((app): app is NodeApp => isNode(app) && app.packageManager !== 'bun').map((app) => app.nodeVersion));
  return versions.size === 1 ? [...versions][0]! : '';
}

export function parsePythonVersion(raw: unknown): string {
  const value = String(raw ?? '').trim();
  if (value === '' || /^3\.\d{1,2}(\.\d{1,2})?$/.test(value)) return value;
  throw new AiProjenError(`--${optionName('pythonVersion')}: '${value}' is not a Python version like 3.12 (python:<version>-slim image tag)`);
}

export function parseNodeVersion(raw: unknown): string {
  const value = String(raw ?? '').trim().replace(/^v/, '');
  if (value === '' || /^\d{2}(\.\d{1,2}){0,2}$/.test(value)) return value;
  throw new AiProjenError(`--${optionName('nodeVersion')}: '${value}' is not a Node.js version like 22 (node:<version>-bookworm-slim image tag)`);
}

/** A folder inside the project; '.' for the root. `../x`, absolute paths and odd characters are refused. */
export function parseInstallPath(raw: unknown, root: string): string {
  let rel: string;
  try {
    rel = assertInsideProject(root, String(raw ?? '.').trim() || '.');
  } catch (error) {
    throw new AiProjenError(`--${optionName('installPath')}: ${(error as Error).message}`);
  }
  if (!SAFE_PATH.test(rel)) {
    throw new AiProjenError(`--${optionName('installPath')}: '${rel}' may only contain letters, digits, '.', '_', '-' and '/'`);
  }
  return rel;
}

// ---------------------------------------------------------------------------------------------------------
// Context types

export interface PythonBuild {
  /** python:<version>-slim-<debian> */
  version: string;
  /** Template branch: how dependencies are installed. pdm and hatch use `pyproject` (pip from pyproject.toml). */
  variant: 'uv' | 'poetry' | 'pip' | 'pipenv' | 'pyproject';
  packageManager: PythonApp['packageManager'];
  /** Pinned installer version (uv, poetry, pipenv), '' for pip. */
  toolVersion: string;
  lockFile?: string;
  /** Dependency manifests copied before the source (only files that exist), e.g. ['pyproject.toml', 'uv.lock']. */
  manifests: string[];
  /** requirements files: installed in base (runtime) and dev (the rest). */
  runtimeRequirements: string[];
  devRequirements: string[];
  /** requirements/ folder copied as a whole. */
  requirementsDir: boolean;
  /** The installs of each stage (the manager's commands, toolchains/python/). */
  steps: { runtime?: ImageStep; dev?: ImageStep; devProject?: ImageStep; build?: ImageStep };
  /** Stage the prod image takes /opt/venv from: 'build' when the project itself is installed there. */
  venvStage: 'base' | 'build';
  /** PYTHONPATH for a src/ layout that is not installed. */
  pythonPath?: string;
  /** Source paths (files or folders, relative to the context) the prod image needs. */
  runtimePaths: string[];
  cmd: { dev: string[]; prod: string[]; lint: string[]; test: string[] };
  migrate?: string[];
  /** Run at build time in the prod image (Django collectstatic). */
  staticFiles?: string[];
}

export interface NodeBuild {
  /** Template branch: yarn-classic is yarn 1 (bundled with the Node image), yarn is Berry via corepack. */
  variant: NodeVariant;
  /** Shell commands of the package manager (toolchains/node.ts): full install, prod-only install, prune; its cache mount. */
  install: string;
  installProd: string;
  prune: string;
  cacheMount: string;
  /** node:<version>-bookworm-slim (unused for bun). */
  version: string;
  /** pnpm / yarn version installed with corepack. */
  pmVersion: string;
  lockFile?: string;
  /** Manifests copied before `install` (only files that exist), relative to the context. */
  manifests: string[];
  /** COPY lines of the base stage: sources (context-relative) and their destination under /app. */
  manifestCopies: Array<{ files: string[]; dest: string }>;
  /** Folder of the app inside the context ('.' unless the context is the root of the app's workspace). */
  appDir: string;
  /** Workspace packages the app imports (context-relative), copied into prod without their dev dependencies. */
  localPackages: string[];
  spa: boolean;
  hasBuild: boolean;
  /** Build output served by nginx (SPA) or run by node (server), relative to /app. */
  buildDir: string;
  /** What the prod image copies from the build stage: the absolute path in the build image, and where it goes below /app. */
  prodCopy: Array<{ from: string; to: string }>;
  /** The prod image takes node_modules from prod-deps (not for self-contained outputs: Next.js standalone, Nitro). */
  prodDeps: boolean;
  /** prod-deps prunes the built tree (npm prune) instead of a fresh prod-only install: the project has install scripts. */
  pruneFromBuild: boolean;
  /** The server loads a dev dependency at start (next.config imports it): prod-deps installs everything. */
  keepDevDependencies: boolean;
  hostnameEnv: boolean;
  /** A cache mount for the framework's build cache (Next.js .next/cache), absolute in the image. */
  buildCache?: string;
  /** Public variables the bundler inlines (NEXT_PUBLIC_*, VITE_*): build arguments of the build stage. */
  buildArgs: string[];
  /** Set in the lint, test and build stages (an env schema's skip switch): they load the config, not the server. */
  buildSwitches: Array<{ name: string; value: string }>;
  /** Context-relative files the install needs before the source (Prisma schema folder, prisma.config.ts). */
  installInputs: string[];
  /** Prisma's engines need OpenSSL, which the slim image lacks. */
  openssl: boolean;
  /** No build step: prod copies the context (filtered by the ignore file) instead. */
  copySource: boolean;
  cmd: { dev: string[]; prod: string[]; lint: string[]; test: string[]; build: string[] };
  /** Builds the workspace packages the app imports, in the dev stage. */
  devBuild?: string[];
  /** Their build output folders (workspace-root relative), kept by compose over the bind mounts. */
  packageOutputs?: string[];
  /** nginx config inside the build context (SPA). */
  nginxConf?: { path: string; inContext: string };
}

export interface ComposeService {
  /** Build context relative to the compose file's folder ('./backend', '.', '..'). */
  context: string;
  /** Dockerfile relative to the build context (what compose's `build.dockerfile` means). */
  dockerfile: string;
  /** Dev bind mounts and anonymous volumes. */
  devVolumes: string[];
  /** Variable of the published host port, and its default (unique across the stack). */
  hostPortVar: string;
  hostPort: number;
  environment: { dev: Array<[string, string]>; prod: Array<[string, string]> };
  dependsOn: string[];
  /** Health check command (exec form, without the leading CMD) of the dev and prod images. */
  healthcheck: { dev: string[]; prod: string[] };
  /** read_only root filesystem in prod (tmpfs /tmp). */
  readOnly: boolean;
}

export interface DockerService {
  spec: ServiceSpec;
  /** The stages compose, Make and CI build: ours, or those of the project's own Dockerfile (kept, not written). */
  stages: DockerfileStages;
  /** Variables the app reads with no default in its code that the compose files do not set: .env.example
   * documents them (commented out) for the user to fill in. */
  appSettings: Array<{ name: string; secret: boolean; from: string }>;
  name: string;
  /** Its name in the dev stack: the project's own compose service for the app when the project's compose file
   * is kept, else `name`. Make targets address the service by it. */
  devName: string;
  image: string;
  port: number;
  healthPath: string;
  /** Project-relative paths. */
  dockerfile: string;
  context: string;
  dockerignore: string;
  /** 'context' when the ignore file is <context>/.dockerignore, 'dockerfile' when it is <Dockerfile>.dockerignore. */
  ignoreKind: 'context' | 'dockerfile';
  ignorePatterns: string[];
  language: 'python' | 'node';
  kind: 'python' | 'node-server' | 'spa';
  summary: string;
  python?: PythonBuild;
  node?: NodeBuild;
  compose: ComposeService;
  /** Prod HEALTHCHECK command (exec form). */
  healthcheck: string[];
  /** Make target suffix and the tag of the lint/test images. */
  lintImage: string;
  testImage: string;
}

export interface DockerContext {
  projectName: string;
  installPath: string;
  versions: Versions;
  services: DockerService[];
  /** The service `make docker-shell` / `docker-exec` use by default. */
  primary: string;
  backing: { db: boolean; redis: boolean };
  db: { user: string; password: string; name: string };
  compose: { dev: string; prod: string; override?: string; devName: string; prodName: string; reused: string[] };
  envExample: string;
  hostPorts: Array<[string, number]>;
  migrations: Array<{ service: string; command: string[]; from: string }>;
  /** HEALTHCHECK timings; the dev stage checks more often (compose up --wait returns sooner). */
  healthcheck: { interval: string; devInterval: string; timeout: string; startPeriod: string; retries: number };
  /** Numeric users of the prod images (non-root). */
  users: { python: number; node: number; nginx: number };
  notes: string[];
  /** JSON encoding of a value: a Dockerfile exec form, a YAML flow sequence, a quoted YAML scalar. */
  json: (value: unknown) => string;
  /** Shell-quoted words for Makefile recipes and `sh -c`. */
  shell: (words: readonly string[]) => string;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers (exported for tests)

const posix = path.posix;

/** `to` relative to `from` (both project-relative), '.' when equal. */
export function relPath(from: string, to: string): string {
  return posix.relative(posix.normalize(from), posix.normalize(to)) || '.';
}

/** A compose-relative path: './x' rather than 'x' so it reads as a path. */
export function composeRel(from: string, to: string): string {
  const rel = relPath(from, to);
  return rel === '.' || rel.startsWith('..') ? rel : `./${rel}`;
}

/** JSON with a space after each comma of a flat array: `["a", "b"]`, the form Dockerfile and compose examples use. */
export const toJson = (value: unknown): string =>
  Array.isArray(value) ? `[${value.map((item) => JSON.stringify(item)).join(', ')}]` : JSON.stringify(value);

export const projectJoin = (...parts: string[]): string => posix.normalize(posix.join(...parts));

export function shellQuote(words: readonly string[]): string {
  return words.map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** A command list as one exec form: the command itself, or `sh -c "a && b"` for several. */
export function chain(commands: readonly string[][]): string[] {
  if (commands.length === 1) return [...commands[0]!];
  return ['sh', '-c', commands.map((c) => shellQuote(c)).join(' && ')];
}

/** Upper-case environment variable name of a service (`fullstack-backend` -> `FULLSTACK_BACKEND`). */
export const envName = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

// ---------------------------------------------------------------------------------------------------------
// Python

function pythonBuild(app: PythonApp, plan: AppPlan, files: readonly string[], answers: DockerAnswers, notes: string[], label: string): PythonBuild {
  const version = answers.pythonVersion || app.pythonVersion;
  const has = (f: string): boolean => files.includes(f);
  // How the manager installs in an image (toolchains/python/); pip without requirements files installs the pyproject.
  const tool = PYTHON_TOOLCHAINS[app.packageManager];
  const image = tool.image.variant === 'pip' && !app.manifestFiles.some((f) => f.endsWith('.txt')) ? PYPROJECT_IMAGE : tool.image;
  const variant = image.variant;
  const toolVersion = isPythonPlan(plan) ? plan.toolchain.version.value : tool.defaultVersion;
  if (app.packageManager === 'pdm' || app.packageManager === 'hatch') {
    notes.push(`${label}: ${app.packageManager} projects are installed with pip from pyproject.toml (\`pip install .\`); ${app.lockFile ?? 'the lock file'} is not used in the image`);
  }
  const requirements = app.manifestFiles.filter((f) => f.endsWith('.txt'));
  const requirementsDir = requirements.some((f) => f.startsWith('requirements/'));
  const runtimeRequirements = variant === 'pip' ? requirements.filter((f) => !isDevRequirementsFile(f)) : [];
  const devRequirements = variant === 'pip' ? requirements.filter((f) => isDevRequirementsFile(f)) : [];
  if (variant === 'pip' && runtimeRequirements.length === 0) {
    notes.push(`${label}: no runtime requirements file (only ${requirements.join(', ')}): the prod image installs them all`);
    runtimeRequirements.push(...devRequirements.splice(0));
  }
  const manifests = variant === 'pip' ? requirements.filter((f) => !f.startsWith('requirements/')) : [...tool.manifests];
  const existing = manifests.filter((f) => has(f) || app.manifestFiles.includes(f));
  const lockFile = app.lockFile && existing.includes(app.lockFile) ? app.lockFile : undefined;
  if (['uv', 'poetry', 'pipenv'].includes(variant) && !lockFile) {
    notes.push(`${label}: no ${manifests[1]} found: the image resolves dependencies at build time; commit a lock file for reproducible builds`);
  }

  const ctx = { locked: lockFile !== undefined, extras: app.extras, runtimeRequirements, devRequirements };
  const [runtimeStep, devStep] = [image.runtime?.(ctx), image.dev?.(ctx)];
  const steps = {
    ...(runtimeStep ? { runtime: runtimeStep } : {}),
    ...(devStep ? { dev: devStep } : {}),
    ...(image.devProject ? { devProject: image.devProject(ctx) } : {}),
    ...(image.build ? { build: image.build(ctx) } : {}),
  };

  // Commands come from the plan (what the project declares, else its framework's conventions).
  const lint = plan.lint.map((f) => f.value);
  if (lint.length === 0) {
    lint.push(['python', '-m', 'compileall', '-q', '.']);
    notes.push(`${label}: no linter in the dependencies (ruff, black, flake8, mypy...): the lint stage only byte-compiles the sources`);
  }
  const test = plan.tests[0]?.value ?? ['python', '-c', "print('no test runner in the dependencies')"];
  if (plan.tests.length === 0) notes.push(`${label}: no test runner in the dependencies (pytest) and no tests/test_*.py: the test stage does nothing until you add one`);
  return {
    version,
    variant,
    packageManager: app.packageManager,
    toolVersion,
    ...(lockFile ? { lockFile } : {}),
    manifests: existing,
    runtimeRequirements,
    devRequirements,
    requirementsDir,
    steps,
    venvStage: steps.build ? 'build' : 'base',
    ...(app.srcLayout && variant !== 'uv' ? { pythonPath: '/app/src' } : {}),
    // The whole build context (the ignore file keeps tests, caches and secrets out): entry modules, config
    // files, migrations and templates all live beside the package.
    runtimePaths: ['.'],
    cmd: { dev: plan.dev.value, prod: plan.start.value, lint: chain(lint), test },
    ...(plan.migrate ? { migrate: plan.migrate.value } : {}),
    ...(plan.staticFiles ? { staticFiles: plan.staticFiles.value } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Node

function nodeBuild(profile: ProjectProfile, app: NodeApp, plan: NodePlan, files: readonly string[], answers: DockerAnswers, notes: string[], label: string): NodeBuild {
  const has = (f: string): boolean => files.includes(f);
  // A workspace member installs from the workspace root (the build context): its lock file and configuration.
  const ws = app.workspace;
  const appDir = ws ? relPath(ws.root, app.path) : '.';
  const rootLock = ws ? ws.lockFile : app.lockFile && has(app.lockFile) ? app.lockFile : undefined;
  const hasConfig = (f: string): boolean => (ws ? ws.configFiles.includes(f) : has(f));
  const variant = plan.toolchain.variant;
  const tool = NODE_TOOLCHAINS[variant];
  const pmVersion = plan.toolchain.version?.value ?? '';
  if (app.packageManager === 'bun' && answers.nodeVersion) notes.push(`${label}: a bun app runs on ${VERSIONS.images.bun}; --node-version does not apply`);
  const lockFile = rootLock;
  if (!lockFile) {
    notes.push(`${label}: no lock file${ws ? ` at the workspace root (${ws.root})` : ''}: the image installs with \`${tool.install(false)}\` (not reproducible); commit ${tool.lockFile}`);
  }
  const extra = ws ? ws.configFiles : variant === 'yarn' ? ['.yarnrc.yml'] : variant === 'pnpm' ? ['pnpm-workspace.yaml'] : [];
  const manifests = ['package.json', ...(lockFile ? [lockFile] : []), ...extra.filter(hasConfig)];
  // Every member's package.json: the workspace install checks them all against the lock file.
  const manifestCopies = [{ files: [...manifests], dest: './' }, ...(ws?.members ?? []).map((m) => ({ files: [`${m}/package.json`], dest: `${m}/` }))];
  if (ws) manifests.push(...ws.members.map((m) => `${m}/package.json`));
  if (variant === 'yarn' && hasConfig('.yarnrc.yml')) notes.push(`${label}: Yarn Berry must use \`nodeLinker: node-modules\` for the images (they copy node_modules)`);

  const run = tool.run;
  const bun = variant === 'bun';
  // The plan's commands use node and the project's package manager; a Bun app runs them with bun.
  const onRuntime = (command: readonly string[]): string[] => (bun && command[0] === 'node' ? ['bun', ...command.slice(1)] : [...command]);
  const spa = plan.recipe.value === 'static';
  const hasBuild = plan.build !== undefined;
  const lintCommands = plan.lint.map((f) => onRuntime(f.value));
  // No lint script: nothing is invented (a bare `tsc --noEmit` fails on projects whose types are generated at build).
  if (lintCommands.length === 0) {
    lintCommands.push([bun ? 'bun' : 'node', '-e', "console.log('no lint script in package.json')"]);
    notes.push(`${label}: no lint, format-check or type-check script in package.json: the lint stage does nothing until you add one`);
  }
  const test = plan.tests[0] ? onRuntime(plan.tests[0].value) : [bun ? 'bun' : 'node', '-e', "console.log('no test script in package.json')"];
  if (plan.tests.length === 0) notes.push(`${label}: no test script in package.json: the test stage does nothing until you add one`);

  // What the prod stage takes from the build, per recipe (paths relative to the app folder).
  const buildDir = plan.buildOutput?.value ?? 'dist';
  let prodCopy: Array<{ from: string; to: string }> = [];
  let prodDeps = true;
  switch (plan.recipe.value) {
    case 'next':
      // `next start` loads next.config and every file it imports (an env schema, shared config).
      prodCopy = ['.next', 'package.json', ...(files.some((f) => f === 'public' || f.startsWith('public/')) ? ['public'] : []), ...(plan.runtimeFiles?.value ?? [])]
        .map((p) => ({ from: p, to: p }));
      if (plan.runtimeDevPackages) notes.push(`${label}: next.config imports ${plan.runtimeDevPackages.value.join(', ')}, a dev dependency: the prod image keeps the dev dependencies (move it to dependencies for a smaller image)`);
      break;
    case 'next-standalone':
      // `output: 'standalone'`: server.js with the node_modules it traced; static files and public/ beside it.
      prodCopy = [{ from: '.next/standalone', to: '.' }, { from: '.next/static', to: '.next/static' }, ...(files.some((f) => f === 'public' || f.startsWith('public/')) ? [{ from: 'public', to: 'public' }] : [])];
      prodDeps = false;
      break;
    case 'nitro':
      // Nitro bundles the server and what it imports into .output: no node_modules in the image.
      prodCopy = [{ from: '.output', to: '.output' }];
      prodDeps = false;
      break;
    default: {
      // A server of the project's own beside the build (React Router's `node server.js` loading build/server).
      const entry = plan.start.value.at(-1)!;
      const ownServer = has(entry) && !entry.startsWith(`${buildDir}/`) ? [entry] : [];
      // An Nx application of the integrated layout has no package.json of its own.
      if (hasBuild && !spa) prodCopy = [buildDir, ...(has('package.json') ? ['package.json'] : []), ...ownServer].filter((p, i, all) => all.indexOf(p) === i).map((p) => ({ from: p, to: p }));
    }
  }
  if (spa && !hasBuild) notes.push(`${label}: no build script: the prod stage serves ${buildDir}/, which must then be committed`);
  const nginxConf = spa ? { path: projectJoin(app.path, '.docker/nginx/default.conf'), inContext: projectJoin(appDir, '.docker/nginx/default.conf') } : undefined;
  // The workspace packages the app imports are built first, each after its own dependencies.
  const build = ws && ws.buildOrder.length > 0
    ? chain([...ws.buildOrder.flatMap((m) => [['cd', `/app/${m}`], run('build')]), ['cd', projectJoin('/app', appDir)], plan.build?.value ?? run('build')])
    : plan.build?.value ?? run('build');
  // Install scripts (a postinstall `prisma generate`) need their inputs before the install, and a prod-only
  // install would run them without their dev dependencies: prod-deps then prunes the built tree instead.
  const prisma = plan.prisma ? [posix.dirname(plan.prisma.value), ...files.filter((f) => /^prisma\.config\.[cm]?[jt]s$/.test(f))] : [];
  const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'].some((name) => app.scripts[name] !== undefined);
  const locked = Boolean(lockFile);
  const focused = (prod: boolean): string | undefined => (ws && plan.packageName ? tool.focus?.(plan.packageName, prod, locked, ws.rootName) : undefined);
  // An Nx application of the integrated layout is no workspace member: the whole workspace is its install.
  if (ws && ws.members.length > 0 && !focused(false)) {
    const why = !plan.packageName ? 'its package.json has no name to select it by'
      : tool.focus ? `the workspace root's package.json has no name, which \`yarn workspaces focus\` needs`
      : `${variant === 'yarn-classic' ? 'Yarn 1' : variant} cannot install one workspace member`;
    notes.push(`${label}: ${why}: the image installs the whole workspace`);
  }
  // The image's pnpm store is a cache mount; pnpm's own default is in the home folder.
  const store = variant === 'pnpm' ? ' --store-dir /pnpm/store' : '';
  return {
    variant,
    version: answers.nodeVersion || app.nodeVersion,
    pmVersion,
    // A workspace member installs itself and the members it imports, not the whole workspace (its mobile app...).
    install: (focused(false) ?? tool.install(locked)) + store,
    // prod-deps starts from base's full tree: npm ci clears node_modules itself, the others are given a clean one.
    installProd: `${variant === 'npm' ? '' : 'rm -rf node_modules && '}${focused(true) ?? tool.installProd(locked)}${store}`,
    prune: tool.prune(locked) + store,
    cacheMount: tool.cacheMount,
    ...(lockFile ? { lockFile } : {}),
    manifests,
    manifestCopies,
    appDir,
    localPackages: ws?.localDependencies ?? [],
    spa,
    hasBuild,
    buildDir,
    // Paths from the app folder may climb out of it (an Nx build in the workspace's dist/): COPY gets them resolved.
    prodCopy: prodCopy.map((p) => ({
      from: posix.join('/app', appDir, p.from),
      to: p.to === '.' ? (appDir === '.' ? './' : `./${appDir}/`) : `./${posix.join(appDir, p.to)}`,
    })),
    prodDeps,
    pruneFromBuild: installScripts && hasBuild && !ws,
    keepDevDependencies: plan.runtimeDevPackages !== undefined,
    // Next.js's standalone server.js binds HOSTNAME (the container's own name unless the image sets it).
    hostnameEnv: plan.recipe.value === 'next-standalone',
    ...(plan.recipe.value.startsWith('next') ? { buildCache: projectJoin('/app', appDir, '.next/cache') } : {}),
    buildArgs: buildArgNames(plan),
    buildSwitches: buildSwitches(plan),
    installInputs: prisma.map((p) => projectJoin(appDir, p)),
    openssl: plan.prisma !== undefined,
    copySource: !spa && !hasBuild,
    // The dev container regenerates the Prisma client first: the bind-mounted sources hide the one the image generated.
    cmd: { dev: plan.generate ? ['sh', '-c', `${shellQuote(plan.generate.value)} && exec ${shellQuote(onRuntime(plan.dev.value))}`] : onRuntime(plan.dev.value), prod: onRuntime(plan.start.value), lint: chain(lintCommands), test, build },
    // The workspace packages the app imports are built in the dev image too (their output is what it loads).
    ...(ws && ws.buildOrder.length > 0 ? { packageOutputs: ws.buildOrder.flatMap((m) => {
      const output = planOf(profile).find((p) => p.path === projectJoin(ws.root, m) && isNodePlan(p)) as NodePlan | undefined;
      return output?.packageOutput ? [`${m}/${output.packageOutput.value}`] : [];
    }) } : {}),
    ...(ws && ws.buildOrder.length > 0 ? { devBuild: chain(ws.buildOrder.flatMap((m) => [['cd', `/app/${m}`], run('build')])) } : {}),
    ...(nginxConf ? { nginxConf } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// .dockerignore

const COMMON_IGNORES = [
  '.git', '.github', '.ai', '**/.DS_Store', '.idea', '.vscode',
  '**/.env', '**/.env.*', '!**/.env.example',
  '**/*.pem', '**/*.key', '**/*.p12', '**/id_rsa*', '**/id_ecdsa*', '**/id_ed25519*', '.aws', '.ssh', '**/.terraform', '**/*.tfstate', '**/*.tfstate.*',
  'Dockerfile', '**/*.Dockerfile', '**/*.dockerignore', '.dockerignore', '.docker/dockerfiles',
  '**/docker-compose*.yml', '**/docker-compose*.yaml', '**/compose*.yml', '**/compose*.yaml',
];
const PYTHON_IGNORES = [
  '**/__pycache__', '**/*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox',
  '.coverage', '.coverage.*', 'htmlcov', 'coverage.xml', '*.egg-info', 'build', 'dist',
];
const NODE_IGNORES = [
  '**/node_modules', 'dist', 'build', '.next', 'out', 'coverage', '.turbo', '.parcel-cache', '.eslintcache',
  '*.tsbuildinfo', 'npm-debug.log*', 'yarn-debug.log*', 'yarn-error.log*', 'pnpm-debug.log*', '.pnpm-store', '.yarn/cache', '.yarn/install-state.gz',
];

/** A .dockerignore pattern that matches the path or one of its parent folders (the COPY source would vanish). */
function ignores(pattern: string, source: string): boolean {
  const matches = compileGitignore(pattern);
  const parts = source.split('/');
  return parts.some((_, i) => matches(parts.slice(0, i + 1).join('/'), true));
}

function ignorePatterns(app: App, otherApps: readonly App[], context: string): string[] {
  const own = isPython(app) ? PYTHON_IGNORES : NODE_IGNORES;
  const inContext = (p: string) => p !== context && (context === '.' || p.startsWith(`${context}/`));
  const ws = isNode(app) ? app.workspace : undefined;
  const members = new Set((ws?.members ?? []).map((m) => projectJoin(context, m)));
  // A context above the app also holds the other apps' folders: they are not part of this image...
  const others = otherApps.filter((a) => a !== app && inContext(a.path) && !members.has(a.path)).map((a) => relPath(context, a.path));
  // ...except the package.json of every workspace member (the install needs them) and the packages the app imports.
  const keep = new Set([relPath(context, app.path), ...(ws?.localDependencies ?? [])]);
  const siblings = (ws?.members ?? []).filter((m) => !keep.has(m)).flatMap((m) => [`${m}/*`, `!${m}/package.json`]);
  return [...COMMON_IGNORES, ...own, ...others, ...siblings];
}

// ---------------------------------------------------------------------------------------------------------
// Compose files: reuse the project's own file names so `docker compose` never picks between two files.

const DEV_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const PROD_FILE = /\.(prod|production)\.ya?ml$/;

/** The compose files of the stacks: the project's own names when it has them; `override` is the file compose loads
 * with the dev file by default (`<dev>.override.yaml`), which a `-f` list must name too or compose skips it. */
export function composePaths(existing: readonly string[], installPath: string): { dev: string; prod: string; override?: string; reused: string[] } {
  const inDir = existing.filter((f) => posix.dirname(f) === installPath).map((f) => posix.basename(f));
  const devName = DEV_NAMES.find((n) => inDir.includes(n)) ?? 'docker-compose.yml';
  const stem = devName.replace(/\.ya?ml$/, '');
  const prodName = inDir.filter((n) => PROD_FILE.test(n) && n.startsWith(stem)).sort()[0]
    ?? inDir.filter((n) => PROD_FILE.test(n)).sort()[0]
    ?? devName.replace(/\.(ya?ml)$/, '.prod.$1');
  const overrideName = [`${stem}.override.yaml`, `${stem}.override.yml`].find((n) => inDir.includes(n));
  const at = (n: string) => projectJoin(installPath, n);
  return { dev: at(devName), prod: at(prodName), ...(overrideName ? { override: at(overrideName) } : {}), reused: [devName, prodName].filter((n) => inDir.includes(n)).map(at) };
}

// ---------------------------------------------------------------------------------------------------------


/** The HEALTHCHECK command (exec form) of an image: an HTTP GET of the plan's path, or a TCP connect. */
function healthcheckCommand(kind: DockerService['kind'], runtime: string, port: number, health: HealthCheck, stage: 'dev' | 'prod'): string[] {
  // No HTTP route to probe (tcp, or none planned): a TCP connect to the port, never an invented path.
  if (health.kind !== 'http') {
    if (kind === 'python') return ['python', '-c', `import socket; socket.create_connection(('127.0.0.1', ${port}), 3)`];
    return [runtime, '-e', `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`];
  }
  const url = `http://127.0.0.1:${port}${health.path}`;
  if (kind === 'python') return ['python', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=3)`];
  if (kind === 'spa' && stage === 'prod') return ['wget', '-q', '--spider', url];
  return [runtime, '-e', `fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`];
}

/**
 * @param generated files an earlier run wrote (the `generatedFiles` record of .yo-rc.json): an existing compose
 * file among them is ours, not the user's, and needs no note.
 */
/** What a service builds from a Dockerfile the project keeps: its stages, and the sources it copies (which the
 * ignore file must let through). Ours has dev, lint, test and prod. */
export interface DockerfileStages {
  kept: boolean;
  dev?: string;
  prod?: string;
  lint: boolean;
  test: boolean;
  /** Its last stage declares a HEALTHCHECK (else compose declares one). */
  healthcheck: boolean;
  copies: string[];
}

export function keptStages(text: string): DockerfileStages {
  const names = stageNames(text);
  const prod = PROD_STAGES.find((n) => names.includes(n));
  return {
    kept: true,
    ...(names.includes('dev') ? { dev: 'dev' } : {}),
    ...(prod ? { prod } : {}),
    lint: names.includes('lint'),
    test: names.includes('test'),
    healthcheck: hasHealthcheck(text),
    copies: copySources(text),
  };
}

const OUR_STAGES: DockerfileStages = { kept: false, dev: 'dev', prod: 'prod', lint: true, test: true, healthcheck: true, copies: [] };

/** `keptDockerfile(path)`: the text of the project's own Dockerfile at a service's path, which the run keeps
 * (it exists, ai-projen never wrote it, no --force); undefined otherwise. */
export function buildContext(profile: ProjectProfile, answers: DockerAnswers, appFiles: AppFiles, generated: readonly string[] = [], keptDockerfile: (path: string) => string | undefined = () => undefined, keptCompose: (path: string) => string | undefined = () => undefined): DockerContext {
  const notes: string[] = [];
  const installPath = parseInstallPath(answers.installPath ?? '.', profile.root);
  const specs = serviceSpecs(profile, { projectName: answers.projectName, ports: answers.ports, healthCheckPath: answers.healthCheckPath, installPath, dockerfile: answers.dockerfile });
  // --dockerfile alongside: the project's own stays as it is, next to ours.
  for (const spec of specs) {
    const theirs = projectJoin(installPath, 'Dockerfile');
    if (answers.dockerfile === 'alongside' && spec.dockerfile !== theirs && profile.existing.dockerfiles.includes(theirs) && spec.app.path === '.') {
      notes.push(`${spec.name}: ${theirs} is the project's own and stays untouched (--dockerfile alongside); ours is ${spec.dockerfile}, which compose, Make and CI build`);
    }
  }
  if (specs.length === 0) {
    throw new AiProjenError(`nothing to containerise: ${profile.apps.map((app) => app.path).join(', ')} ${profile.apps.length === 1 ? 'is a workspace library' : 'are workspace libraries'} (no start or dev script, no server or front-end framework)`);
  }
  const backing = { db: (answers.services ?? []).includes('db'), redis: (answers.services ?? []).includes('redis') };
  const compose = composePaths(profile.existing.composeFiles, installPath);
  for (const file of compose.reused.filter((f) => !generated.includes(f))) {
    notes.push(`${file} exists: ai-projen writes its compose file to that path rather than adding a second one (docker compose would pick one of them); if you changed it, it is kept with --yes and reported as a conflict`);
  }
  // Compose loads the override with the dev file only when no -f is given: the Makefile names both.
  if (compose.override) notes.push(`${compose.override} exists: the Makefile's dev targets pass it after ${compose.dev} (-f ${compose.dev} -f ${compose.override}), as docker compose does without -f; the prod stack (${compose.prod}) does not load it`);

  const db = { user: 'app', password: 'app-dev-password', name: answers.projectName.replace(/-/g, '_') };
  const dbEnv = (prod: boolean): string => (prod ? '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}' : `\${POSTGRES_PASSWORD:-${db.password}}`);

  // Two services on the same container port (a Next.js web and a NestJS api, both 3000) get distinct host ports.
  const hostPorts = new Map<string, number>();
  const taken = new Set<number>([5432, 6379]);
  for (const spec of specs) {
    let port = spec.port;
    while (taken.has(port)) port += 1;
    taken.add(port);
    hostPorts.set(spec.name, port);
  }
  const services = specs.map((spec): DockerService => {
    const app = spec.app;
    if (!SAFE_PATH.test(app.path)) throw new AiProjenError(`app folder '${app.path}' has characters the Makefile and compose files cannot carry safely (use letters, digits, '.', '_', '-')`);
    const files = appFiles[app.path] ?? [];
    const label = `${spec.name} (${app.path === '.' ? 'project root' : app.path})`;
    // What the plan found worth saying (a TCP health check, a dev server in prod, ALLOWED_HOSTS).
    notes.push(...spec.plan.notes);
    for (const store of spec.plan.dataStores.filter((s) => s.value === 'mysql' || s.value === 'mongodb')) {
      notes.push(`${label}: it uses ${store.value === 'mysql' ? 'MySQL' : 'MongoDB'} (${store.from}), which the compose stacks do not run yet: start one yourself and set the app's connection settings in .env`);
    }
    const python = isPython(app) ? pythonBuild(app, spec.plan, files, answers, notes, label) : undefined;
    const node = isNode(app) && isNodePlan(spec.plan) ? nodeBuild(profile, app, spec.plan, files, answers, notes, label) : undefined;
    const kind: DockerService['kind'] = python ? 'python' : node!.spa ? 'spa' : 'node-server';
    const runtime = node?.variant === 'bun' ? 'bun' : 'node';
    const dockerDir = posix.dirname(spec.dockerfile);
    const ignoreKind = dockerDir === spec.context && posix.basename(spec.dockerfile) === 'Dockerfile' ? 'context' : 'dockerfile';
    const dockerignore = ignoreKind === 'context' ? projectJoin(spec.context, '.dockerignore') : `${spec.dockerfile}.dockerignore`;
    const composeDir = posix.dirname(compose.dev);
    const src = composeRel(composeDir, spec.context);
    const server = kind !== 'spa';
    const envDev: Array<[string, string]> = [];
    const envProd: Array<[string, string]> = [];
    // The connection goes into the variables the app reads (its settings' names), nothing else.
    if (server && backing.db) {
      for (const [env, prod] of [[envDev, false], [envProd, true]] as const) {
        env.push(...sqlEnv(spec.plan, app, { host: 'db', port: '5432', user: `\${POSTGRES_USER:-${db.user}}`, password: dbEnv(prod), database: `\${POSTGRES_DB:-${db.name}}` }));
      }
    }
    if (server && backing.redis) for (const env of [envDev, envProd]) env.push(...redisEnv(spec.plan, 'redis', '6379'));
    const set = new Set([...envDev, ...envProd].map(([name]) => name));
    const appSettings = server ? spec.plan.env.filter((v) => v.required && !set.has(v.name)).map((v) => ({ name: v.name, secret: v.secret, from: v.from })) : [];
    const kindSummary = python
      ? `Python ${python.version}, ${python.packageManager}${app.framework ? `, ${app.framework}` : ''}`
      : `${node!.variant === 'bun' ? 'Bun' : `Node.js ${node!.version}`}, ${app.packageManager}${app.framework ? `, ${app.framework}` : ''}${node!.spa ? ', static build served by nginx' : ''}`;
    const own = keptDockerfile(spec.dockerfile);
    const stages = own === undefined ? OUR_STAGES : keptStages(own);
    if (stages.kept) {
      const effects = [
        stages.dev ? '' : 'no dev stage: the dev stack runs its image without source mounts (no hot reload)',
        stages.lint ? '' : `no lint stage: no docker-lint-${spec.name} target`,
        stages.test ? '' : `no test stage: no docker-test-${spec.name} target`,
        stages.prod ? '' : 'no prod stage: prod builds its last stage',
      ].filter(Boolean);
      notes.push(`${label}: ${spec.dockerfile} is the project's own: kept as is (--dockerfile replace puts ours there, --dockerfile alongside writes ours next to it); compose, Make and CI build its stages${effects.length ? `; ${effects.join('; ')}` : ''}`);
    }
    return {
      spec,
      stages,
      appSettings,
      name: spec.name,
      devName: spec.name,
      image: spec.image,
      port: spec.port,
      healthPath: spec.healthPath,
      dockerfile: spec.dockerfile,
      context: spec.context,
      dockerignore,
      ignoreKind,
      // The ignore file never drops what a kept Dockerfile copies.
      // An Nx workspace's local task cache (.nx/cache) would replay the host's outputs inside the image build.
      ignorePatterns: [...ignorePatterns(app, profile.apps, spec.context), ...(isNodePlan(spec.plan) && spec.plan.nxProject ? ['.nx'] : [])].filter((pattern) => !stages.copies.some((src) => ignores(pattern, src))),
      language: python ? 'python' : 'node',
      kind,
      summary: kindSummary,
      ...(python ? { python } : {}),
      ...(node ? { node } : {}),
      compose: {
        context: src,
        dockerfile: relPath(spec.context, spec.dockerfile),
        devVolumes: python ? [`${src}:/app`] : [node!.appDir, ...node!.localPackages].flatMap((dir) => {
          // The sources are bind-mounted for hot reload; anonymous volumes keep the image's node_modules.
          const inImage = projectJoin('/app', dir);
          return [`${composeRel(composeDir, projectJoin(spec.context, dir))}:${inImage}`, `${inImage}/node_modules`];
        }).concat((node?.packageOutputs ?? []).map((output) => projectJoin('/app', output))),
        hostPortVar: `${envName(spec.name)}_HOST_PORT`,
        hostPort: hostPorts.get(spec.name)!,
        environment: { dev: envDev, prod: envProd },
        dependsOn: server ? [...(backing.db ? ['db'] : []), ...(backing.redis ? ['redis'] : [])] : [],
        healthcheck: {
          dev: healthcheckCommand(kind, runtime, spec.port, spec.plan.health.value, 'dev'),
          prod: healthcheckCommand(kind, runtime, spec.port, spec.plan.health.value, 'prod'),
        },
        // A kept image writes where it wants: no read-only root file system for it.
        readOnly: app.framework !== 'next' && !stages.kept,
      },
      healthcheck: healthcheckCommand(kind, runtime, spec.port, spec.plan.health.value, 'prod'),
      lintImage: `${spec.image}:lint`,
      testImage: `${spec.image}:test`,
    };
  });

  notes.push('commands, ports, health checks and migrations come from the run plan: `npx ai-projen plan` shows each with its evidence (file:line, option, convention or default)');
  // The project's own dev compose file stays: Make talks to its services by their names there.
  const theirs = keptCompose(compose.dev);
  if (theirs !== undefined) {
    for (const service of services) {
      const named = [service.spec.app.path, service.context].flatMap((dir) => composeFacts(compose.dev, theirs, dir)).find((f) => f.service)?.service;
      if (named && named !== service.name) {
        service.devName = named;
        notes.push(`${compose.dev} is the project's own and calls ${service.name} '${named}': the Makefile's dev targets use that name`);
      }
    }
  }
  const migrations = services.flatMap((s) => (s.spec.plan.migrate ? [{ service: s.devName, command: s.spec.plan.migrate.value, from: s.spec.plan.migrate.from }] : []));
  if (migrations.length > 0 && !backing.db) notes.push('migrations found but no db service selected: docker-migrate runs against the DATABASE_URL you configure');
  const primary = services.find((s) => s.kind !== 'spa') ?? services[0]!;
  return {
    projectName: answers.projectName,
    installPath,
    versions: VERSIONS,
    services,
    primary: primary.devName,
    backing,
    db,
    compose: { dev: compose.dev, prod: compose.prod, ...(compose.override ? { override: compose.override } : {}), devName: answers.projectName, prodName: `${answers.projectName}-prod`, reused: compose.reused },
    envExample: projectJoin(installPath, '.env.example'),
    hostPorts: services.map((s) => [s.compose.hostPortVar, s.compose.hostPort]),
    migrations,
    healthcheck: { interval: '30s', devInterval: '10s', timeout: '5s', startPeriod: '30s', retries: 3 },
    users: { python: USER_ID, node: NODE_USER_ID, nginx: NGINX_USER_ID },
    notes,
    json: toJson,
    shell: shellQuote,
  };
}
