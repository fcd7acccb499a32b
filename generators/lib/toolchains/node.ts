// The Node package managers, one entry each: lock file, install commands (locked, prod-only, prune), how a
// script runs, the image's cache mount, and which release can read a lock file. Detection, the Docker
// plugin and the GitHub Actions plugin all take these facts from here.
import type { NodePackageManager } from '../profile.js';
import { VERSIONS } from '../versions.js';

/** yarn-classic is Yarn 1 (bundled with the Node images); yarn is Berry (2+). */
export type NodeVariant = 'npm' | 'pnpm' | 'yarn' | 'yarn-classic' | 'bun';

export interface NodeToolchain {
  variant: NodeVariant;
  manager: NodePackageManager;
  /** The lock file it writes. */
  lockFile: string;
  /** Every dependency, exactly as locked (or resolved, without a lock file). */
  install(locked: boolean): string;
  /** Runtime dependencies only, into a tree with no node_modules yet. */
  installProd(locked: boolean): string;
  /** Drops the dev dependencies of an installed tree (its install scripts already ran). */
  prune(locked: boolean): string;
  /**
   * Installs one workspace member, the members it depends on and the workspace root's own dependencies (its
   * build tooling), nothing else of the workspace; undefined where the manager cannot (Yarn Berry needs the
   * root's package name to keep the root's dependencies).
   */
  focus?(pkg: string, prod: boolean, locked: boolean, rootName?: string): string | undefined;
  run(script: string): string[];
  /** Runs a binary the project installed (node_modules/.bin): `npx prisma`, `pnpm exec prisma`. */
  exec: string[];
  /** The `npm test` shorthand where the manager has one. */
  test: string[];
  /** BuildKit cache mount of the image's installs. */
  cacheMount: string;
}

const frozen = (locked: boolean, flag: string, unlocked = '') => (locked ? flag : unlocked);

export const NODE_TOOLCHAINS: Readonly<Record<NodeVariant, NodeToolchain>> = {
  npm: {
    variant: 'npm',
    manager: 'npm',
    lockFile: 'package-lock.json',
    install: (locked) => (locked ? 'npm ci' : 'npm install'),
    installProd: (locked) => (locked ? 'npm ci --omit=dev' : 'npm install --omit=dev'),
    prune: () => 'npm prune --omit=dev',
    focus: (pkg, prod, locked) => `${locked ? 'npm ci' : 'npm install'}${prod ? ' --omit=dev' : ''} --workspace=${pkg} --include-workspace-root`,
    run: (script) => ['npm', 'run', script],
    exec: ['npx'],
    test: ['npm', 'test'],
    cacheMount: '--mount=type=cache,target=/root/.npm',
  },
  pnpm: {
    variant: 'pnpm',
    manager: 'pnpm',
    lockFile: 'pnpm-lock.yaml',
    install: (locked) => `pnpm install ${frozen(locked, '--frozen-lockfile', '--no-frozen-lockfile')}`,
    installProd: (locked) => `pnpm install --prod ${frozen(locked, '--frozen-lockfile', '--no-frozen-lockfile')}`,
    prune: () => 'pnpm prune --prod',
    focus: (pkg, prod, locked) => `pnpm install ${frozen(locked, '--frozen-lockfile', '--no-frozen-lockfile')}${prod ? ' --prod' : ''} --filter "${pkg}..."`,
    run: (script) => ['pnpm', 'run', script],
    exec: ['pnpm', 'exec'],
    test: ['pnpm', 'test'],
    cacheMount: '--mount=type=cache,id=pnpm-store,target=/pnpm/store',
  },
  yarn: {
    variant: 'yarn',
    manager: 'yarn',
    lockFile: 'yarn.lock',
    install: (locked) => `yarn install${frozen(locked, ' --immutable', ' --no-immutable')}`,
    installProd: () => 'yarn workspaces focus --all --production',
    prune: () => 'yarn workspaces focus --all --production',
    // `focus` installs as if the named workspaces were the only ones; the root is named so its tooling stays.
    focus: (pkg, prod, _locked, rootName) => (rootName ? `yarn workspaces focus${prod ? ' --production' : ''} ${rootName} ${pkg}` : undefined),
    run: (script) => ['yarn', 'run', script],
    exec: ['yarn'],
    test: ['yarn', 'test'],
    cacheMount: '--mount=type=cache,target=/root/.yarn/berry/cache',
  },
  'yarn-classic': {
    variant: 'yarn-classic',
    manager: 'yarn',
    lockFile: 'yarn.lock',
    install: (locked) => `yarn install${frozen(locked, ' --frozen-lockfile')}`,
    installProd: (locked) => `yarn install --production${frozen(locked, ' --frozen-lockfile')}`,
    prune: (locked) => `yarn install --production --ignore-scripts --prefer-offline${frozen(locked, ' --frozen-lockfile')}`,
    run: (script) => ['yarn', 'run', script],
    exec: ['yarn'],
    test: ['yarn', 'test'],
    cacheMount: '--mount=type=cache,target=/usr/local/share/.cache/yarn',
  },
  bun: {
    variant: 'bun',
    manager: 'bun',
    lockFile: 'bun.lock',
    install: (locked) => `bun install${frozen(locked, ' --frozen-lockfile')}`,
    installProd: (locked) => `bun install --production${frozen(locked, ' --frozen-lockfile')}`,
    prune: (locked) => `bun install --production --ignore-scripts${frozen(locked, ' --frozen-lockfile')}`,
    run: (script) => ['bun', 'run', script],
    exec: ['bunx'],
    test: ['bun', 'run', 'test'],
    cacheMount: '--mount=type=cache,target=/root/.bun/install/cache',
  },
};

