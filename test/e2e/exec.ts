// Runs a command for the e2e harness: output appended to a log file (builds print a lot), the tail
// kept for the report, a hard timeout, and the elapsed time.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ExecResult {
  code: number;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  stdout: string;
  ms: number;
}

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** File the command line and its output are appended to. */
  log?: string;
  input?: string;
}

const MAX_KEEP = 4 * 1024 * 1024;

export function exec(cmd: string, args: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const started = performance.now();
  if (opts.log) {
    mkdirSync(path.dirname(opts.log), { recursive: true });
    appendFileSync(opts.log, `\n$ (cd ${opts.cwd ?? process.cwd()}) ${[cmd, ...args].join(' ')}\n`);
  }
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    const keep = (chunk: Buffer, toStdout: boolean) => {
      const text = chunk.toString('utf8');
      if (opts.log) appendFileSync(opts.log, text);
      output = (output + text).slice(-MAX_KEEP);
      if (toStdout) stdout = (stdout + text).slice(-MAX_KEEP);
    };
    child.stdout.on('data', (b: Buffer) => keep(b, true));
    child.stderr.on('data', (b: Buffer) => keep(b, false));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 600_000);
    const done = (code: number, extra = '') => {
      clearTimeout(timer);
      if (extra && opts.log) appendFileSync(opts.log, `${extra}\n`);
      resolve({ code, output: output + extra, stdout, ms: performance.now() - started });
    };
    child.on('error', (error) => done(127, `\n(${cmd}: ${error.message})`));
    child.on('close', (code, signal) => done(code ?? 128, timedOut ? `\n(timed out after ${opts.timeoutMs ?? 600_000} ms)` : signal ? `\n(killed by ${signal})` : ''));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** The last `lines` lines of a command's output, for a failure message. */
export const tail = (text: string, lines = 25): string => text.trimEnd().split('\n').slice(-lines).join('\n');

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
