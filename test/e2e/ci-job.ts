// The e2e `ci-test` cell's stand-in for the GitHub runner, its pure parts: which job of the generated
// .github/workflows/test.yml tests an app, which of its `run:` steps the stand-in runs (those after the
// dependency installation: setup and install need the network to PyPI / the actions, which the e2e machine
// lacks, and the app's `test` image already has the dependencies installed), the `podman run` arguments of
// the job's service containers, where a step runs inside the test image and with which environment.
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { qualify } from './standins.js';

export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, unknown>;
  shell?: string;
  'working-directory'?: string;
  if?: unknown;
}

export interface WorkflowService {
  image?: string;
  env?: Record<string, unknown>;
  ports?: Array<string | number>;
  options?: string;
}

export interface WorkflowJob {
  name?: string;
  env?: Record<string, unknown>;
  defaults?: { run?: { 'working-directory'?: string; shell?: string } };
  strategy?: { matrix?: Record<string, unknown> };
  services?: Record<string, WorkflowService>;
  steps?: WorkflowStep[];
  'timeout-minutes'?: number;
}

export interface SelectedJob {
  id: string;
  job: WorkflowJob;
  /** The job's working-directory (relative to the repository root). */
  root: string;
  /** What proves the job tests the app: its step with the plan's command, or `turbo run test` / `nx run-many -t test`. */
  why: string;
}

/** The job of a test workflow that tests the app at `appPath` with the plan's `command`, or why there is none. */
export function selectTestJob(workflowText: string, appPath: string, command: readonly string[]): SelectedJob | { problem: string } {
  const workflow = parseYaml(workflowText) as { jobs?: Record<string, WorkflowJob> } | null;
  const jobs = Object.entries(workflow?.jobs ?? {});
  const wanted = command.join(' ');
  const rootOf = (job: WorkflowJob) => job.defaults?.run?.['working-directory'] ?? '.';
  for (const [id, job] of jobs) {
    if (rootOf(job) !== appPath) continue;
    const step = (job.steps ?? []).find((s) => typeof s.run === 'string' && s.run.split('\n').some((line) => line.trim().endsWith(wanted)));
    if (step) return { id, job, root: appPath, why: `step "${step.name ?? step.run}": ${step.run!.trim()}` };
  }
  // A Turborepo or Nx workspace tests every member through one job at its root: `turbo run test`, `nx run-many -t test`.
  for (const [id, job] of jobs) {
    const root = rootOf(job);
    if (root !== '.' && root !== appPath && !appPath.startsWith(`${root}/`)) continue;
    const step = (job.steps ?? []).find((s) => typeof s.run === 'string' && /\b(turbo run|nx run-many -t)((?: [\w:-]+)*) test(?![\w-])/.test(s.run));
    if (step) return { id, job, root, why: `${step.run!.trim()} (the workspace's ${/\bturbo\b/.test(step.run!) ? 'turbo.json' : 'Nx'} runs ${appPath}'s test)` };
  }
  return { problem: `no job in ${appPath} runs \`${wanted}\` (the plan's test command)` };
}

/** `${{ matrix.<key> }}` replaced by the matrix's first value (the stand-in runs one matrix leg). */
export function expand(text: string, job: WorkflowJob): string {
  const matrix = job.strategy?.matrix ?? {};
  return text.replace(/\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}/g, (whole, key: string) => {
    const values = matrix[key];
    return Array.isArray(values) && values.length > 0 ? String(values[0]) : whole;
  });
}

export interface RunStep {
  name: string;
  run: string;
  env: Record<string, string>;
  /** working-directory of the step (or the job's default), relative to the repository root. */
  workingDirectory: string;
}

const stringEnv = (env: Record<string, unknown> | undefined, job: WorkflowJob): Record<string, string> =>
  Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, expand(String(v), job)]));

/**
 * The steps the stand-in runs: every `run:` step after the job's last step whose name starts with "Install"
 * (the dependency installation), in order, with the job env under the step env. `uses:` steps after it are
 * listed in `skipped`; a step the stand-in cannot run as GitHub would (another shell, an expression left
 * unevaluated) is a problem.
 */
export function stepsToRun(job: WorkflowJob): { steps: RunStep[]; skipped: string[] } | { problem: string } {
  const all = job.steps ?? [];
  let install = -1;
  all.forEach((step, i) => {
    if (/^Install\b/.test(step.name ?? '')) install = i;
  });
  if (install < 0) return { problem: `no step named "Install ..." in the job: cannot tell its setup from its own steps (${all.map((s) => s.name ?? s.uses ?? s.run).join('; ')})` };
  const jobEnv = stringEnv(job.env, job);
  const steps: RunStep[] = [];
  const skipped: string[] = [];
  for (const step of all.slice(install + 1)) {
    const name = step.name ?? (step.run ?? step.uses ?? '').split('\n')[0]!.trim();
    if (typeof step.run !== 'string') {
      skipped.push(`${name} (uses: ${step.uses ?? '?'})`);
      continue;
    }
    const shell = step.shell ?? job.defaults?.run?.shell ?? 'bash';
    if (!/^bash\b/.test(shell)) return { problem: `step "${name}" runs with shell ${shell}: the stand-in runs bash only` };
    const run = expand(step.run, job);
    const env = { ...jobEnv, ...stringEnv(step.env, job) };
    const left = [run, ...Object.values(env)].join('\n').match(/\$\{\{[^}]*\}\}/);
    if (left) return { problem: `step "${name}" uses ${left[0]}, which the stand-in cannot evaluate` };
    steps.push({ name, run, env, workingDirectory: step['working-directory'] ?? job.defaults?.run?.['working-directory'] ?? '.' });
  }
  return { steps, skipped };
}

