/**
 * Terraform: fmt -check, init (offline, -plugin-dir) + validate -json, and `terraform test`.
 *
 * The tree under test is COPIED to a temp dir first (with TF_DATA_DIR beside it), so fixtures and
 * generated output never get a .terraform/ or .terraform.lock.hcl. Every call runs with
 * TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireBinary, run, terraformPluginDir, type RunResult } from './tools.js';
import { ToolMissing, isToolMissing, type Finding } from './types.js';

export interface TerraformOptions {
  /**
   * Directory copied to the temp workspace; `dir` must be inside it. Use it when `dir` reaches
   * outside itself (e.g. `source = "../../modules/x"`). Default: `dir` itself.
   */
  root?: string;
  /** -plugin-dir; default TF_PLUGIN_DIR or discovery (tools.ts). */
  pluginDir?: string;
  /** Extra environment for terraform (e.g. TF_VAR_x). */
  env?: Record<string, string>;
}

const BASE_ENV = { TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };

function terraformBin(): string {
  return requireBinary('terraform');
}

function tfEnv(dataDir: string | undefined, extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...BASE_ENV, ...extra };
  delete env.TF_DATA_DIR;
  delete env.TF_WORKSPACE;
  if (dataDir) env.TF_DATA_DIR = dataDir;
  return env;
}

interface Workspace {
  /** temp copy of `dir` */
  workDir: string;
  dataDir: string;
  cleanup(): void;
}

/** Copies `root` (default `dir`) to a fresh temp dir, skipping .terraform/ and state files. */
function makeWorkspace(dir: string, root: string | undefined): Workspace {
  const absDir = path.resolve(dir);
  const absRoot = path.resolve(root ?? dir);
  const rel = path.relative(absRoot, absDir);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`terraform: ${absDir} is not inside root ${absRoot}`);
  const base = mkdtempSync(path.join(tmpdir(), 'ai-projen-tf-'));
  const copyRoot = path.join(base, 'src');
  cpSync(absRoot, copyRoot, {
    recursive: true,
    filter: (src) => {
      const name = path.basename(src);
      return name !== '.terraform' && !name.endsWith('.tfstate') && !name.endsWith('.tfstate.backup');
    },
  });
  const dataDir = path.join(base, 'tfdata');
  mkdirSync(dataDir);
  return { workDir: path.join(copyRoot, rel), dataDir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}

/** `terraform fmt -check -recursive -diff`: one finding per misformatted file, the diff in the message. */
export async function terraformFmtCheck(dir: string, opts: Pick<TerraformOptions, 'env'> = {}): Promise<Finding[]> {
  const bin = terraformBin();
  const ws = makeWorkspace(dir, undefined);
  try {
    const r = await run(bin, ['fmt', '-check', '-recursive', '-diff', '-no-color'], { cwd: ws.workDir, env: tfEnv(ws.dataDir, opts.env) });
    if (r.code === 0) return [];
    const findings: Finding[] = [];
    // stdout: "<file>\n--- old/<file>\n+++ new/<file>\n@@ ... (repeated per file)
    const lines = r.stdout.split('\n');
    let current: Finding | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (lines[i + 1]?.startsWith('--- old/') && !line.startsWith('-') && !line.startsWith('+') && !line.startsWith(' ')) {
        current = { file: line.trim(), message: `${line.trim()} is not formatted (terraform fmt)`, rule: 'terraform-fmt', severity: 'error' };
        findings.push(current);
        continue;
      }
      if (current && line.startsWith('@@')) {
        const m = /^@@ -(\d+)/.exec(line);
        if (m && current.line === undefined) current.line = Number(m[1]);
      }
      if (current && line !== '') current.message += `\n${line}`;
    }
    if (findings.length === 0) {
      // exit 2/3 without a diff: a syntax error (reported on stderr)
      findings.push({ message: stripAnsi(r.stderr || r.stdout).trim() || `terraform fmt exited ${r.code}`, rule: 'terraform-fmt', severity: 'error' });
    }
    return findings;
  } finally {
    ws.cleanup();
  }
}