/** Install configuration a workspace root may hold, which its members' installs read. */
export const NODE_CONFIG_FILES: readonly string[] = ['.npmrc', 'pnpm-workspace.yaml', '.yarnrc.yml'];

/** Lock files in order of trust: a stray package-lock.json next to another lock is the common accident. */
export const NODE_LOCKS: ReadonlyArray<[string, NodePackageManager]> = [
  ['bun.lock', 'bun'], ['bun.lockb', 'bun'], ['pnpm-lock.yaml', 'pnpm'], ['yarn.lock', 'yarn'], ['package-lock.json', 'npm'], ['npm-shrinkwrap.json', 'npm'],
];

/** The lock file name of a manager. */
export const lockFileOf = (manager: NodePackageManager): string => (manager === 'yarn' ? 'yarn.lock' : NODE_TOOLCHAINS[manager].lockFile);

/** Yarn 1 or Berry: the packageManager version, else Berry when .yarnrc.yml configures it. */
export function nodeVariant(manager: NodePackageManager, managerVersion: string | undefined, yarnrc: boolean): NodeVariant {
  if (manager !== 'yarn') return manager;
  if (managerVersion) return managerVersion.startsWith('1.') ? 'yarn-classic' : 'yarn';
  return yarnrc ? 'yarn' : 'yarn-classic';
}

/**
 * The release that installs the project: the packageManager field's exact version, else one that reads its
 * lock file (pnpm lockfile 5.4 -> 7, 6.0 -> 8, 9.0 -> the current release), else the current release.
 */
export function managerVersion(variant: NodeVariant, declared: string | undefined, lockText: string | undefined): { version: string; from: 'packageManager' | 'lock file' | 'default' } | undefined {
  if (variant === 'npm' || variant === 'yarn-classic' || variant === 'bun') return undefined;
  if (declared) return { version: declared, from: 'packageManager' };
  if (variant === 'pnpm' && lockText) {
    const lockfile = /^lockfileVersion:\s*['"]?(\d+)(?:\.(\d+))?/m.exec(lockText);
    const major = lockfile ? Number(lockfile[1]) : undefined;
    if (major === 5) return { version: VERSIONS.tools.pnpmForLockfile5, from: 'lock file' };
    if (major === 6) return { version: VERSIONS.tools.pnpmForLockfile6, from: 'lock file' };
  }
  return { version: variant === 'pnpm' ? VERSIONS.tools.pnpm : VERSIONS.tools.yarn, from: 'default' };
}
