// `npm run bench`: each figure is a ratio of two measurements taken in the same run, alternating the two
// sides (median of RUNS), so machine noise hits both alike. Absolute times are printed for context only.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { detect } from '../../generators/lib/detect.js';
import { packageRoot } from '../../generators/lib/manifest.js';
import { fixturePath } from '../helpers/fixtures.js';
import { snapshot } from '../helpers/tree.js';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const root = packageRoot();
const bin = path.join(root, 'bin/ai-projen.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'ai-projen-bench-'));
// yo drops root privileges to uid 1000: everything it touches must be writable by that user.
chmodSync(work, 0o777);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

let copies = 0;
function freshCopy(fixture: string): string {
  const dir = path.join(work, `p${(copies += 1)}`, fixture);
  cpSync(fixturePath(fixture), dir, { recursive: true });
  spawnSync('chmod', ['-R', 'a+rwX', path.dirname(dir)]);
  return dir;
}

function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', input: '' });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return elapsed;
}

/** Alternates a and b RUNS times on fresh inputs; returns both medians. */
function compare(a: () => number, b: () => number): { a: number; b: number } {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    as.push(a());
    bs.push(b());
  }
  return { a: median(as), b: median(bs) };
}

interface Figure {
  name: string;
  ratio: number;
  target: number;
  detail: string;
}
const figures: Figure[] = [];
function report(name: string, ratio: number, target: number, detail: string): void {
  figures.push({ name, ratio, target, detail });
  console.log(`${ratio <= target ? 'MET ' : 'MISS'}  ${name}: ${ratio.toFixed(2)}x (target <= ${target}x)  ${detail}`);
}

// 1. Our CLI against yo, same generator, same fixture, same output. yo finds the package through a
//    node_modules folder above the project (as a local install would) and runs as uid 1000 when root.
function cliVersusYo(): void {
  const yoHome = path.join(work, 'yo-home');
  mkdirSync(path.join(work, 'node_modules'), { recursive: true });
  symlinkSync(root, path.join(work, 'node_modules', 'generator-ai-projen'));
  mkdirSync(yoHome, { recursive: true });
  chmodSync(yoHome, 0o777);
  const yoEnv = { ...process.env, HOME: yoHome, XDG_CONFIG_HOME: yoHome, NO_UPDATE_NOTIFIER: '1' };
  const yo = path.join(root, 'node_modules/yo/lib/cli.js');
  const ours = freshCopy('fullstack');
  const theirs = freshCopy('fullstack');
  timed(process.execPath, [bin, 'docker', '--yes'], ours);
  timed(process.execPath, [yo, 'ai-projen:docker', '--yes', '--force', '--skip-install', '--no-insight'], theirs, yoEnv);
  const a = snapshot(ours);
  const b = snapshot(theirs);
  const same = JSON.stringify(a) === JSON.stringify(b);
  if (!same) throw new Error('ai-projen and yo produced different output on the same fixture');
  const result = compare(
    () => timed(process.execPath, [bin, 'docker', '--yes'], freshCopy('fullstack')),
    () => timed(process.execPath, [yo, 'ai-projen:docker', '--yes', '--force', '--skip-install', '--no-insight'], freshCopy('fullstack'), yoEnv),
  );
  report('ai-projen docker vs yo ai-projen:docker', result.a / result.b, 0.5, `(${result.a.toFixed(0)} ms vs ${result.b.toFixed(0)} ms, identical output: ${Object.keys(a).length} files)`);
}

