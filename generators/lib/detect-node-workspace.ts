// npm / pnpm / yarn / bun workspaces: which detected Node apps are members of a workspace declared above
// them, where its lock file is, which members they depend on, and which members are only libraries.
// Read-only; works on the folders the bounded walk already listed.
import { parse as parseYaml } from 'yaml';
import { AiProjenError } from './errors.js';
import { isNode, type App, type NodeApp, type NodeWorkspace } from './profile.js';
import type { WalkedDir } from './walk.js';
import { NODE_LOCKS } from './detect-node.js';
import { NODE_CONFIG_FILES } from './toolchains/node.js';
import { ancestry, asStringArray, asTable, readJsonManifest, readText, relJoin, uniqueSorted, type Table } from './detect-shared.js';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** A workspace glob ('apps/*', 'packages/**', 'tools/cli') as a regular expression over member paths. */
export function workspacePattern(glob: string): RegExp {
  const body = glob.replace(/^\.\//, '').replace(/\/+$/, '').split('/').map((part) => (part === '**'
    ? '.+'
    : part.split('*').map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+'))).join('/');
  return new RegExp(`^${body}$`);
}

/** The member globs a workspace root declares: package.json `workspaces` (array or {packages}), else pnpm-workspace.yaml `packages`. */
export function workspaceGlobs(pkg: Table | undefined, pnpmWorkspaceYaml: string | undefined, file = 'pnpm-workspace.yaml'): string[] | undefined {
  const field = pkg?.workspaces;
  if (field !== undefined) return Array.isArray(field) ? asStringArray(field) : asStringArray(asTable(field)?.packages);
  if (pnpmWorkspaceYaml === undefined) return undefined;
  let doc: unknown;
  try {
    doc = parseYaml(pnpmWorkspaceYaml);
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new AiProjenError(`invalid YAML: ${(error as Error).message.split('\n')[0]}`, file, line);
  }
  return asStringArray(asTable(doc)?.packages);
}

/** Member folders (relative to the workspace root) matched by the globs; '!' globs exclude. */
export function matchMembers(globs: readonly string[], candidates: readonly string[]): string[] {
  const include = globs.filter((g) => !g.startsWith('!')).map(workspacePattern);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => workspacePattern(g.slice(1)));
  return candidates.filter((c) => c !== '.' && include.some((re) => re.test(c)) && !exclude.some((re) => re.test(c))).sort();
}

const dependencyNames = (pkg: Table): string[] => DEPENDENCY_FIELDS.flatMap((field) => Object.keys(asTable(pkg[field]) ?? {}));

interface Workspace {
  root: string;
  name?: string;
  configFiles: string[];
  members: string[];
  /** member -> its package name, whether it has a build script, and the members it depends on directly. */
  packages: Map<string, { name?: string; build: boolean; needs: string[] }>;
}

function readWorkspace(root: string, dirs: ReadonlyMap<string, WalkedDir>, level: string): Workspace | undefined {
  const dir = dirs.get(level);
  if (!dir) return undefined;
  const pkg = dir.files.includes('package.json') ? readJsonManifest(root, relJoin(level, 'package.json')) : undefined;
  const pnpmFile = relJoin(level, 'pnpm-workspace.yaml');
  const globs = workspaceGlobs(pkg, dir.files.includes('pnpm-workspace.yaml') ? readText(root, pnpmFile) : undefined, pnpmFile);
  if (globs === undefined) return undefined;
  const prefix = level === '.' ? '' : `${level}/`;
  const candidates = [...dirs.values()]
    .filter((d) => d.files.includes('package.json') && d.path.startsWith(prefix) && d.path !== level)
    .map((d) => d.path.slice(prefix.length));
  const members = matchMembers(globs, candidates);
  const manifests = new Map(members.map((m) => [m, readJsonManifest(root, relJoin(level, `${m}/package.json`))]));
  const byName = new Map([...manifests].flatMap(([m, p]) => (typeof p.name === 'string' ? [[p.name, m] as const] : [])));
  const packages = new Map([...manifests].map(([m, p]) => [m, {
    ...(typeof p.name === 'string' ? { name: p.name } : {}),
    build: typeof asTable(p.scripts)?.build === 'string',
    needs: uniqueSorted(dependencyNames(p).flatMap((n) => (byName.has(n) && byName.get(n) !== m ? [byName.get(n)!] : []))),
  }]));
  return { root: level, ...(typeof pkg?.name === 'string' ? { name: pkg.name } : {}), configFiles: NODE_CONFIG_FILES.filter((f) => dir.files.includes(f)), members, packages };
}

/** Members reachable from `start` through workspace dependencies (not `start` itself), each after its own dependencies. */
export function dependencyOrder(needs: (member: string) => readonly string[], start: string): string[] {
  const order: string[] = [];
  const seen = new Set<string>([start]);
  const visit = (member: string): void => {
    for (const next of needs(member)) {
      if (seen.has(next)) continue; // a cycle or a diamond: each member once
      seen.add(next);
      visit(next);
      order.push(next);
    }
  };
  visit(start);
  return order;
}

/**
 * Returns the apps with `workspace` set on every Node app that is a member of a workspace declared in a
 * folder above it, and `library` on members other members depend on that have nothing to serve.
 */
export function attachNodeWorkspaces(root: string, walked: readonly WalkedDir[], apps: readonly App[]): App[] {
  const dirs = new Map(walked.map((d) => [d.path, d]));
  const cache = new Map<string, Workspace | undefined>();
  const workspaceAt = (level: string) => {
    if (!cache.has(level)) cache.set(level, readWorkspace(root, dirs, level));
    return cache.get(level);
  };
  return apps.map((app): App => {
    if (!isNode(app) || app.path === '.') return app;
    for (const level of ancestry(app.path).slice(1)) {
      const ws = workspaceAt(level);
      if (!ws) continue;
      const member = level === '.' ? app.path : app.path.slice(level.length + 1);
      if (!ws.members.includes(member)) return app;
      const rootFiles = dirs.get(level)?.files ?? [];
      const lockFile = NODE_LOCKS.find(([file, manager]) => manager === app.packageManager && rootFiles.includes(file))?.[0];
      const order = dependencyOrder((m) => ws.packages.get(m)?.needs ?? [], member);
      const workspace: NodeWorkspace = {
        root: level,
        ...(ws.name ? { rootName: ws.name } : {}),
        ...(lockFile ? { lockFile } : {}),
        configFiles: ws.configFiles,
        members: ws.members,
        localDependencies: [...order].sort(),
        buildOrder: order.filter((m) => ws.packages.get(m)?.build),
      };
      const dependedOn = [...ws.packages.entries()].some(([other, info]) => other !== member && info.needs.includes(member));
      return { ...app, workspace, ...(dependedOn && isLibrary(app) ? { library: true } : {}) };
    }
    return app;
  });
}

/** Nothing to run: no start script, no server framework, no static front end. */
function isLibrary(app: NodeApp): boolean {
  return !app.scripts.start && !app.scripts['start:prod'] && !app.scripts.dev && app.framework === undefined && app.kind === 'server';
}
