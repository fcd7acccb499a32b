// The plan of a Node app: what it is (server, static site, library, tooling, mobile, CLI) and, for what is
// deployed, the framework recipe that builds and starts it. Precedence: options > the project's scripts,
// configs and source > the framework's conventions > defaults.
import { posix } from 'node:path';
import { relJoin } from '../detect-shared.js';
import type { NodeApp } from '../profile.js';
import { managerVersion, NODE_TOOLCHAINS, nodeVariant, type NodeVariant } from '../toolchains/node.js';
import { nxEntry, nxProject, type NxProject } from '../toolchains/nx.js';
import { turboTasks, type TaskRunnerTool } from '../toolchains/task-runners.js';
import { VERSIONS } from '../versions.js';
import { isSecretName } from './env-names.js';
import { anchorEvidence, at, convention, DEFAULT, fact, option, type Evidence, type Fact, type SourceReader } from './evidence.js';
import { expressLikeRoutes, fileRoutes, nestRoutes, routeConfigRoutes, sourcePort, type SourceFiles } from './node-routes.js';
import type { PlanOptions } from './python.js';
import { chooseHealthRoute, type Route } from './python-routes.js';
import { ambiguity } from './ambiguity.js';
import { containerDeclares } from './container-files.js';
import { clientOf, NODE_CLIENTS } from './data-stores.js';
import { nodeMigrations } from './node-migrations.js';
import { projectPart } from '../env-example.js';
import { parseDotenv } from './declared.js';
import type { AppKind, AppPlan, BuildEnvVar, DataStore, EnvVar, HealthCheck } from './types.js';

/** How the app builds and starts in production; the Docker plugin has one prod stage layout per recipe. */
export type NodeRecipe = 'next' | 'next-standalone' | 'nest' | 'nitro' | 'sveltekit' | 'astro' | 'react-router' | 'static' | 'server';

export interface NodePlan extends AppPlan {
  language: 'node';
  recipe: Fact<NodeRecipe>;
  /** The build script's command (npm run build), when there is one. */
  build?: Fact<string[]>;
  /** What the build writes that the prod image needs, relative to the app folder. */
  buildOutput?: Fact<string>;
  /** Prisma schema (app-relative): the image installs with it (postinstall generate) and needs OpenSSL. */
  prisma?: Fact<string>;
  /** Generates the code the app imports (`prisma generate`): before lint, tests and the build in CI, and before the dev server. */
  generate?: Fact<string[]>;
  /** Files (app-relative) and dev-dependency packages the server loads at start besides its build
   * (`next start` loads next.config, and what it imports). */
  runtimeFiles?: Fact<string[]>;
  runtimeDevPackages?: Fact<string[]>;
  /** A package's build output that importers load (the folder of `main` / `exports`), e.g. dist. */
  packageOutput?: Fact<string>;
  /** package.json name (workspace installs select a member by it). */
  packageName?: string;
  /** The Nx project the app is (`nx <target> <name>` builds, serves, lints and tests it). */
  nxProject?: Fact<string>;
  /** The package manager release that installs it (pnpm and Yarn Berry; npm, Yarn 1 and Bun come with the image). */
  toolchain: { variant: NodeVariant; version?: Fact<string> };
  /** The workspace's task runner (Turborepo at the workspace root) and the tasks it defines: CI runs lint
   * and test through it once for the whole workspace. */
  taskRunner?: Fact<{ tool: TaskRunnerTool; root: string; tasks: string[] }>;
}