// 2. The composed run of all three plugins against a run that composes nothing, through the same CLI.
function composedVersusNoop(): void {
  const result = compare(
    () => timed(process.execPath, [bin, 'app', '--yes', '--plugins', 'docker,github-actions,terraform-aws'], freshCopy('fullstack')),
    () => timed(process.execPath, [bin, 'app', '--yes', '--plugins', ''], freshCopy('fullstack')),
  );
  report('composed app (3 plugins) vs no-op app run', result.a / result.b, 1.5, `(${result.a.toFixed(0)} ms vs ${result.b.toFixed(0)} ms)`);
  const rss = spawnSync(process.execPath, [path.join(root, 'dist/test/bench/peak-rss.js'), 'app', '--yes', '--plugins', 'docker,github-actions,terraform-aws'], {
    cwd: freshCopy('fullstack'),
    encoding: 'utf8',
    input: '',
  });
  const peak = /peak-rss-kb=(\d+)/.exec(rss.stderr)?.[1];
  console.log(`      peak memory of the composed run: ${peak ? `${(Number(peak) / 1024).toFixed(0)} MiB (max RSS)` : `unknown (${rss.stderr.trim()})`}`);
}

// 3. detect() must not depend on ignored folders: 100,000 files of which 95,000 in node_modules/.venv/.git.
function detectWalk(): void {
  const build = (withIgnored: boolean): string => {
    const dir = path.join(work, withIgnored ? 'tree-big' : 'tree-small');
    cpSync(fixturePath('fullstack'), dir, { recursive: true });
    const write = (folder: string, count: number): void => {
      for (let i = 0; i < count; i += 1) {
        const sub = path.join(dir, folder, `d${Math.floor(i / 500)}`);
        if (i % 500 === 0) mkdirSync(sub, { recursive: true });
        writeFileSync(path.join(sub, `f${i}.txt`), '');
      }
    };
    write('docs/notes', 5_000 - 9);
    if (withIgnored) {
      write('frontend/node_modules', 45_000);
      write('backend/.venv/lib', 40_000);
      write('.git/objects', 10_000);
    }
    return dir;
  };
  const big = build(true);
  const small = build(false);
  // One walk takes a few milliseconds: a sample is 20 walks, so timer and GC noise do not decide the ratio.
  const time = (dir: string): number => {
    const start = performance.now();
    for (let i = 0; i < 20; i += 1) detect(dir);
    return (performance.now() - start) / 20;
  };
  time(big);
  time(small);
  const result = compare(() => time(big), () => time(small));
  report('detect() with 95,000 ignored files vs without', result.a / result.b, 1.2, `(${result.a.toFixed(2)} ms vs ${result.b.toFixed(2)} ms)`);
}

// 4. A re-run on an up-to-date project writes nothing and is no slower than the first run.
function rerun(): void {
  const firsts: number[] = [];
  const seconds: number[] = [];
  let writes = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const dir = freshCopy('fullstack');
    firsts.push(timed(process.execPath, [bin, 'app', '--yes'], dir));
    const before = snapshot(dir);
    const mtimes = Object.keys(before).map((file) => statSync(path.join(dir, file)).mtimeMs);
    seconds.push(timed(process.execPath, [bin, 'app', '--yes'], dir));
    const after = Object.keys(before).map((file) => statSync(path.join(dir, file)).mtimeMs);
    writes += after.filter((mtime, index) => mtime !== mtimes[index]).length + (JSON.stringify(snapshot(dir)) === JSON.stringify(before) ? 0 : 1);
  }
  const a = median(seconds);
  const b = median(firsts);
  report('re-run on an up-to-date project vs first run', a / b, 1.0, `(${a.toFixed(0)} ms vs ${b.toFixed(0)} ms, files written by re-runs: ${writes})`);
  if (writes > 0) throw new Error(`re-runs wrote ${writes} file(s)`);
}

console.log(`ai-projen benchmark: median of ${RUNS} alternating runs per figure, ${os.cpus().length} cores, Node ${process.version}\n`);
try {
  cliVersusYo();
  composedVersusNoop();
  detectWalk();
  rerun();
} finally {
  rmSync(work, { recursive: true, force: true });
}
const missed = figures.filter((figure) => figure.ratio > figure.target);
console.log(`\n${figures.length - missed.length} of ${figures.length} targets met`);
process.exitCode = missed.length ? 1 : 0;
