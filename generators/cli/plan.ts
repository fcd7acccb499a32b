// `ai-projen plan [--json]`: the run plan of every app of the project in the current folder, each value
// with its evidence (file:line, an option, a framework's convention, or default). Writes nothing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { detect } from '../lib/detect.js';
import { AiProjenError } from '../lib/errors.js';
import { isDeployed, planApps, type AppPlan, type Fact, type PlanAnswers } from '../lib/plan/index.js';
import { diskReader } from '../lib/plan/reader.js';

const show = (value: unknown): string => {
  if (Array.isArray(value)) return value.map((v) => (/\s/.test(String(v)) ? JSON.stringify(v) : String(v))).join(' ');
  if (value && typeof value === 'object') {
    const health = value as { kind: string; path?: string };
    return health.kind === 'http' ? `http ${health.path}` : health.kind;
  }
  return String(value);
};

/** Rows of one app's plan: field, value, evidence. */
export function planRows(plan: AppPlan): Array<[string, string, string]> {
  const rows: Array<[string, string, string]> = [];
  const add = (field: string, f: Fact<unknown> | undefined) => {
    if (f) rows.push([field, show(f.value), f.from]);
  };
  add('kind', plan.kind);
  // A recipe says how a deployed app builds and runs; libraries and mobile apps have none worth showing.
  if ('recipe' in plan && isDeployed(plan)) add('recipe', (plan as { recipe: Fact<unknown> }).recipe);
  // Node names its manager variant (yarn-classic, pnpm...), Python its manager; pip has no release to pin.
  const toolchain = (plan as { toolchain?: { variant?: string; manager?: string; version?: Fact<string> } }).toolchain;
  if (toolchain?.version?.value) rows.push(['package manager', `${toolchain.variant ?? toolchain.manager} ${toolchain.version.value}`, toolchain.version.from]);
  if (isDeployed(plan)) {
    add('start', plan.start);
    add('dev', plan.dev);
    add('port', plan.port);
    add('health', plan.health);
  }
  for (const key of ['build', 'buildOutput', 'prisma', 'runtimeFiles'] as const) add(key, (plan as unknown as Record<string, Fact<unknown> | undefined>)[key]);
  add('migrate', plan.migrate);
  add('static files', plan.staticFiles);
  plan.tests.forEach((f) => add('test', f));
  plan.lint.forEach((f) => add('lint', f));
  plan.dataStores.forEach((f) => add('data store', f));
  for (const v of plan.env) rows.push(['env', `${v.name}${v.required ? ' (required)' : ''}${v.secret ? ' (secret)' : ''}`, v.from]);
  for (const v of plan.buildEnv) rows.push(['build env', v.value === undefined ? `${v.name} (build argument)` : `${v.name}=${v.value}`, v.from]);
  const runner = (plan as { taskRunner?: Fact<{ tool: string; tasks: string[] }> }).taskRunner;
  if (runner) rows.push(['task runner', `${runner.value.tool} (${runner.value.tasks.join(', ')})`, runner.from]);
  for (const w of plan.workers) add(`worker ${w.name}`, w.command);
  return rows;
}

export function formatPlan(plans: readonly AppPlan[]): string {
  const out: string[] = [];
  for (const plan of plans) {
    out.push(`${plan.name} (${plan.path === '.' ? 'project root' : plan.path}, ${plan.language})`);
    const rows = planRows(plan);
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.min(60, Math.max(...rows.map((r) => r[1].length)));
    for (const [field, value, from] of rows) out.push(`  ${field.padEnd(w0)}  ${value.padEnd(w1)}  <- ${from}`);
    for (const note of plan.notes) out.push(`  note: ${note}`);
    out.push('');
  }
  return out.join('\n');
}

/** Answers an earlier run stored (ports, health-check path) shape the plan the generators use. */
function storedAnswers(root: string): PlanAnswers {
  const file = path.join(root, '.yo-rc.json');
  if (!existsSync(file)) return {};
  try {
    const stored = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>)['generator-ai-projen'] ?? {};
    return {
      ...(stored.ports && typeof stored.ports === 'object' ? { ports: stored.ports as Record<string, number> } : {}),
      ...(typeof stored.healthCheckPath === 'string' ? { healthCheckPath: stored.healthCheckPath } : {}),
    };
  } catch {
    throw new AiProjenError('.yo-rc.json:1 is not valid JSON');
  }
}

export function runPlan(cwd: string, json: boolean, stdout: NodeJS.WritableStream): number {
  const profile = detect(cwd);
  if (profile.apps.length === 0) throw new AiProjenError(`no Python or TypeScript project found in ${cwd}`);
  const plans = planApps(profile, diskReader(profile.root), storedAnswers(profile.root));
  stdout.write(json ? `${JSON.stringify({ apps: plans }, null, 2)}\n` : formatPlan(plans));
  return 0;
}