interface TfDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number; column: number } };
}

function diagnosticToFinding(d: TfDiagnostic, rule: string, prefix = ''): Finding {
  const detail = d.detail ? `: ${d.detail.replace(/\s+/g, ' ').trim()}` : '';
  return {
    file: d.range?.filename,
    line: d.range?.start.line,
    column: d.range?.start.column,
    message: `${prefix}${d.summary}${detail}`,
    rule: `${rule}/${d.severity}`,
    severity: d.severity,
  };
}

/** Resolves the plugin dir; undefined when none is found (init then fails only if a provider is needed). */
function pluginDirFor(opts: TerraformOptions): { dir?: string; missing?: ToolMissing } {
  if (opts.pluginDir) return { dir: opts.pluginDir };
  try {
    return { dir: terraformPluginDir().dir };
  } catch (e) {
    if (isToolMissing(e)) return { missing: e };
    throw e;
  }
}

/** Offline `terraform init -backend=false -input=false -plugin-dir=...` in the workspace. */
async function init(bin: string, ws: Workspace, opts: TerraformOptions): Promise<Finding[]> {
  const plugin = pluginDirFor(opts);
  // without a real plugin dir use an empty one: init never reaches the network, and a config
  // that needs no provider still initialises
  const pluginDir = plugin.dir ?? path.join(ws.dataDir, '..', 'no-plugins');
  mkdirSync(pluginDir, { recursive: true });
  const r = await run(bin, ['init', '-backend=false', '-input=false', '-no-color', `-plugin-dir=${pluginDir}`], {
    cwd: ws.workDir,
    env: tfEnv(ws.dataDir, opts.env),
  });
  if (r.code === 0) return [];
  const text = stripAnsi(`${r.stderr}\n${r.stdout}`);
  if (plugin.missing && /provider/i.test(text)) {
    throw new ToolMissing(plugin.missing.tool, `${plugin.missing.reason}; terraform init needs it: ${firstError(text)}`);
  }
  return [{ message: `terraform init failed: ${text.trim()}`, rule: 'terraform-init/error', severity: 'error' }];
}

function firstError(text: string): string {
  const m = /Error: ([^\n]+)/.exec(text);
  return m ? m[1]! : text.trim().split('\n')[0] ?? '';
}

function parseValidateJson(r: RunResult): Finding[] {
  let parsed: { valid?: boolean; diagnostics?: TfDiagnostic[] };
  try {
    parsed = JSON.parse(r.stdout) as typeof parsed;
  } catch {
    return [{ message: `terraform validate produced no JSON (exit ${r.code}): ${stripAnsi(r.stderr)}`, rule: 'terraform-validate/error', severity: 'error' }];
  }
  const findings = (parsed.diagnostics ?? []).map((d) => diagnosticToFinding(d, 'terraform-validate'));
  if (parsed.valid === false && !findings.some((f) => f.severity === 'error')) {
    findings.push({ message: `terraform validate: invalid (exit ${r.code})`, rule: 'terraform-validate/error', severity: 'error' });
  }
  return findings;
}

/** init (offline) + `terraform validate -json`. Errors AND warnings are findings. */
export async function terraformValidate(dir: string, opts: TerraformOptions = {}): Promise<Finding[]> {
  const bin = terraformBin();
  const ws = makeWorkspace(dir, opts.root);
  try {
    const initFindings = await init(bin, ws, opts);
    if (initFindings.length) return initFindings;
    const r = await run(bin, ['validate', '-json', '-no-color'], { cwd: ws.workDir, env: tfEnv(ws.dataDir, opts.env) });
    return parseValidateJson(r);
  } finally {
    ws.cleanup();
  }
}