/** A shell-style split of a service's `options:` (double and single quotes, backslash escapes). */
export function splitOptions(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i]!;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i]!;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new Error(`unterminated ${quote} in options: ${text}`);
  if (word !== undefined) words.push(word);
  return words;
}

export interface ServiceContainer {
  service: string;
  /** The image as the workflow names it, and as the stand-ins are tagged (qualified). */
  image: string;
  container: string;
  /** Host ports the workflow maps (each must be free). */
  hostPorts: number[];
  hasHealthCheck: boolean;
  /** `podman run` arguments, detached, as the runner creates a service container. */
  args: string[];
}

/** The `podman run` of each of the job's services: its env, the host ports the workflow maps, its options. */
export function serviceContainers(job: WorkflowJob, prefix: string): ServiceContainer[] | { problem: string } {
  const out: ServiceContainer[] = [];
  for (const [service, spec] of Object.entries(job.services ?? {})) {
    if (!spec?.image) return { problem: `service ${service} has no image` };
    const image = expand(spec.image, job);
    const container = `${prefix}-${service}`.replace(/[^A-Za-z0-9_.-]/g, '-');
    const env = Object.entries(stringEnv(spec.env, job)).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const ports = (spec.ports ?? []).map(String);
    const hostPorts: number[] = [];
    for (const port of ports) {
      const host = /^(?:[\d.]+:)?(\d+):\d+(?:\/\w+)?$/.exec(port)?.[1];
      if (!host) return { problem: `service ${service}: port mapping "${port}" publishes no fixed host port` };
      hostPorts.push(Number(host));
    }
    let options: string[];
    try {
      options = splitOptions(expand(spec.options ?? '', job));
    } catch (error) {
      return { problem: `service ${service}: ${(error as Error).message}` };
    }
    out.push({
      service,
      image,
      container,
      hostPorts,
      hasHealthCheck: options.some((o) => o === '--health-cmd' || o.startsWith('--health-cmd=')),
      args: ['run', '-d', '--pull=never', '--name', container, ...env, ...ports.flatMap((p) => ['-p', p]), ...options, qualify(image)],
    });
  }
  return out;
}

/**
 * The directory inside the app's test image that stands for a step's working-directory (relative to the
 * repository root). The image's WORKDIR is the app's folder: `/app/<member>` for a workspace member (the
 * image holds the repository at /app, so a job at the workspace root runs in /app), or `/app` holding the
 * app's folder only (its build context). Undefined when the folder is not in the image.
 */
export function containerDir(imageWorkdir: string, appPath: string, workingDirectory: string): string | undefined {
  const app = path.posix.normalize(appPath);
  const workdir = path.posix.normalize(imageWorkdir || '/');
  const wd = path.posix.normalize(workingDirectory);
  const inside = (rel: string) => rel !== '..' && !rel.startsWith('../') && !path.posix.isAbsolute(rel);
  if (app !== '.' && workdir.endsWith(`/${app}`)) {
    // The image holds the repository: its root is WORKDIR without the app's path.
    return inside(wd) ? path.posix.join(workdir.slice(0, -app.length - 1) || '/', wd) : undefined;
  }
  const rel = path.posix.relative(app, wd);
  return inside(rel) ? path.posix.join(workdir, rel) : undefined;
}

/**
 * Which of the test image's environment variables the runner stand-in drops: the image's ENV mixes the
 * toolchain (PATH to the venv and node_modules/.bin, the interpreter's and package managers' settings: what
 * the setup and install steps give a runner) with the app's own settings (NODE_ENV, PORT, HOST, ...), which
 * a GitHub runner does not have; the workflow's env must carry whatever the steps need.
 */
export function droppedImageEnv(imageEnv: readonly string[]): string[] {
  const toolchain = /^(PATH|HOME|LANG|LC_[A-Z]+|TZ|VIRTUAL_ENV|PYTHON_VERSION|PYTHONDONTWRITEBYTECODE|PYTHONUNBUFFERED|PIP_[A-Z0-9_]+|UV_[A-Z0-9_]+|POETRY_[A-Z0-9_]+|PDM_[A-Z0-9_]+|NODE_VERSION|YARN_VERSION|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|REQUESTS_CA_BUNDLE|NPM_CONFIG_[A-Z0-9_]+|PNPM_HOME|COREPACK_[A-Z0-9_]+|BUN_INSTALL)$/;
  return imageEnv.map((entry) => entry.split('=')[0]!).filter((name) => name && !toolchain.test(name));
}

/** The command `podman exec` runs for a step: the image's app settings unset, the step's env, `bash -e -c`. */
export function stepCommand(step: RunStep, dropped: readonly string[]): string[] {
  const env = { CI: 'true', GITHUB_ACTIONS: 'true', ...step.env };
  return ['env', ...dropped.filter((name) => !Object.hasOwn(env, name)).flatMap((name) => ['-u', name]), ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'bash', '-e', '-c', step.run];
}