/** The folder a package's entry points live in (`"main": "dist/index.js"`, `exports` targets), when it is not the sources. */
function entryFolder(pkg: Record<string, unknown>): string | undefined {
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') for (const item of Object.values(value)) collect(item);
  };
  collect(pkg.main);
  collect(pkg.exports);
  const folders = targets.map((t) => t.replace(/^\.\//, '').split('/')).filter((parts) => parts.length > 1).map((parts) => parts[0]!);
  return folders.find((f) => !['src', 'lib'].includes(f)) ?? undefined;
}

/** Relative files and bare packages a config file imports (`import "./src/env.js"`, `require('jiti')`). */
export function configImports(text: string): { files: string[]; packages: string[] } {
  const specs = [...text.matchAll(/(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?|require\(\s*|import\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
  const files = specs.filter((s) => s.startsWith('./') || s.startsWith('../')).map((s) => s.replace(/^\.\//, ''));
  const packages = specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !/^(next|next\/.*)$/.test(s)).map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
  return { files: [...new Set(files)], packages: [...new Set(packages)] };
}

/** Lint, format-check and type-check scripts, by the names projects give them. */
const LINT_SCRIPTS: ReadonlyArray<[string, readonly string[]]> = [
  ['Lint', ['lint']],
  ['Format check', ['format:check', 'format-check', 'check-format', 'prettier:check', 'fmt:check']],
  ['Type check', ['typecheck', 'type-check', 'check-types', 'types:check', 'tsc']],
];

/** The CI step name of a lint command (`npm run lint`, `npx nx typecheck @acme/api`): the label of the script or target it runs. */
export function lintLabel(command: readonly string[]): string {
  const word = command.join(' ').split(/\s+/).reverse().find((w) => LINT_SCRIPTS.some(([, names]) => names.includes(w))) ?? command.at(-1)!;
  return LINT_SCRIPTS.find(([, names]) => names.includes(word))?.[0] ?? word;
}

const SOURCE = /\.(m?[jt]sx?|cjs|cts|mts)$/;
const NOT_SOURCE = /(^|\/)(node_modules|dist|build|\.next|\.output|coverage|test|tests|__tests__|e2e)\//;
const PLACEHOLDER_TEST = /no test specified/;
const MOBILE = ['expo', 'react-native'];
const SSR_NITRO = ['nitro', 'nitropack', '@tanstack/react-start', '@tanstack/solid-start', 'vinxi'];
/** SvelteKit's adapters: node is a Node server, static a static site; auto targets hosting platforms, not containers. */
const KIT_ADAPTERS = ['@sveltejs/adapter-node', '@sveltejs/adapter-static', '@sveltejs/adapter-auto'];
/** Astro's adapters: node builds a Node server (dist/server/entry.mjs); the others build for hosting platforms. */
const ASTRO_ADAPTERS = ['@astrojs/node', '@astrojs/vercel', '@astrojs/netlify', '@astrojs/cloudflare'];
const ASTRO_CONFIGS = ['astro.config.mjs', 'astro.config.ts', 'astro.config.mts', 'astro.config.js', 'astro.config.cjs'];
/** React Router's and Remix's own servers (`react-router-serve ./build/server/index.js`) and Vite dev servers. */
const SERVE_BINS: Readonly<Record<string, string>> = { 'react-router': 'react-router-serve', remix: 'remix-serve' };
const ROUTER_DEV = { 'react-router': 'react-router dev', remix: 'remix vite:dev' } as const;

function sourceFiles(app: NodeApp, reader: SourceReader): SourceFiles {
  const out: Record<string, string> = {};
  for (const file of reader.list(app.path, 4)) {
    if (!(SOURCE.test(file) || /^bin\/[\w-]+$/.test(file)) || NOT_SOURCE.test(file) || /\.(test|spec|d)\.[cm]?[jt]sx?$/.test(file)) continue;
    const text = reader.read(relJoin(app.path, file));
    if (text !== undefined) out[file] = text;
  }
  return out;
}

/** `package.json:<line>` of a key, for evidence. */
function jsonLine(file: string, text: string | undefined, key: string): Evidence {
  if (!text) return file;
  const index = text.indexOf(`"${key}"`);
  return index < 0 ? file : at(file, text, index);
}

/** A config file's line holding `pattern`, for evidence (next.config.*, vite.config.*). */
function configFact(reader: SourceReader, app: NodeApp, names: readonly string[], pattern: RegExp): Evidence | undefined {
  for (const name of names) {
    const text = reader.read(relJoin(app.path, name));
    const m = text === undefined ? null : pattern.exec(text);
    if (m) return at(name, text!, m.index);
  }
  return undefined;
}

/** `node dist/main` -> ['node', 'dist/main'] for a script that runs one file with node (or bun, `bun run src/index.ts`, or
 * another of `runners`: `react-router-serve ./build/server/index.js`); undefined for anything else. */
export function nodeScript(script: string | undefined, runners: readonly string[] = ['node', 'bun']): string[] | undefined {
  if (!script) return undefined;
  const m = new RegExp(String.raw`^(?:cross-env\s+(?:\w+=\S+\s+)*)?(?:NODE_ENV=\S+\s+)?(${runners.join('|')})\s+(?:run\s+(?=\S*[./]))?((?:--?[\w-]+(?:=\S+)?\s+)*)([^\s&|;]+)\s*$`).exec(script.trim());
  return m ? [m[1]!, ...m[2]!.trim().split(/\s+/).filter(Boolean), m[3]!.replace(/^\.\//, '')] : undefined;
}

const TOOL_CONFIG = /(^|\/)((prisma|drizzle)\.config|knexfile)\.[cm]?[jt]s$/;

/** Variables the code reads: zod env schemas (`DATABASE_URL: z.string()`), @t3-oss/env, process.env.X. */
function nodeEnv(files: SourceFiles): EnvVar[] {
  const found = new Map<string, EnvVar>();
  const add = (name: string, required: boolean, from: Evidence) => {
    const seen = found.get(name);
    if (!seen) found.set(name, { name, required, secret: isSecretName(name), from });
    else if (required && !seen.required) Object.assign(seen, { required, from });
  };
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const line = (offset: number) => at(file, text, offset);
    // A migration tool's config (prisma.config.ts: its shadow database for `migrate dev`) is no requirement of
    // the server: what it reads counts as optional unless the app's own code requires it too.
    const toolConfig = TOOL_CONFIG.test(file);
    if (/from\s+["'](zod|@t3-oss\/env-[\w-]+)["']/.test(text)) {
      for (const m of text.matchAll(/^\s*([A-Z][A-Z0-9_]+)\s*:\s*z\.([^\n]*)/gm)) add(m[1]!, !toolConfig && !/\.(default|optional)\(/.test(m[2]!), line(m.index));
    }
    for (const m of text.matchAll(/(?:process|import\.meta)\.env\.([A-Z][A-Z0-9_]*)|process\.env\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]/g)) {
      const name = m[1] ?? m[2]!;
      const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
      add(name, !toolConfig && !/^\s*(\|\||\?\?)/.test(rest), line(m.index));
    }
  }
  // The runtime's own, and Vite's import.meta.env built-ins.
  for (const builtin of ['NODE_ENV', 'PORT', 'HOST', 'HOSTNAME', 'MODE', 'BASE_URL', 'PROD', 'DEV', 'SSR']) found.delete(builtin);
  return [...found.values()];
}

/** The bundler's prefix of variables it inlines into client code at build time (SvelteKit: $env/static/public). */
const PUBLIC_PREFIX: ReadonlyArray<[RegExp, string]> = [[/^next/, 'NEXT_PUBLIC_'], [/^sveltekit$/, 'PUBLIC_'], [/^(static|nitro)$/, 'VITE_']];

/**
 * What the build reads: public variables (inlined, so build arguments) and, when an @t3-oss/env schema offers
 * `skipValidation: !!process.env.X`, that switch set to 1 (the build needs no secrets; the server validates
 * at start). SKIP_ENV_VALIDATION is preferred over CI among the switches a schema reads.
 */
function buildEnvOf(files: SourceFiles, env: readonly EnvVar[], exampleText: string | undefined, examplePath: string, prefix: string | undefined): { buildEnv: BuildEnvVar[]; switches: Set<string>; unskippable?: string } {
  const out: BuildEnvVar[] = [];
  const switches = new Set<string>();
  let unskippable: string | undefined;
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!/from\s+["']@t3-oss\/env-[\w-]+["']/.test(text)) continue;
    const skip = /\bskipValidation\s*:/.exec(text);
    if (!skip) {
      unskippable ??= file;
      continue;
    }
    const clause = text.slice(skip.index, skip.index + 400).split(/\n\s*[A-Za-z_]\w*\s*:|\}\s*\)/)[0]!;
    const names = [...clause.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
    names.forEach((n) => switches.add(n));
    const name = names.includes('SKIP_ENV_VALIDATION') ? 'SKIP_ENV_VALIDATION' : names[0];
    if (name && !out.some((v) => v.name === name)) out.push({ name, value: '1', from: at(file, text, skip.index) });
  }
  if (prefix) {
    for (const v of env) if (v.name.startsWith(prefix)) out.push({ name: v.name, from: v.from });
    for (const [name, { line }] of parseDotenv(exampleText ?? '')) {
      if (name.startsWith(prefix) && !out.some((v) => v.name === name)) out.push({ name, from: `${examplePath}:${line}` });
    }
  }
  return { buildEnv: out, switches, ...(unskippable ? { unskippable } : {}) };
}

/** The dev server of a React Router / Remix (Vite) project on all interfaces: `react-router dev`, `remix vite:dev`. */
function routerDev(framework: 'react-router' | 'remix', script: string | undefined, port: string): string[] | undefined {
  const m = /^(react-router dev|remix vite:dev)(?:\s|$)/.exec(script?.trim() ?? '');
  if (!m || (framework === 'remix') !== m[1]!.startsWith('remix')) return undefined;
  return [...m[1]!.split(' '), '--host', '0.0.0.0', '--port', port];
}

export function planNode(app: NodeApp, reader: SourceReader, options: PlanOptions = {}, importedByOthers = false): NodePlan {
  // An Nx application with a project.json and no package.json of its own: the workspace root's manifest lists its dependencies.
  const ownManifest = reader.read(relJoin(app.path, 'package.json'));
  const projectText = reader.read(relJoin(app.path, 'project.json'));
  const nxOnly = ownManifest === undefined && projectText !== undefined && app.workspace !== undefined;
  const pkgFile = nxOnly ? relJoin(app.workspace!.root, 'package.json') : relJoin(app.path, 'package.json');
  const pkgText = nxOnly ? reader.read(pkgFile) : ownManifest;
  const pkgJson = (() => {
    try {
      return JSON.parse(nxOnly ? '{}' : pkgText ?? '{}') as Record<string, unknown>;
    } catch {
      return {};
    }
  })();
  const scripts = app.scripts;
  const deps = new Set(app.dependencies);
  const has = (name: string) => deps.has(name);
  const files = sourceFiles(app, reader);
  const paths = reader.list(app.path, 4);
  const notes: string[] = [];
  const label = `${app.name} (${app.path === '.' ? 'project root' : app.path})`;
  const script = (name: string): Evidence => `${jsonLine('package.json', pkgText, name)} (scripts.${name})`.replace(/^package\.json/, app.path === '.' ? 'package.json' : `${app.path}/package.json`);
  // The workspace root holds the lock file and the manager's configuration of a member.
  const installRoot = app.workspace ? app.workspace.root : app.path;
  const lockPath = app.workspace ? (app.workspace.lockFile ? relJoin(installRoot, app.workspace.lockFile) : undefined) : app.lockFile ? relJoin(app.path, app.lockFile) : undefined;
  const variant = nodeVariant(app.packageManager, app.packageManagerVersion, reader.read(relJoin(installRoot, '.yarnrc.yml')) !== undefined);
  const tool = NODE_TOOLCHAINS[variant];
  const release = managerVersion(variant, app.packageManagerVersion, lockPath ? reader.read(lockPath) : undefined);
  const toolchain = {
    variant,
    ...(release ? { version: fact(release.version, release.from === 'packageManager' ? 'packageManager in package.json' : release.from === 'lock file' ? `${lockPath} (lockfileVersion)` : DEFAULT) } : {}),
  };
  const run = tool.run;
  const turboFile = app.workspace ? relJoin(app.workspace.root, 'turbo.json') : undefined;
  const turboText = turboFile ? reader.read(turboFile) : undefined;
  const turbo = turboText !== undefined && /"turbo"\s*:/.test(reader.read(relJoin(app.workspace!.root, 'package.json')) ?? '') ? turboTasks(turboText) : undefined;
  // An Nx project (nx.json at the install root; project.json or package.json "nx" here): its targets run through nx.
  const nxJsonText = reader.read(relJoin(installRoot, 'nx.json'));
  const projectRoot = app.workspace ? (app.workspace.root === '.' ? app.path : app.path.slice(app.workspace.root.length + 1)) : '.';
  const nx: NxProject | undefined = nxProject({
    projectRoot,
    files: paths.filter((f) => !f.includes('/')),
    pkgFile: 'package.json', ...(ownManifest !== undefined ? { pkgText: ownManifest } : {}),
    projectFile: 'project.json', ...(projectText !== undefined ? { projectText } : {}),
    nxJsonFile: relJoin(installRoot, 'nx.json'), ...(nxJsonText !== undefined ? { nxJsonText } : {}),
  });
  // Nx runs from the workspace root: from a project's folder, @nx/esbuild type-checks against the wrong tsconfig.
  const nxRun = (target: string): string[] => {
    const command = [...tool.exec, 'nx', target, nx!.name];
    return projectRoot === '.' ? command : ['sh', '-c', `cd ${projectRoot.split('/').map(() => '..').join('/')} && exec ${command.join(' ')}`];
  };
  // CI runs a workspace's lint and test once through its task runner: turbo.json's tasks, or the member's Nx targets.
  const taskRunner: NodePlan['taskRunner'] = turbo ? fact({ tool: 'turbo', root: app.workspace!.root, tasks: turbo }, turboFile!)
    : nx && app.workspace ? fact({ tool: 'nx', root: app.workspace.root, tasks: [...nx.targets.keys()] }, relJoin(installRoot, 'nx.json')) : undefined;
  const nxTarget = (target: string): Evidence | undefined => (nx && !scripts[target] ? nx.targets.get(target) : undefined);

  // --- what it is
  const serverFramework = ['next', 'nest', 'express', 'fastify', 'koa', 'hono'].includes(app.framework ?? '');
  const ssr = SSR_NITRO.find(has);
  let kind: Fact<AppKind>;
  const mobile = MOBILE.find(has);
  const codeFiles = Object.keys(files).filter((f) => !/\.config\.[cm]?[jt]s$/.test(f));
  const shell = ['index.html', 'src/index.html', 'public/index.html', 'angular.json'].find((f) => reader.read(relJoin(app.path, f)) !== undefined);
  // SvelteKit: the adapter in its config decides what the build is (adapter(...) in svelte.config or vite.config).
  const kit = has('@sveltejs/kit') ? KIT_ADAPTERS.find(has) ?? '@sveltejs/kit' : undefined;
  const kitConfig = kit ? configFact(reader, app, ['svelte.config.js', 'svelte.config.ts', 'vite.config.ts', 'vite.config.js', 'vite.config.mts'], /\badapter\(/) : undefined;
  const kitOut = kitConfig ? /\badapter\(\s*\{[^}]*\b(?:out|pages)\s*:\s*["']\.?\/?([^"']+?)\/?["']/.exec(reader.read(relJoin(app.path, kitConfig.split(':')[0]!)) ?? '')?.[1] : undefined;
  // Astro: an adapter in its config makes a server; without one the build is a static site (dist/).
  const astroConfig = app.framework === 'astro' ? ASTRO_CONFIGS.find((f) => reader.read(relJoin(app.path, f)) !== undefined) : undefined;
  const astroText = astroConfig ? reader.read(relJoin(app.path, astroConfig))! : '';
  const astroAdapter = app.framework === 'astro' ? configFact(reader, app, ASTRO_CONFIGS, /\badapter\s*:/) : undefined;
  const astroOut = /\boutDir\s*:\s*["']\.?\/?([^"']+?)\/?["']/.exec(astroText)?.[1];
  // React Router 7 / Remix 2: `ssr: false` (react-router.config, or the remix() plugin's options) builds a static SPA into build/client.
  const routerApp = app.framework === 'react-router' || app.framework === 'remix' ? app.framework : undefined;
  const spaMode = routerApp ? configFact(reader, app, ['react-router.config.ts', 'react-router.config.js', 'vite.config.ts', 'vite.config.js', 'vite.config.mts'], /\bssr\s*:\s*false\b/) : undefined;
  if (pkgText === undefined) kind = fact('web', 'option --language (a new app)');
  else if (mobile) kind = fact('mobile', `${mobile} in ${pkgFile}`);
  else if (app.framework === 'astro') kind = astroAdapter ? fact('web', astroAdapter) : fact('static', `astro in ${pkgFile}, no adapter in ${astroConfig ?? 'astro.config'}: a static site`);
  else if (spaMode) kind = fact('static', spaMode);
  else if (routerApp) kind = fact('web', `${routerApp === 'remix' ? '@remix-run/dev' : '@react-router/dev'} in ${pkgFile}`);
  else if (kit === '@sveltejs/adapter-static') kind = fact('static', kitConfig ?? `${kit} in ${pkgFile}`);
  else if (kit) kind = fact('web', `@sveltejs/kit in ${pkgFile}`);
  else if (serverFramework || ssr || scripts.start) kind = fact('web', serverFramework || ssr ? `${app.framework ?? ssr} in ${pkgFile}` : script('start'));
  else if (app.kind === 'spa' && shell) kind = fact('static', `${relJoin(app.path, shell)} (a client-side app built by ${app.framework})`);
  else if (pkgJson.bin !== undefined) kind = fact('cli', jsonLine(pkgFile, pkgText, 'bin'));
  else if (codeFiles.length === 0) kind = fact('tool', `${pkgFile}: configuration only (no source files)`);
  else if (app.library || importedByOthers || pkgJson.exports !== undefined || pkgJson.main !== undefined || app.kind === 'spa') kind = fact('library', `${pkgFile}: a package other code imports, with nothing to run`);
  else kind = fact('web', DEFAULT);
  const deployed = kind.value === 'web' || kind.value === 'static';
  if (deployed && !(VERSIONS.nodeLts as readonly string[]).includes(app.nodeVersion) && app.packageManager !== 'bun') {
    notes.push(`${label}: Node.js ${app.nodeVersion} (${app.nodeVersionSource}) is not a maintained LTS line (${VERSIONS.nodeLts.join(', ')}): the images use it as pinned; plan an upgrade`);
  }

  // --- the recipe
  const standalone = configFact(reader, app, ['next.config.ts', 'next.config.mjs', 'next.config.js'], /output\s*:\s*["']standalone["']/);
  const nitroConfig = configFact(reader, app, ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'app.config.ts', 'nitro.config.ts'], /\bnitro\w*\(|nitro\.config|defineNitroConfig/);
  let recipe: Fact<NodeRecipe>;
  if (kind.value === 'static') recipe = fact('static', kind.from);
  else if (app.framework === 'next') recipe = standalone ? fact('next-standalone', standalone) : fact('next', `next in ${pkgFile}`);
  else if (app.framework === 'nest') recipe = fact('nest', `@nestjs/core in ${pkgFile}`);
  else if (ssr) recipe = fact('nitro', nitroConfig ?? `${ssr} in ${pkgFile}`);
  else if (app.framework === 'astro') {
    recipe = fact('astro', kind.from);
    const adapter = ASTRO_ADAPTERS.find(has);
    if (adapter !== '@astrojs/node') notes.push(`${label}: Astro with ${adapter ?? 'an adapter not among its own'}, which builds for ${adapter ? 'a hosting platform' : 'another runtime'}, not a Node server: switch to @astrojs/node (\`npx astro add node\`) and re-run; the images expect its dist/server/entry.mjs`);
    else if (/\bmode\s*:\s*["']middleware["']/.test(astroText)) notes.push(`${label}: @astrojs/node in middleware mode builds a handler for a server of yours, which does not listen by itself: the images run dist/server/entry.mjs; use mode: 'standalone', or change the CMD to your server`);
  }
  else if (routerApp) recipe = fact('react-router', kind.from);
  else if (kit) {
    recipe = fact('sveltekit', kitConfig ?? `${kit} in ${pkgFile}`);
    if (kit !== '@sveltejs/adapter-node') notes.push(`${label}: SvelteKit with ${kit === '@sveltejs/kit' ? 'no adapter' : kit}, which builds for hosting platforms, not a Node server: switch to @sveltejs/adapter-node (\`npx sv add sveltekit-adapter=adapter:node\`) and re-run; the images expect its build/ output`);
  }
  else recipe = fact('server', kind.from);

  // --- port: option > what the code binds > the project's own container files (EXPOSE, compose ports) > the recipe's
  // (a static site is served by our nginx, whatever its dev server used)
  const container = containerDeclares(reader, app.path);
  const codePort = sourcePort(files);
  const declaredPorts = [...(codePort ? [fact(codePort.port, codePort.from)] : []), ...container.ports.map((p) => fact(p.port, p.from))];
  // Declared ports that disagree: the first source wins; an option settles it (a static site is served on 8080).
  const portChoice = options.port || recipe.value === 'static' ? undefined : ambiguity('port', 'ports', declaredPorts);
  let port: Fact<number>;
  if (options.port) port = fact(options.port, option('ports'));
  else if (recipe.value === 'static') port = fact(8080, convention('the unprivileged nginx serving the build listens on 8080'));
  else if (declaredPorts[0]) port = declaredPorts[0];
  else if (recipe.value.startsWith('next')) port = fact(3000, convention('next start serves on 3000'));
  else if (recipe.value === 'nitro') port = fact(3000, convention('Nitro servers listen on PORT, 3000 by default'));
  else if (recipe.value === 'sveltekit') port = fact(3000, convention('adapter-node servers listen on PORT, 3000 by default'));
  else if (recipe.value === 'astro') port = fact(4321, convention("Astro serves on 4321; the node adapter's server listens on PORT"));
  else if (recipe.value === 'react-router') port = fact(3000, convention(`${SERVE_BINS[routerApp!]} listens on PORT, 3000 by default`));
  else {
    port = fact(3000, DEFAULT);
    if (deployed) notes.push(`${label}: no port declared (source, Dockerfile, compose): the images assume 3000; pass --ports ${app.name}=<port> if it listens elsewhere`);
  }
  const P = String(port.value);

  // --- commands
  const build = scripts.build ? fact(run('build'), script('build')) : nxTarget('build') ? fact(nxRun('build'), nxTarget('build')!) : undefined;
  let start: Fact<string[]>;
  let dev: Fact<string[]>;
  let buildOutput: Fact<string> | undefined;
  switch (recipe.value) {
    case 'next':
      start = fact(['next', 'start', '--hostname', '0.0.0.0', '--port', P], recipe.from);
      dev = fact(['next', 'dev', '--hostname', '0.0.0.0', '--port', P], scripts.dev ? script('dev') : recipe.from);
      buildOutput = fact('.next', convention('next build writes .next'));
      break;
    case 'next-standalone':
      start = fact(['node', 'server.js'], recipe.from);
      dev = fact(['next', 'dev', '--hostname', '0.0.0.0', '--port', P], scripts.dev ? script('dev') : recipe.from);
      buildOutput = fact('.next/standalone', recipe.from);
      break;
    case 'nest': {
      const prod = nodeScript(scripts['start:prod']);
      const outDir = /"outDir"\s*:\s*"\.?\/?([^"]+)"/.exec(reader.read(relJoin(app.path, 'tsconfig.build.json')) ?? reader.read(relJoin(app.path, 'tsconfig.json')) ?? '')?.[1]?.replace(/\/$/, '') ?? 'dist';
      start = prod ? fact(prod, script('start:prod')) : fact(['node', `${outDir}/main`], convention(`nest build writes ${outDir}/main.js`));
      dev = scripts['start:dev'] ? fact(run('start:dev'), script('start:dev')) : scripts.dev ? fact(run('dev'), script('dev')) : fact(['nest', 'start', '--watch'], convention('nest start --watch'));
      buildOutput = fact(start.value[start.value.length - 1]!.split('/')[0]!, start.from);
      break;
    }
    case 'nitro': {
      const declared = nodeScript(scripts.start) ?? nodeScript(scripts.preview);
      start = declared && declared.at(-1)!.startsWith('.output/') ? fact(declared, script(nodeScript(scripts.start) ? 'start' : 'preview')) : fact(['node', '.output/server/index.mjs'], recipe.from);
      const viteDev = /^vite(\s+dev)?(\s|$)/.test(scripts.dev ?? '');
      dev = viteDev ? fact(['vite', 'dev', '--host', '0.0.0.0', '--port', P], script('dev')) : scripts.dev ? fact(run('dev'), script('dev')) : fact(['nitro', 'dev'], recipe.from);
      buildOutput = fact('.output', convention('Nitro builds to .output (server/index.mjs and public/)'));
      break;
    }
    case 'sveltekit': {
      // adapter-node writes a server whose entry is <out>/index.js (`node build`); HOST and PORT say where it listens.
      const out = kitOut ?? 'build';
      start = fact(['node', out], kitConfig ?? recipe.from);
      dev = /^vite(\s+dev)?(\s|$)/.test(scripts.dev ?? '') ? fact(['vite', 'dev', '--host', '0.0.0.0', '--port', P], script('dev')) : scripts.dev ? fact(run('dev'), script('dev')) : fact(['vite', 'dev', '--host', '0.0.0.0', '--port', P], recipe.from);
      buildOutput = fact(out, kitOut ? kitConfig! : convention('adapter-node writes build/'));
      break;
    }
    case 'astro': {
      // The node adapter writes <outDir>/server/entry.mjs (the standalone server) and <outDir>/client.
      const out = astroOut ?? 'dist';
      const declared = nodeScript(scripts.start);
      start = declared && declared.at(-1)!.startsWith(`${out}/`) ? fact(declared, script('start')) : fact(['node', `${out}/server/entry.mjs`], astroAdapter ?? recipe.from);
      dev = fact(['astro', 'dev', '--host', '0.0.0.0', '--port', P], scripts.dev ? script('dev') : recipe.from);
      buildOutput = fact(out, astroOut ? at(astroConfig!, astroText, astroText.search(/\boutDir\s*:/)) : convention('astro build writes dist/'));
      break;
    }
    case 'react-router': {
      // `react-router-serve <server build>` (or Remix's remix-serve), else the project's own server (`node server.js`).
      const bin = SERVE_BINS[routerApp!]!;
      const declared = nodeScript(scripts.start, [bin, 'node']);
      if (declared) start = fact(declared, script('start'));
      else start = fact([bin, 'build/server/index.js'], convention(`${bin} runs the server build, build/server/index.js`));
      const declaredDev = routerDev(routerApp!, scripts.dev, P);
      dev = declaredDev ? fact(declaredDev, script('dev')) : scripts.dev ? fact(run('dev'), script('dev')) : fact(routerDev(routerApp!, ROUTER_DEV[routerApp!], P)!, recipe.from);
      buildOutput = fact('build', convention(`${routerApp === 'remix' ? 'remix vite:build' : 'react-router build'} writes build/server and build/client`));
      break;
    }
    case 'static': {
      const outDir = configFact(reader, app, ['vite.config.ts', 'vite.config.mts', 'vite.config.js'], /outDir\s*:\s*["'][^"']+["']/);
      const outText = outDir ? /outDir\s*:\s*["']([^"']+)["']/.exec(reader.read(relJoin(app.path, outDir.split(':')[0]!)) ?? '')?.[1] : undefined;
      buildOutput = nx?.build?.outputPath ? fact(posix.relative(projectRoot, nx.build.outputPath), nx.targets.get('build')!)
        : kit
        ? fact(kitOut ?? 'build', kitOut ? kitConfig! : convention('adapter-static writes build/'))
        : app.framework === 'astro' ? fact(astroOut ?? 'dist', astroOut ? relJoin(app.path, astroConfig!) : convention('astro build writes dist/'))
        : routerApp ? fact('build/client', spaMode!)
        : outText ? fact(outText.replace(/^\.\//, ''), outDir!) : fact(has('vite') ? 'dist' : 'build', convention(has('vite') ? 'vite build writes dist/' : 'the build writes build/'));
      start = fact(['nginx', '-g', 'daemon off;'], convention('an unprivileged nginx serves the built files'));
      dev = app.framework === 'astro' ? fact(['astro', 'dev', '--host', '0.0.0.0', '--port', P], scripts.dev ? script('dev') : `astro in ${pkgFile}`)
        : routerApp && routerDev(routerApp, scripts.dev ?? ROUTER_DEV[routerApp], P) ? fact(routerDev(routerApp, scripts.dev ?? ROUTER_DEV[routerApp], P)!, scripts.dev ? script('dev') : recipe.from)
        : has('vite')
        ? fact(['vite', '--host', '0.0.0.0', '--port', P, '--strictPort'], scripts.dev ? script('dev') : `vite in ${pkgFile}`)
        : fact(run(scripts.dev ? 'dev' : 'start'), script(scripts.dev ? 'dev' : 'start'));
      break;
    }
    default: {
      const declared = nodeScript(scripts['start:prod']) ?? nodeScript(scripts.start);
      const main = typeof pkgJson.main === 'string' ? pkgJson.main.replace(/^\.\//, '') : undefined;
      // Nx writes the build where its build target says (outputPath, from the workspace root), named after its main;
      // from the project's folder that is dist/main.js, or ../../dist/apps/api/main.js in the integrated layout.
      const nxOut = nx?.build ? nxEntry(nx.build, projectRoot) : undefined;
      const nxStart = nxOut ? posix.relative(projectRoot, nxOut) : undefined;
      if (declared) start = fact(declared, script(nodeScript(scripts['start:prod']) ? 'start:prod' : 'start'));
      else if (nxStart) start = fact(['node', nxStart], nx!.targets.get('build')!);
      else if (main) start = fact(['node', main], jsonLine(pkgFile, pkgText, 'main'));
      else {
        const entry = ['index.js', 'server.js', 'app.js', 'src/index.js', 'src/server.js'].find((f) => files[f] !== undefined) ?? 'index.js';
        start = fact(['node', entry], DEFAULT);
        if (deployed) notes.push(`${label}: no \`node <file>\` start script: the prod image runs \`node ${entry}\`; adjust the CMD if needed`);
      }
      const entry = start.value.at(-1)!;
      if (scripts.dev) dev = fact(run('dev'), script('dev'));
      else if (nxTarget('serve')) dev = fact(nxRun('serve'), nxTarget('serve')!);
      else if (build && /^tsc(\s|$)/.test(scripts.build ?? '')) dev = fact(['sh', '-c', `${scripts.build} --watch --preserveWatchOutput & exec node --watch ${entry}`], script('build'));
      else dev = fact(['node', '--watch', entry], convention('node --watch restarts on change'));
      if (nxStart && nx!.build?.outputPath) buildOutput = fact(posix.relative(projectRoot, nx!.build.outputPath), start.from);
      else if (build && entry.includes('/')) buildOutput = fact(entry.split('/')[0]!, start.from);
    }
  }

  // --- what `next start` loads besides .next: the config and what it imports
  let runtimeFiles: Fact<string[]> | undefined;
  let runtimeDevPackages: Fact<string[]> | undefined;
  const nextConfig = ['next.config.ts', 'next.config.mjs', 'next.config.js', 'next.config.cjs'].find((f) => reader.read(relJoin(app.path, f)) !== undefined);
  if (recipe.value === 'next' && nextConfig) {
    const imported = configImports(reader.read(relJoin(app.path, nextConfig))!);
    const resolved = imported.files.map((f) => [f, ...['.ts', '.mjs', '.js', '/index.ts', '/index.js'].map((ext) => f + ext)].find((c) => paths.includes(c))).filter((f): f is string => f !== undefined);
    runtimeFiles = fact([nextConfig, ...resolved], relJoin(app.path, nextConfig));
    const dev = imported.packages.filter((name) => app.devDependencies.includes(name));
    // next.config.ts is compiled at start by Next.js itself; its TypeScript imports need nothing more.
    if (dev.length > 0) runtimeDevPackages = fact(dev, relJoin(app.path, nextConfig));
  }

  // --- health: option > a route the app serves > TCP
  let routes: Route[] = [];
  if (recipe.value === 'nest') routes = nestRoutes(files);
  else if (recipe.value.startsWith('next')) {
    const basePath = /basePath\s*:\s*["']([^"']+)["']/.exec(['next.config.ts', 'next.config.mjs', 'next.config.js'].map((f) => reader.read(relJoin(app.path, f)) ?? '').join('\n'))?.[1] ?? '';
    routes = fileRoutes(paths, 'next', basePath);
  } else if (recipe.value === 'nitro') routes = [...fileRoutes(paths, 'tanstack'), ...fileRoutes(paths, 'nitro')];
  else if (recipe.value === 'sveltekit') routes = fileRoutes(paths, 'sveltekit');
  else if (recipe.value === 'astro') routes = fileRoutes(paths, 'astro');
  else if (recipe.value === 'react-router') routes = routeConfigRoutes(files) ?? fileRoutes(paths, 'react-router');
  else if (recipe.value === 'server') routes = expressLikeRoutes(files);
  const chosen = chooseHealthRoute(routes);
  let health: Fact<HealthCheck>;
  if (options.healthPath) health = fact({ kind: 'http', path: options.healthPath }, option('health-check-path'));
  else if (kind.value !== 'web' && kind.value !== 'static') health = fact({ kind: 'none' }, kind.from);
  else if (recipe.value === 'static') {
    const index = ['index.html', 'public/index.html'].find((f) => reader.read(relJoin(app.path, f)) !== undefined);
    health = fact({ kind: 'http', path: '/' }, index ? `${relJoin(app.path, index)} (the built app shell)` : convention('the built index.html'));
  } else if (container.health && 'path' in container.health) health = fact({ kind: 'http', path: container.health.path }, container.health.from);
  else if (chosen) health = fact({ kind: 'http', path: chosen.route.path }, chosen.healthLike ? chosen.route.from : `${chosen.route.from} (a GET route without auth or parameters; no health route found)`);
  else {
    health = fact({ kind: 'tcp' }, 'no route without auth or parameters found');
    if (deployed) notes.push(`${label}: no health route found: the health check only opens a TCP connection to port ${P}; add a GET route such as /health and pass --health-check-path /health`);
  }

  // --- migrations and the data store the ORM's configuration names (Prisma, Drizzle, Knex, TypeORM)
  const orm = nodeMigrations({
    appPath: app.path, reader, paths, has, scripts, run, script, label,
    ...(typeof (pkgJson.prisma as { schema?: unknown } | undefined)?.schema === 'string' ? { prismaField: (pkgJson.prisma as { schema: string }).schema } : {}),
    prismaFieldFrom: jsonLine(pkgFile, pkgText, 'prisma'),
  });
  const { prisma, generate, migrate } = orm;
  const stores: Array<Fact<DataStore>> = [...orm.stores];
  if (deployed) notes.push(...orm.notes);
  // Clients of the stores the ORM did not name (its configuration is the project's own word).
  for (const store of ['postgres', 'mysql', 'redis', 'mongodb'] as const) {
    const client = clientOf(NODE_CLIENTS, store, has);
    const relational = store === 'postgres' || store === 'mysql';
    if (client && !stores.some((s) => s.value === store || (relational && ['postgres', 'mysql', 'sqlite'].includes(s.value)))) stores.push(fact(store, `${client} in ${pkgFile}`));
  }

  const tests = scripts.test && !PLACEHOLDER_TEST.test(scripts.test) ? [fact(tool.test, script('test'))] : nxTarget('test') ? [fact(nxRun('test'), nxTarget('test')!)] : [];
  // One script of each kind the project has: lint, format check, type check.
  const lint: Array<Fact<string[]>> = LINT_SCRIPTS.flatMap(([, names]) => {
    const found = names.find((name) => scripts[name] !== undefined);
    if (found) return [fact(run(found), script(found))];
    const target = names.find((name) => nxTarget(name));
    return target ? [fact(nxRun(target), nxTarget(target)!)] : [];
  });

  const env = nodeEnv(files);
  const prefix = app.framework === 'astro' ? 'PUBLIC_' : routerApp ? 'VITE_'
    : PUBLIC_PREFIX.find(([recipeName]) => recipeName.test(recipe.value) && (!/^(static|nitro)$/.test(recipe.value) || has('vite')))?.[1];
  const example = reader.read(relJoin(app.path, '.env.example'));
  const { buildEnv, switches, unskippable } = buildEnvOf(files, env, example === undefined ? undefined : projectPart(example), '.env.example', prefix);
  if (unskippable && build) notes.push(`${label}: ${relJoin(app.path, unskippable)} validates the environment (@t3-oss/env) with no skipValidation switch: the image build needs its variables; add \`skipValidation: !!process.env.SKIP_ENV_VALIDATION\` and re-run`);

  return anchorEvidence<NodePlan>({
    name: app.name,
    path: app.path,
    language: 'node',
    kind,
    recipe,
    toolchain,
    ...(taskRunner ? { taskRunner } : {}),
    ...(typeof pkgJson.name === 'string' ? { packageName: pkgJson.name } : {}),
    ...(nx ? { nxProject: fact(nx.name, nx.nameFrom) } : {}),
    start,
    dev,
    port,
    health,
    ...(build ? { build } : {}),
    ...(buildOutput ? { buildOutput } : {}),
    ...(prisma ? { prisma } : {}),
    ...(generate ? { generate } : {}),
    ...(runtimeFiles ? { runtimeFiles } : {}),
    ...(runtimeDevPackages ? { runtimeDevPackages } : {}),
    ...(entryFolder(pkgJson) && scripts.build ? { packageOutput: fact(entryFolder(pkgJson)!, jsonLine(pkgFile, pkgText, pkgJson.exports !== undefined ? 'exports' : 'main')) } : {}),
    ...(migrate ? { migrate } : {}),
    tests,
    lint,
    // Public variables are the build's (inlined into the bundle), not the server's.
    env: env.filter((v) => !(prefix && v.name.startsWith(prefix)) && !switches.has(v.name)),
    buildEnv,
    dataStores: stores,
    workers: [],
    ambiguities: portChoice ? [portChoice] : [],
    notes,
  }, app.path, new Set(paths));
}