interface TestJsonLine {
  '@level'?: string;
  '@message'?: string;
  '@testfile'?: string;
  '@testrun'?: string;
  type?: string;
  diagnostic?: TfDiagnostic;
  test_summary?: { status: string; passed: number; failed: number; errored: number; skipped: number };
}

/** init (offline) + `terraform test -json`; every error/warning diagnostic is a finding. */
export async function terraformTest(dir: string, opts: TerraformOptions & { filter?: string[] } = {}): Promise<Finding[]> {
  const bin = terraformBin();
  const ws = makeWorkspace(dir, opts.root);
  try {
    const initFindings = await init(bin, ws, opts);
    if (initFindings.length) return initFindings;
    const args = ['test', '-json', '-no-color', ...(opts.filter ?? []).map((f) => `-filter=${f}`)];
    const r = await run(bin, args, { cwd: ws.workDir, env: tfEnv(ws.dataDir, opts.env) });
    const findings: Finding[] = [];
    let summary: TestJsonLine['test_summary'];
    for (const raw of r.stdout.split('\n')) {
      if (!raw.trim().startsWith('{')) continue;
      let line: TestJsonLine;
      try {
        line = JSON.parse(raw) as TestJsonLine;
      } catch {
        continue;
      }
      if (line.type === 'diagnostic' && line.diagnostic) {
        const where = line['@testrun'] ? `run "${line['@testrun']}": ` : '';
        const f = diagnosticToFinding(line.diagnostic, 'terraform-test', where);
        f.file ??= line['@testfile'];
        findings.push(f);
      }
      if (line.type === 'test_summary') summary = line.test_summary;
    }
    if (r.code !== 0 && !findings.some((f) => f.severity === 'error')) {
      const s = summary ? `${summary.status}: ${summary.passed} passed, ${summary.failed} failed, ${summary.errored} errored` : `exit ${r.code}`;
      findings.push({ message: `terraform test failed (${s}) ${stripAnsi(r.stderr).trim()}`.trim(), rule: 'terraform-test/error', severity: 'error' });
    }
    return findings;
  } finally {
    ws.cleanup();
  }
}

// ---------------------------------------------------------------------------
// memo: identical renderings validate once per process

const TF_FILE = /\.(tf|tf\.json|tfvars|tfvars\.json|hcl)$/;

function hashTree(root: string, dir: string, hash: ReturnType<typeof createHash>): void {
  const walk = (d: string): void => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.terraform') walk(p);
      } else if (TF_FILE.test(e.name)) {
        hash.update(`\0${path.relative(root, p)}\0`);
        hash.update(readFileSync(p));
      }
    }
  };
  walk(root);
  hash.update(`\0dir=${path.relative(root, dir)}`);
}

/** Content hash of the .tf/.hcl/.tfvars files under `root` (default `dir`), plus dir and options. */
export function terraformTreeHash(dir: string, opts: TerraformOptions = {}): string {
  const hash = createHash('sha256');
  const root = path.resolve(opts.root ?? dir);
  hashTree(root, path.resolve(dir), hash);
  hash.update(`\0plugin=${opts.pluginDir ?? process.env.TF_PLUGIN_DIR ?? ''}\0env=${JSON.stringify(opts.env ?? {})}`);
  return hash.digest('hex');
}

const validateMemo = new Map<string, Promise<Finding[]>>();

/**
 * terraformValidate memoised by the content hash of the rendered files: identical renderings
 * (same generator output in several specs) validate once per process. Returns the SAME promise.
 */
export function validateOnce(dir: string, opts: TerraformOptions = {}): Promise<Finding[]> {
  const key = terraformTreeHash(dir, opts);
  let p = validateMemo.get(key);
  if (!p) {
    p = terraformValidate(dir, opts);
    validateMemo.set(key, p);
    // a missing tool is not cached as a result; let the next caller get a fresh ToolMissing
    p.catch(() => validateMemo.delete(key));
  }
  return p;
}
