// Detection of one Node (TypeScript/JavaScript) app folder: package manager, Node version,
// framework, kind (server or static SPA) and scripts. Read-only.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeApp, NodeFramework, NodePackageManager } from './profile.js';
import type { WalkedDir } from './walk.js';
import semver from 'semver';
import { ancestry, asString, asTable, lowerBound, readJsonManifest, readText, relJoin, uniqueSorted, type Table } from './detect-shared.js';
import { NODE_CONFIG_FILES, NODE_LOCKS } from './toolchains/node.js';
import { VERSIONS } from './versions.js';

/** The newest maintained LTS line (versions.ts). */
export const DEFAULT_NODE_VERSION: string = VERSIONS.nodeLts[0];

export { NODE_LOCKS } from './toolchains/node.js';
const MANAGERS: ReadonlySet<string> = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/** Framework packages; full-stack and server frameworks come first so they win over a bundled front end (and
 * over the Express a React Router custom server runs on). */
const FRAMEWORKS: ReadonlyArray<[string, NodeFramework]> = [
  ['next', 'next'], ['@nestjs/core', 'nest'], ['astro', 'astro'], ['@react-router/dev', 'react-router'], ['@remix-run/dev', 'remix'], ['express', 'express'], ['fastify', 'fastify'], ['koa', 'koa'], ['hono', 'hono'],
  ['vite', 'vite'], ['react', 'react'], ['vue', 'vue'], ['svelte', 'svelte'], ['@angular/core', 'angular'],
];
const STATIC_FRAMEWORKS: ReadonlySet<NodeFramework> = new Set(['vite', 'react', 'vue', 'svelte', 'angular']);

/** nvm's LTS codenames, so 'lts/iron' still yields a major. */
const LTS_CODENAMES: Record<string, string> = {
  argon: '4', boron: '6', carbon: '8', dubnium: '10', erbium: '12', fermium: '14', gallium: '16', hydrogen: '18', iron: '20', jod: '22', krypton: '24',
};

/** 'pnpm@9.12.0+sha512.abc' -> { pnpm, 9.12.0 }; unknown managers are ignored. */
export function parsePackageManagerField(value: string): { manager: NodePackageManager; version?: string } | undefined {
  const match = /^([a-z]+)(?:@([^+\s]+))?/.exec(value.trim());
  if (!match || !MANAGERS.has(match[1]!)) return undefined;
  return { manager: match[1] as NodePackageManager, ...(match[2] ? { version: match[2] } : {}) };
}

/**
 * Major Node version from a .nvmrc / .node-version ('20', 'v20.11.1', 'lts/iron'). Aliases of
 * "latest LTS / latest" ('lts/*', 'node', 'stable') give undefined: the caller's default stands for them.
 */
