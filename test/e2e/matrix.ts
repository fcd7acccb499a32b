// The e2e results matrix (case x step) and its comparison with test/e2e/baseline.json. Pure.
//
// The baseline lists the cells known to fail, each with the missing capability. A listed cell that passes
// is a problem too (take it out), so the baseline can only shrink.

export const STEPS = [
  'generate', 'check', 'services',
  'build-dev', 'build-lint', 'build-test', 'build-prod', 'lint', 'test', 'ci-test', 'prod-health',
  'compose-dev', 'migrate', 'compose-prod',
] as const;
export type Step = (typeof STEPS)[number];

/** pass; fail; blocked (an earlier cell it needs failed); n/a (the case has nothing to check there). */
export type Status = 'pass' | 'fail' | 'blocked' | 'n/a';

export interface Cell {
  /** `<case>` for case-wide steps, `<case>/<service>` for a service's steps. */
  row: string;
  step: Step;
  status: Status;
  ms: number;
  detail: string;
}

/** Cell id as the baseline spells it: `<row> <step>`. */
export const cellId = (cell: Pick<Cell, 'row' | 'step'>): string => `${cell.row} ${cell.step}`;

/** cell id -> why it fails today (the capability that is missing). */
export type Baseline = Record<string, string>;

export function parseBaseline(text: string): Baseline {
  const data = JSON.parse(text) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('baseline.json: expected an object of "<row> <step>": "<reason>"');
  const cells = (data as { cells?: unknown }).cells ?? data;
  for (const [id, reason] of Object.entries(cells as Record<string, unknown>)) {
    if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`baseline.json: "${id}" needs a reason (the missing capability)`);
    const step = id.split(' ').pop() as Step;
    if (!id.includes(' ') || !STEPS.includes(step)) throw new Error(`baseline.json: "${id}" is not "<row> <step>" with a step among ${STEPS.join(', ')}`);
  }
  return cells as Baseline;
}

/**
 * What is wrong with a run against the baseline: a cell that does not pass and is not listed, a listed cell
 * that passes (or no longer exists) in a case that ran. An empty list means the run matches.
 */
export function compareWithBaseline(cells: readonly Cell[], baseline: Baseline, casesRun: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    const id = cellId(cell);
    seen.add(id);
    const listed = Object.hasOwn(baseline, id);
    if ((cell.status === 'fail' || cell.status === 'blocked') && !listed) problems.push(`${id}: ${cell.status} and not in baseline.json: ${cell.detail}`);
    if ((cell.status === 'pass' || cell.status === 'n/a') && listed) problems.push(`${id}: ${cell.status === 'pass' ? 'passes now' : 'has nothing to check'}: take it out of baseline.json (was: ${baseline[id]})`);
  }
  const ran = new Set(casesRun);
  for (const id of Object.keys(baseline)) {
    const caseName = id.split(' ')[0]!.split('/')[0]!;
    if (ran.has(caseName) && !seen.has(id)) problems.push(`${id}: listed in baseline.json but the run has no such cell: take it out`);
  }
  return problems;
}

const MARK: Record<Status, string> = { pass: 'ok', fail: 'FAIL', blocked: 'blk', 'n/a': '-' };

const seconds = (ms: number): string => (ms >= 100 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)}s` : '');

/** The matrix as a fixed-width table: a row per case and per service, a column per step, status and time. */
export function formatMatrix(cells: readonly Cell[], baseline: Baseline = {}): string {
  const rows = [...new Set(cells.map((c) => c.row))];
  const steps = STEPS.filter((step) => cells.some((c) => c.step === step));
  const text = (row: string, step: Step): string => {
    const cell = cells.find((c) => c.row === row && c.step === step);
    if (!cell) return '';
    const known = cell.status !== 'pass' && cell.status !== 'n/a' && Object.hasOwn(baseline, cellId(cell)) ? '*' : '';
    return `${MARK[cell.status]}${known} ${seconds(cell.ms)}`.trim();
  };
  const widths = [Math.max(4, ...rows.map((r) => r.length)), ...steps.map((s) => Math.max(s.length, ...rows.map((r) => text(r, s).length)))];
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(['case', ...steps]), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of rows) out.push(line([row, ...steps.map((s) => text(row, s))]));
  const total = cells.reduce((sum, c) => sum + c.ms, 0);
  const count = (status: Status) => cells.filter((c) => c.status === status).length;
  out.push('', `${count('pass')} pass, ${count('fail')} fail, ${count('blocked')} blocked, ${count('n/a')} n/a; ${seconds(total) || '0s'} in all. * = listed in baseline.json`);
  return out.join('\n');
}
