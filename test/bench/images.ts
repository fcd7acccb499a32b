// `npm run bench:images`: per Node case of the e2e corpus, our prod image against the Dockerfile that
// @flydotio/dockerfile writes for the same project, both built by Podman the same way in the same run.
//   size      our prod image / theirs                         target <= 0.5
//   cold      our cold build / theirs (no layer cache, empty cache mounts), for context
//   warm      our rebuild after a one-line source change / our cold build   target <= 0.2
// Both sides use the Node.js major the @flydotio Dockerfile pins (the machine's), so the Dockerfiles are compared.
// AI_PROJEN_E2E_CASES=a,b picks cases. Needs the e2e engine (test/e2e/setup-engine.sh).
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../../generators/lib/manifest.js';
import { checkout, RECIPES, scaffold } from '../e2e/corpus.js';
import { cacheDir, Engine } from '../e2e/engine.js';
import { exec, tail } from '../e2e/exec.js';
import { baseImages } from '../e2e/run-case.js';
import { StandIns } from '../e2e/standins.js';

const FLY = '@flydotio/dockerfile@0.7.10';
/** Where buildah keeps RUN --mount=type=cache folders: emptied before each cold build. */
const BUILDAH_CACHE = '/var/tmp/buildah-cache';
const bin = path.join(packageRoot(), 'bin/ai-projen.js');