export function parseNodeVersionFile(text: string): string | undefined {
  const line = text.split('\n').map((l) => l.replace(/#.*$/, '').trim()).find(Boolean);
  if (!line) return undefined;
  const lts = /^lts\/([a-z]+)$/i.exec(line);
  if (lts) return LTS_CODENAMES[lts[1]!.toLowerCase()];
  return /^v?\d/.test(line) ? String(lowerBound(line)?.major) : undefined;
}

/**
 * The Node major an engines.node range gets: the newest maintained LTS it admits ('>=20.19' -> the newest
 * LTS, '^22' -> '22'), else the newest LTS line it admits at all ('>=18 <21' -> '20', past its end of life),
 * else the range's lower bound.
 */
export function parseEnginesNode(range: string, lts: readonly string[] = VERSIONS.nodeLts): string | undefined {
  const valid = semver.validRange(range.trim());
  if (valid) {
    const oldLts = Array.from({ length: Math.max(0, (Number(lts[lts.length - 1]) - 4) / 2 + 1) }, (_, i) => String(Number(lts[lts.length - 1]) - 2 * (i + 1)));
    const admitted = [...lts, ...oldLts].find((major) => semver.intersects(valid, `>=${major}.0.0 <${Number(major) + 1}.0.0`));
    if (admitted) return admitted;
  }
  const bound = lowerBound(range);
  return bound ? String(bound.major) : undefined;
}

const keysOf = (value: unknown): string[] => Object.keys(asTable(value) ?? {}).map((k) => k.toLowerCase());

export function nodeFramework(deps: ReadonlySet<string>): NodeFramework | undefined {
  return FRAMEWORKS.find(([pkg]) => deps.has(pkg))?.[1];
}

/** Prisma implies postgres only when its schema says so. */
function nodeVersion(root: string, dir: string, pkg: Table, ancestors: Table[]): Pick<NodeApp, 'nodeVersion' | 'nodeVersionSource'> {
  for (const level of ancestry(dir)) {
    for (const file of ['.nvmrc', '.node-version'] as const) {
      const text = readText(root, relJoin(level, file));
      if (text === undefined) continue;
      const version = parseNodeVersionFile(text);
      // The file decided (even when it says 'lts/*'): engines must not override it.
      return version ? { nodeVersion: version, nodeVersionSource: file } : { nodeVersion: DEFAULT_NODE_VERSION, nodeVersionSource: 'default' };
    }
  }
  for (const manifest of [pkg, ...ancestors]) {
    const range = asString(asTable(manifest.engines)?.node);
    const version = range === undefined ? undefined : parseEnginesNode(range);
    if (version) return { nodeVersion: version, nodeVersionSource: 'engines' };
  }
  return { nodeVersion: DEFAULT_NODE_VERSION, nodeVersionSource: 'default' };
}

/**
 * The manager from the nearest `packageManager` field or lock file, looking from the app up to the
 * root (corepack and workspace installs resolve the same way); npm when nothing says otherwise.
 */
function packageManager(root: string, dir: string, pkg: Table, ancestors: Map<string, Table>): { manager: NodePackageManager; version?: string } {
  for (const level of ancestry(dir)) {
    const manifest = level === dir ? pkg : ancestors.get(level);
    const field = asString(manifest?.packageManager);
    const parsed = field === undefined ? undefined : parsePackageManagerField(field);
    if (parsed) return parsed;
    const lock = NODE_LOCKS.find(([file]) => existsSync(join(root, level, file)));
    if (lock) return { manager: lock[1] };
    if (existsSync(join(root, level, 'pnpm-workspace.yaml'))) return { manager: 'pnpm' };
  }
  return { manager: 'npm' };
}

const NODE_SOURCE = /\.(m?[jt]sx?|cjs|cts|vue|svelte)$/;

/**
 * True when src/ (or one level below it) holds JavaScript/TypeScript sources: a Python src/ layout
 * next to a tooling package.json must not make that package.json an app.
 */
function hasNodeSources(absDir: string): boolean {
  const list = (dir: string) => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const src = join(absDir, 'src');
  return list(src).some((entry) => (entry.isDirectory()
    ? list(join(src, entry.name)).some((child) => child.isFile() && NODE_SOURCE.test(child.name))
    : NODE_SOURCE.test(entry.name)));
}

export function hasNodeManifest(dir: WalkedDir): boolean {
  return dir.files.includes('package.json');
}

export interface NodeDetection {
  app: NodeApp;
  /** package.json name without its @scope/. */
  declaredName?: string;
  /**
   * The package.json only orchestrates (workspaces, repo tooling): no JS/TS sources in src/, no main/bin/exports,
   * no framework (or an Nx workspace root's), and either declares workspaces, is an Nx root or has no runtime dependencies.
   */
  orchestrationOnly: boolean;
}

/** Detects the Node app in `dir`, or undefined when the folder has no package.json. */
export function detectNodeApp(root: string, dir: WalkedDir): NodeDetection | undefined {
  if (!hasNodeManifest(dir)) return undefined;
  const files = new Set(dir.files);
  const pkg = readJsonManifest(root, relJoin(dir.path, 'package.json'));
  // package.json files above the app (a workspace root) decide the manager and may set engines.
  const ancestors = new Map<string, Table>();
  for (const level of ancestry(dir.path).slice(1)) {
    if (existsSync(join(root, level, 'package.json'))) ancestors.set(level, readJsonManifest(root, relJoin(level, 'package.json')));
  }

  const runtimeDeps = keysOf(pkg.dependencies);
  const devDeps = keysOf(pkg.devDependencies);
  const deps = new Set([...runtimeDeps, ...devDeps, ...keysOf(pkg.peerDependencies), ...keysOf(pkg.optionalDependencies)]);
  const { manager, version } = packageManager(root, dir.path, pkg, ancestors);
  const lockFile = NODE_LOCKS.find(([file, m]) => m === manager && files.has(file))?.[0];
  const framework = nodeFramework(deps);
  const scripts = Object.fromEntries(Object.entries(asTable(pkg.scripts) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const name = asString(pkg.name);

  const declaresWorkspaces = pkg.workspaces !== undefined || files.has('pnpm-workspace.yaml');
  const ownCode = ['main', 'bin', 'exports'].some((k) => pkg[k] !== undefined) || (dir.dirs.includes('src') && hasNodeSources(join(root, dir.path)));
  const app: NodeApp = {
    path: dir.path,
    name: '',
    language: files.has('tsconfig.json') || deps.has('typescript') ? 'typescript' : 'javascript',
    manifestFiles: ['package.json', ...(lockFile ? [lockFile] : [])],
    ...(lockFile ? { lockFile } : {}),
    dependencies: uniqueSorted(deps),
    devDependencies: uniqueSorted(devDeps.filter((d) => !runtimeDeps.includes(d))),
    packageManager: manager,
    ...(version ? { packageManagerVersion: version } : {}),
    ...nodeVersion(root, dir.path, pkg, [...ancestors.values()]),
    ...(framework ? { framework } : {}),
    kind: framework && STATIC_FRAMEWORKS.has(framework) ? 'spa' : 'server',
    scripts,
  };
  return {
    app,
    ...(name ? { declaredName: name.replace(/^@[^/]+\//, '') } : {}),
    // An Nx workspace root lists its apps' dependencies (express...) without being an app itself.
    orchestrationOnly: !ownCode && (!framework || files.has('nx.json')) && (declaresWorkspaces || files.has('nx.json') || runtimeDeps.length === 0),
  };
}

/**
 * An application of an Nx workspace that has a project.json and no package.json of its own (Nx's integrated
 * layout): its dependencies, package manager and Node version are the workspace root's (`base`, as detected),
 * which installs it.
 */
export function detectNxApplication(root: string, dir: WalkedDir, workspaceRoot: WalkedDir, base: NodeApp): NodeDetection | undefined {
  if (hasNodeManifest(dir) || !dir.files.includes('project.json') || !workspaceRoot.files.includes('nx.json')) return undefined;
  let project: Table;
  try {
    project = asTable(JSON.parse(readText(root, relJoin(dir.path, 'project.json')) ?? '')) ?? {};
  } catch {
    return undefined;
  }
  if (project.projectType !== 'application') return undefined;
  const lockFile = base.lockFile;
  const app: NodeApp = {
    ...base,
    path: dir.path,
    language: dir.files.includes('tsconfig.json') || base.language === 'typescript' ? 'typescript' : 'javascript',
    manifestFiles: ['project.json'],
    scripts: {},
    workspace: {
      root: workspaceRoot.path,
      ...(lockFile ? { lockFile } : {}),
      configFiles: NODE_CONFIG_FILES.filter((f) => workspaceRoot.files.includes(f)),
      members: [],
      localDependencies: [],
      buildOrder: [],
    },
  };
  delete app.lockFile;
  return { app, orchestrationOnly: false };
}
