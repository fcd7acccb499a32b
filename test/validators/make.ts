/**
 * Makefiles: `make -n -f <file> <target>` for every target. A non-zero exit is a finding, and so is
 * ANY `warning:` on stderr (overriding recipe, ignoring old recipe, undefined variable...).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireBinary, run } from './tools.js';
import type { Finding } from './types.js';

export interface MakeOptions {
  /** Directory make runs in (for includes / relative paths). Default: the temp dir holding the Makefile. */
  cwd?: string;
  /** Environment variables for make, e.g. `{ ENV: 'dev' }` (as in `ENV=dev make infra-plan`). */
  env?: Record<string, string>;
  /** Command-line variable assignments (`make VAR=value`), override even plain `=`. */
  vars?: Record<string, string>;
  /** Name used in findings. Default `Makefile`. */
  fileName?: string;
  /** Pass --warn-undefined-variables (each such warning becomes a finding). Default false. */
  warnUndefinedVariables?: boolean;
}

export interface MakeTargetResult {
  target: string;
  code: number;
  /** The commands `make -n` printed. */
  stdout: string;
  stderr: string;
  findings: Finding[];
}

function makeEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  // never inherit a parent make's flags (npm test may itself run under make)
  delete env.MAKEFLAGS;
  delete env.MFLAGS;
  delete env.MAKELEVEL;
  delete env.MAKEFILES;
  return { ...env, ...extra };
}

function parseStderr(stderr: string, makefilePath: string, fileName: string, target: string): Finding[] {
  const findings: Finding[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const isWarning = /warning:/i.test(line);
    const isError = /\*\*\*|error/i.test(line);
    if (!isWarning && !isError) continue;
    const loc = new RegExp(`^${escapeRe(makefilePath)}:(\\d+):\\s*`).exec(line);
    const message = line.split(makefilePath).join(fileName).replace(/^make(\[\d+\])?: /, '');
    findings.push({
      file: fileName,
      line: loc ? Number(loc[1]) : undefined,
      message: `make -n ${target}: ${message}`,
      rule: isWarning ? 'make-warning' : 'make-error',
      severity: isWarning ? 'warning' : 'error',
    });
  }
  return findings;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Dry-runs one target and returns the printed commands too (for asserting what a target would run). */
export async function makeDryRunTarget(makefileText: string, target: string | undefined, opts: MakeOptions = {}): Promise<MakeTargetResult> {
  const bin = requireBinary('make');
  const tmp = mkdtempSync(path.join(tmpdir(), 'ai-projen-make-'));
  try {
    const file = path.join(tmp, 'Makefile');
    writeFileSync(file, makefileText);
    return await dryRunFile(bin, file, target, opts);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function dryRunFile(bin: string, file: string, target: string | undefined, opts: MakeOptions): Promise<MakeTargetResult> {
  const fileName = opts.fileName ?? 'Makefile';
  const args = ['-n', '-f', file];
  if (opts.warnUndefinedVariables) args.push('--warn-undefined-variables');
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push(`${k}=${v}`);
  if (target) args.push(target);
  const r = await run(bin, args, { cwd: opts.cwd ?? path.dirname(file), env: makeEnv(opts.env) });
  const label = target ?? '(default goal)';
  const findings = parseStderr(r.stderr, file, fileName, label);
  if (r.code !== 0 && !findings.some((f) => f.severity === 'error')) {
    findings.push({ file: fileName, message: `make -n ${label} exited ${r.code}: ${r.stderr.split(file).join(fileName).trim()}`, rule: 'make-error', severity: 'error' });
  }
  return { target: label, code: r.code, stdout: r.stdout, stderr: r.stderr, findings };
}

/**
 * `make -n -f <file> <target>` for each target (the default goal when `targets` is empty).
 * Findings from a parse-time problem (reported for every target) are listed once.
 */
export async function makeDryRun(makefileText: string, targets: readonly string[], opts: MakeOptions = {}): Promise<Finding[]> {
  const bin = requireBinary('make');
  const tmp = mkdtempSync(path.join(tmpdir(), 'ai-projen-make-'));
  try {
    const file = path.join(tmp, 'Makefile');
    writeFileSync(file, makefileText);
    const list = targets.length ? targets : [undefined];
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const target of list) {
      const result = await dryRunFile(bin, file, target, opts);
      for (const f of result.findings) {
        // parse-time warnings/errors repeat for every target: keep one
        const key = `${f.rule}|${f.line ?? ''}|${f.message.replace(/^make -n \S+: /, '')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(f);
      }
    }
    return findings;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