const only = (process.env.AI_PROJEN_E2E_CASES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const recipes = RECIPES.filter((r) => r.language === 'node' && (only.length === 0 || only.includes(r.name)));

interface Build {
  dockerfile: string;
  context: string;
  target?: string;
}

/** The first source file of the app (what a developer edits): src/, app/, routes/ or server/, else the entry. */
function sourceFile(dir: string): string | undefined {
  for (const folder of ['src', 'app', 'routes', 'server']) {
    const abs = path.join(dir, folder);
    if (!existsSync(abs)) continue;
    const files = readdirSync(abs, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(m?[jt]sx?)$/.test(f) && !/(\.|\/)(spec|test)\.|__tests__|\.d\.ts$/.test(f) && statSync(path.join(abs, f)).isFile())
      .sort();
    if (files[0]) return path.join(abs, files[0]);
  }
  return ['app.js', 'index.js', 'server.js'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
}

async function main(): Promise<void> {
  const cache = cacheDir();
  const work = mkdtempSync(path.join(cache, 'bench-'));
  const log = path.join(work, 'bench.log');
  const engine = await Engine.open(cache);
  const standins = new StandIns(engine, cache, log);
  const rows: string[] = [];
  let met = true;
  try {
    for (const recipe of recipes) {
      try {
        await measure(recipe);
      } catch (error) {
        // One case that cannot be measured (theirs does not build offline...) is a row, not the end of the run.
        met = false;
        const message = (error as Error).message;
        // The build's own first error line (npm's, prisma's...), not the engine's summary of it.
        const reason = message.split('\n').find((line) => /^(npm error (?!code )|Error: (?!building at STEP))/.test(line.trim())) ?? message.split('\n')[0]!;
        const head = message.split('\n')[0]!;
        rows.push(`${recipe.name.padEnd(28)}  not measured: ${head === reason ? head : `${head} ${reason.trim()}`}`);
        process.stdout.write(`${rows.at(-1)}\n`);
      }
    }
  } finally {
    engine.close();
  }
  process.stdout.write(`\nour prod image vs @flydotio/dockerfile's, per case (targets: size <= 0.5x, warm rebuild <= 0.2x of our cold build)\n${rows.join('\n')}\n`);
  rmSync(work, { recursive: true, force: true });
  if (!met) process.exitCode = 1;

  async function measure(recipe: (typeof recipes)[number]): Promise<void> {
    const repo = await scaffold(recipe, cache, log);
    const ours = await checkout(repo, path.join(work, 'ours'), recipe.name, log);
    const theirs = await checkout(repo, path.join(work, 'theirs'), recipe.name, log);
    const fly = await exec('npx', ['-y', FLY, '--force'], { cwd: theirs, log, timeoutMs: 300_000 });
    // The same Node.js major on both sides (theirs takes the machine's): the figures compare the Dockerfiles, not the runtimes.
    const major = /^ARG NODE_VERSION=(\d+)/m.exec(existsSync(path.join(theirs, 'Dockerfile')) ? readFileSync(path.join(theirs, 'Dockerfile'), 'utf8') : '')?.[1];
    const generated = await exec(process.execPath, [bin, 'app', '--yes', '--json', '--plugins', 'docker', ...(major ? ['--node-version', major] : [])], { cwd: ours, log });
    if (generated.code !== 0 || fly.code !== 0) throw new Error(`${recipe.name}: generating the Dockerfiles failed:\n${tail(generated.output + fly.output)}`);
    // Our image of the first deployable service; theirs is the project's one Dockerfile. (Secrets the prod stack requires are set for `config` only.)
    const composeConfig = await engine.compose(['-f', 'docker-compose.prod.yml', 'config', '--format', 'json'], { cwd: ours, log, env: { POSTGRES_PASSWORD: 'bench' } });
    const services = (JSON.parse(composeConfig.stdout) as { services: Record<string, { build?: { context: string; dockerfile?: string; target?: string } }> }).services;
    const [service, spec] = Object.entries(services).find(([, s]) => s.build)!;
    const oursBuild: Build = { context: spec.build!.context, dockerfile: path.resolve(spec.build!.context, spec.build!.dockerfile ?? 'Dockerfile'), target: spec.build!.target };
    const theirsBuild: Build = { context: theirs, dockerfile: path.join(theirs, 'Dockerfile') };
    for (const b of [oursBuild, theirsBuild]) {
      const missing = await standins.ensure(baseImages(readFileSync(b.dockerfile, 'utf8')));
      if (missing.length > 0) throw new Error(missing.join('\n'));
    }
    const build = async (b: Build, tag: string, cold: boolean): Promise<number> => {
      if (cold) rmSync(BUILDAH_CACHE, { recursive: true, force: true });
      const started = performance.now();
      const result = await engine.podman(['build', '--format', 'docker', '--pull=never', '--network', 'host', ...(cold ? ['--no-cache'] : []),
        '-f', b.dockerfile, '-t', tag, ...(b.target ? ['--target', b.target] : []), b.context], { log, timeoutMs: 1_800_000 });
      if (result.code !== 0) throw new Error(`${recipe.name}: ${tag} did not build:\n${tail(result.output)}`);
      return performance.now() - started;
    };
    const size = async (tag: string) => Number((await engine.podman(['image', 'inspect', '--format', '{{.Size}}', tag])).stdout.trim());
    const theirsCold = await build(theirsBuild, `bench-fly-${recipe.name}`, true);
    const oursCold = await build(oursBuild, `bench-ours-${recipe.name}`, true);
    // Podman does not reuse the layers of a --no-cache build: one unmeasured build leaves the cache a developer has.
    await build(oursBuild, `bench-ours-${recipe.name}`, false);
    const apps = (JSON.parse(generated.stdout) as { profile: { apps: Array<{ name: string; path: string }> } }).profile.apps;
    const edited = sourceFile(path.join(ours, apps.find((a) => a.name === service)?.path ?? '.'));
    if (!edited) throw new Error(`${recipe.name}: no source file to edit`);
    appendFileSync(edited, `\n// bench: one-line change ${Date.now()}\n`);
    const oursWarm = await build(oursBuild, `bench-ours-${recipe.name}`, false);
    const [oursSize, theirsSize] = [await size(`bench-ours-${recipe.name}`), await size(`bench-fly-${recipe.name}`)];
    const sizeRatio = oursSize / theirsSize;
    const warmRatio = oursWarm / oursCold;
    met &&= sizeRatio <= 0.5 && warmRatio <= 0.2;
    const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    rows.push([
      `${recipe.name} (${service})`.padEnd(28),
      `size ${sizeRatio.toFixed(2)}x ${sizeRatio <= 0.5 ? 'MET ' : 'MISS'} (${mb(oursSize)} vs ${mb(theirsSize)})`.padEnd(40),
      `warm ${warmRatio.toFixed(2)}x ${warmRatio <= 0.2 ? 'MET ' : 'MISS'} (${s(oursWarm)} after editing ${path.relative(ours, edited)})`.padEnd(64),
      `cold ${(oursCold / theirsCold).toFixed(2)}x (${s(oursCold)} vs ${s(theirsCold)})`,
    ].join('  '));
    process.stdout.write(`${rows.at(-1)}\n`);
    await engine.podman(['rmi', '-f', `bench-ours-${recipe.name}`, `bench-fly-${recipe.name}`]);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
