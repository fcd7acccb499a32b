// One e2e case, as a new user would meet the tool: `ai-projen app --yes` on a fresh checkout, then every
// image target built, the lint and test images run, the CI test job run in the test image (ci-job.ts: its
// services started, its steps after the install executed), the prod image run until its HEALTHCHECK says healthy
// and its port answers, the dev and prod compose stacks brought up with --wait (migrations applied to the
// dev database), then taken down. Each step is a cell of the matrix.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../../generators/lib/manifest.js';
import { containerDir, droppedImageEnv, selectTestJob, serviceContainers, stepCommand, stepsToRun, type SelectedJob } from './ci-job.js';
import { freePort, httpAnswers, portInUse, type Engine } from './engine.js';
import { exec, tail, type ExecResult } from './exec.js';
import type { CaseRecipe } from './corpus.js';
import type { Cell, Status, Step } from './matrix.js';
import type { StandIns } from './standins.js';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string };
  ports?: Array<{ target: number; published?: string }>;
  depends_on?: Record<string, unknown>;
}
interface ComposeConfig {
  name: string;
  services: Record<string, ComposeService>;
}

interface Outcome {
  ok: boolean;
  detail: string;
  status?: Status;
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string): string => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

const bin = path.join(packageRoot(), 'bin/ai-projen.js');

/** Image references of a Dockerfile's FROM lines and COPY --from images, with global ARG defaults applied. */
export function baseImages(dockerfile: string): string[] {
  const args = new Map<string, string>();
  const stages = new Set<string>();
  const refs: string[] = [];
  let seenFrom = false;
  const expand = (value: string) => value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => args.get(name) ?? '');
  for (const raw of dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = raw.trim();
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/i.exec(line);
    if (arg && !seenFrom) args.set(arg[1]!, (arg[2] ?? '').replace(/^["']|["']$/g, ''));
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      seenFrom = true;
      const image = expand(from[1]!);
      if (!stages.has(image.toLowerCase()) && image !== 'scratch') refs.push(image);
      if (from[2]) stages.add(from[2].toLowerCase());
    }
    const copyFrom = /^COPY\s+.*--from=(\S+)/i.exec(line);
    if (copyFrom) {
      const image = expand(copyFrom[1]!);
      if (!stages.has(image.toLowerCase()) && !/^\d+$/.test(image)) refs.push(image);
    }
  }
  return [...new Set(refs)];
}

/** .env for a compose file: .env.example as the user copies it, host ports moved to free ones, prod secrets set. */
export function dotEnv(example: string, ports: ReadonlyMap<string, number>, secrets: Readonly<Record<string, string>>): string {
  const unset = new Set(Object.keys(secrets));
  const lines = example.split('\n').map((line) => {
    // A setting the app needs, left for the user to fill in (`# NAME=`): filled in, as a user would.
    const needed = /^# ([A-Z][A-Z0-9_]*)=$/.exec(line)?.[1];
    if (needed) return `${needed}=e2e-${needed.toLowerCase().replace(/_/g, '-')}`;
    const [, key, value] = /^([A-Z0-9_]+)=(.*)$/.exec(line) ?? [];
    if (!key) return line;
    if (ports.has(key)) return `${key}=${ports.get(key)}`;
    if (unset.has(key)) {
      unset.delete(key);
      return value === '' ? `${key}=${secrets[key]}` : line;
    }
    return line;
  });
  return [...lines, ...[...unset].map((key) => `${key}=${secrets[key]}`)].join('\n');
}

export class CaseRun {
  readonly cells: Cell[] = [];
  private readonly log: string;
  /** The .env the compose stacks read; the prod image runs with it too (the settings a user keeps there). */
  private envFile?: string;

  constructor(private readonly engine: Engine, private readonly standins: StandIns, private readonly recipe: CaseRecipe, private readonly dir: string, logDir: string) {
    this.log = path.join(logDir, `${recipe.name}.log`);
  }

  private async cell(row: string, step: Step, body: () => Promise<Outcome>): Promise<boolean> {
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = await body();
    } catch (error) {
      outcome = { ok: false, detail: `harness error: ${(error as Error).stack ?? String(error)}` };
    }
    const status: Status = outcome.status ?? (outcome.ok ? 'pass' : 'fail');
    this.cells.push({ row, step, status, ms: performance.now() - started, detail: stripAnsi(outcome.detail) });
    return status === 'pass';
  }

  private skip(row: string, step: Step, status: 'blocked' | 'n/a', detail: string): void {
    this.cells.push({ row, step, status, ms: 0, detail });
  }

  private result(result: ExecResult, what: string): Outcome {
    return result.code === 0 ? { ok: true, detail: what } : { ok: false, detail: `${what}: exit ${result.code}\n${tail(result.output)}` };
  }

  /** The compose files of a stack as `docker compose` reads them without -f: a dev file with its
   * `<name>.override.y(a)ml` beside it (the project's own, which the Makefile passes too). */
  private composeFiles(file: string): string[] {
    const stem = file.replace(/\.ya?ml$/, '');
    const override = /\.(prod|production)\.ya?ml$/.test(file) ? undefined : [`${stem}.override.yaml`, `${stem}.override.yml`].find((f) => existsSync(path.join(this.dir, f)));
    return ['-f', file, ...(override ? ['-f', override] : [])];
  }

  private async config(file: string): Promise<ComposeConfig> {
    const result = await this.engine.compose([...this.composeFiles(file), 'config', '--format', 'json'], { cwd: this.dir, log: this.log });
    if (result.code !== 0) throw new Error(`compose config of ${file} failed:\n${tail(result.output)}`);
    return JSON.parse(result.stdout) as ComposeConfig;
  }

  async run(): Promise<Cell[]> {
    const name = this.recipe.name;
    const generated: { files: Array<{ path: string; action: string }> } = { files: [] };
    const ok = await this.cell(name, 'generate', async () => {
      const result = await exec(process.execPath, [bin, 'app', '--yes', '--json'], { cwd: this.dir, log: this.log, timeoutMs: 120_000 });
      if (result.code === 0) Object.assign(generated, JSON.parse(result.stdout));
      // The project's own files the run must keep byte for byte (its compose file, committed .env, workflows).
      const kept = this.recipe.expect.kept ?? [];
      if (result.code === 0 && kept.length > 0) {
        // git status sees only tracked files: a kept file must be one (not ignored, not missing).
        const tracked = await exec('git', ['ls-files', '--error-unmatch', '--', ...kept], { cwd: this.dir, log: this.log });
        if (tracked.code !== 0) return { ok: false, detail: `a kept file is not tracked by git:\n${tracked.output}` };
        const changed = await exec('git', ['status', '--porcelain', '--', ...kept], { cwd: this.dir, log: this.log });
        if (changed.code !== 0 || changed.stdout.trim() !== '') return { ok: false, detail: `the project's own files changed:\n${changed.output}` };
        return { ok: true, detail: `ai-projen app --yes; kept as they were: ${kept.join(', ')}` };
      }
      return this.result(result, 'ai-projen app --yes');
    });
    const rest: Step[] = ['check', 'services', 'build-dev', 'build-lint', 'build-test', 'build-prod', 'lint', 'test', 'ci-test', 'prod-health', 'compose-dev', 'migrate', 'compose-prod'];
    if (!ok) {
      for (const step of rest) this.skip(name, step, 'blocked', 'needs generate');
      return this.cells;
    }
    await this.cell(name, 'check', async () => this.result(await exec(process.execPath, [bin, 'app', '--check'], { cwd: this.dir, log: this.log, timeoutMs: 120_000 }), 'ai-projen app --check right after the run'));

    const composeFiles = generated.files.map((f) => f.path).filter((p) => /(^|\/)(docker-)?compose(\.[a-z]+)?\.ya?ml$/.test(p));
    const prodFile = composeFiles.find((p) => /\.prod\.ya?ml$/.test(p));
    const devFile = composeFiles.find((p) => p !== prodFile);
    if (!devFile || !prodFile) {
      for (const step of rest.slice(1)) this.skip(name, step, 'blocked', 'no compose files were generated');
      return this.cells;
    }
    await this.writeEnv(path.dirname(devFile), [devFile, prodFile]);
    const dev = await this.config(devFile);
    const prod = await this.config(prodFile);
    const built = (config: ComposeConfig) => Object.entries(config.services).filter(([, s]) => s.build).map(([n]) => n).sort();
    const services = built(dev);
    await this.cell(name, 'services', async () => {
      const want = [...this.recipe.expect.services].sort();
      return services.join(',') === want.join(',')
        ? { ok: true, detail: services.join(', ') }
        : { ok: false, detail: `services ${services.join(', ') || '(none)'}; the project's deployable apps are ${want.join(', ')}` };
    });

    const tests = await this.planTests();
    const devBuilt: string[] = [];
    const prodBuilt: string[] = [];
    for (const svc of services) {
      const row = `${name}/${svc}`;
      const devService = dev.services[svc]!;
      // A kept compose file of the project's own names the service its way: the prod stack's service and the
      // plan's app are the ones built from the same folder.
      const sameBuild = (s: ComposeService) => s.build?.context === devService.build!.context;
      const prodService = prod.services[svc] ?? Object.values(prod.services).find(sameBuild);
      const image = devService.image ?? `${dev.name}-${svc}`;
      const from = (s: ComposeService) => ({ context: s.build!.context, dockerfile: path.resolve(s.build!.context, s.build!.dockerfile ?? 'Dockerfile') });
      const dockerfile = from(devService).dockerfile;
      const missing = existsSync(dockerfile) ? await this.standins.ensure(baseImages(readFileSync(dockerfile, 'utf8'))) : [];
      // The prod image must not hold what belongs to the rest of a workspace (another app's framework).
      const contents = this.recipe.expect.image?.[svc];
      const build = (step: Step, s: ComposeService, target: string | undefined, tag: string) => this.cell(row, step, async () => {
        if (missing.length > 0) return { ok: false, detail: missing.join('\n') };
        const built = this.result(await this.engine.build({ ...from(s), target, tag }, { log: this.log }), `build --target ${target ?? '(last stage)'}`);
        return built.ok && step === 'build-prod' && contents ? this.imageContents(tag, contents, built.detail) : built;
      });
      if (await build('build-dev', devService, devService.build!.target, image)) devBuilt.push(svc);
      const base = image.replace(/:[^:/]+$/, '');
      // A project's own Dockerfile (kept) may have no lint or test stage: nothing to build or run there.
      const stages = existsSync(dockerfile) ? [...readFileSync(dockerfile, 'utf8').matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]!.toLowerCase()) : [];
      let testImage: string | undefined;
      for (const [buildStep, runStep, target] of [['build-lint', 'lint', 'lint'], ['build-test', 'test', 'test']] as const) {
        if (!stages.includes(target)) {
          for (const step of [buildStep, runStep]) this.skip(row, step, 'n/a', `${path.basename(dockerfile)} has no ${target} stage (the project's own Dockerfile)`);
          continue;
        }
        if (await build(buildStep, devService, target, `${base}:${target}`)) {
          if (target === 'test') testImage = `${base}:test`;
          await this.cell(row, runStep, async () => this.result(await this.engine.podman(['run', '--rm', '--init', `${base}:${target}`], { log: this.log, timeoutMs: 600_000 }), `the ${target} image`));
        } else this.skip(row, runStep, 'blocked', `needs ${buildStep}`);
      }
      // The CI test job, run in the test image (the app's dependencies installed) standing in for the runner.
      const planned = tests.get(svc) ?? [...tests.values()].find((t) => path.resolve(this.dir, t.path) === path.resolve(devService.build!.context));
      if (!planned || planned.command.length === 0) this.skip(row, 'ci-test', 'n/a', 'the plan has no test command');
      else if (!testImage) {
        const why = stages.includes('test') ? undefined : `${path.basename(dockerfile)} has no test stage (the project's own Dockerfile): no image stands in for the runner, the job is not run`;
        await this.cell(row, 'ci-test', async () => {
          // The job is still looked up: the workflow must carry the plan's test command.
          const job = this.testJob(planned.path, planned.command);
          if ('problem' in job) return { ok: false, detail: job.problem };
          return why ? { ok: true, status: 'n/a', detail: `job ${job.id} (${job.why}); ${why}` } : { ok: false, status: 'blocked', detail: `job ${job.id}: needs build-test (its image stands in for the runner)` };
        });
      } else await this.cell(row, 'ci-test', () => this.ciRunsTests(row, planned.path, planned.command, testImage!));
      if (!prodService?.build) {
        for (const step of ['build-prod', 'prod-health'] as const) this.skip(row, step, 'blocked', `${prodFile} has no buildable ${svc} service`);
        continue;
      }
      const prodImage = prodService.image ?? `${prod.name}-${svc}`;
      if (!(await build('build-prod', prodService, prodService.build.target, prodImage))) {
        this.skip(row, 'prod-health', 'blocked', 'needs build-prod');
        continue;
      }
      prodBuilt.push(svc);
      if (Object.keys(prodService.depends_on ?? {}).length > 0) {
        this.skip(row, 'prod-health', 'n/a', `needs ${Object.keys(prodService.depends_on!).join(', ')}: checked by compose-prod`);
      } else {
        await this.cell(row, 'prod-health', () => this.prodHealth(prodImage, prodService));
      }
    }

    const allBuilt = (list: string[]) => services.length > 0 && list.length === services.length;
    if (allBuilt(devBuilt)) {
      await this.cell(name, 'compose-dev', () => this.stack(devFile, dev, async () => {
        if (!this.recipe.expect.migrations) {
          this.skip(name, 'migrate', 'n/a', 'the project has no migrations');
          return;
        }
        await this.cell(name, 'migrate', async () => this.migrate(devFile));
      }));
      if (!this.cells.some((c) => c.row === name && c.step === 'migrate')) this.skip(name, 'migrate', 'blocked', 'needs compose-dev');
    } else {
      this.skip(name, 'compose-dev', 'blocked', 'needs every build-dev');
      this.skip(name, 'migrate', 'blocked', 'needs compose-dev');
    }
    if (allBuilt(prodBuilt)) await this.cell(name, 'compose-prod', () => this.stack(prodFile, prod));
    else this.skip(name, 'compose-prod', 'blocked', 'needs every build-prod');
    return this.cells;
  }

  /** Passes when every `holds` path (a shell glob) exists in the image and no `lacks` path does. */
  private async imageContents(image: string, { holds, lacks }: { holds: readonly string[]; lacks: readonly string[] }, built: string): Promise<Outcome> {
    const script = [...holds, ...lacks].map((glob, i) => `set -- ${glob}; [ -e "$1" ] && echo "${i} yes" || echo "${i} no"`).join('; ');
    const result = await this.engine.podman(['run', '--rm', '--user', '0', '--entrypoint', 'sh', image, '-c', script], { log: this.log, timeoutMs: 120_000 });
    if (result.code !== 0) return { ok: false, detail: `${built}; looking into the image: exit ${result.code}\n${tail(result.output)}` };
    const exists = new Map(result.stdout.split('\n').filter(Boolean).map((line) => [Number(line.split(' ')[0]), line.endsWith('yes')]));
    if (exists.size !== holds.length + lacks.length) return { ok: false, detail: `${built}; looking into the image: unexpected output\n${result.stdout}` };
    const missing = holds.filter((_, i) => !exists.get(i));
    const extra = lacks.filter((_, i) => exists.get(holds.length + i));
    if (missing.length > 0) return { ok: false, detail: `${built}; the image lacks what it runs on: ${missing.join(', ')}` };
    return extra.length === 0
      ? { ok: true, detail: `${built}; holds ${holds.join(', ')}; none of ${lacks.join(', ')}` }
      : { ok: false, detail: `${built}; the image holds the rest of the workspace: ${extra.join(', ')}` };
  }

  /** The test command of each app's plan (`ai-projen plan --json`), by service name. */
  private async planTests(): Promise<Map<string, { path: string; command: string[] }>> {
    const result = await exec(process.execPath, [bin, 'plan', '--json'], { cwd: this.dir, log: this.log, timeoutMs: 60_000 });
    if (result.code !== 0) return new Map();
    const plans = (JSON.parse(result.stdout) as { apps: Array<{ name: string; path: string; tests: Array<{ value: string[] }> }> }).apps;
    return new Map(plans.map((p) => [p.name, { path: p.path, command: p.tests[0]?.value ?? [] }]));
  }

  /** The job of .github/workflows/test.yml that tests the app (working in its folder, or `turbo run test` at the workspace root). */
  private testJob(appPath: string, command: string[]): SelectedJob | { problem: string } {
    const file = path.join(this.dir, '.github/workflows/test.yml');
    if (!existsSync(file)) return { problem: 'no .github/workflows/test.yml' };
    return selectTestJob(readFileSync(file, 'utf8'), appPath, command);
  }

  /**
   * The app's CI test job, run as a GitHub runner would after its setup: the job's services started (the
   * stand-in images, tagged as the workflow names them) on the host ports it maps and waited healthy, then
   * every `run:` step after the dependency installation, in order, by `bash -e -c` in a container of the
   * app's test image (its dependencies installed) on the host network, in the directory that stands for
   * the step's working-directory, with the job and step env. Every container is removed afterwards.
   */
  private async ciRunsTests(row: string, appPath: string, command: string[], testImage: string): Promise<Outcome> {
    const selected = this.testJob(appPath, command);
    if ('problem' in selected) return { ok: false, detail: selected.problem };
    const { id, job } = selected;
    if (selected.root !== appPath) {
      // The runner installs the whole workspace; a member's test image installs the member and what it
      // depends on (pnpm: `--filter <member>...`): it cannot stand in for a job at the workspace's root.
      return { ok: true, status: 'n/a', detail: `job ${id} in ${selected.root} (${selected.why}): it tests the whole workspace, and ${appPath}'s test image is built for that member (its dependencies only), not for the workspace the job installs: not run (the member's tests run in the test cell)` };
    }
    const plan = stepsToRun(job);
    if ('problem' in plan) return { ok: false, detail: `job ${id}: ${plan.problem}` };
    if (plan.steps.length === 0) return { ok: false, detail: `job ${id}: no run step after the dependency installation` };
    const prefix = `e2e-ci-${row.replace(/\//g, '-')}-${process.pid}-${Date.now()}`;
    const services = serviceContainers(job, prefix);
    if ('problem' in services) return { ok: false, detail: `job ${id}: ${services.problem}` };
    const missing = await this.standins.ensure(services.map((s) => s.image));
    if (missing.length > 0) return { ok: false, detail: missing.join('\n') };
    const inspect = await this.engine.podman(['image', 'inspect', '--format', '{{json .Config}}', testImage], { log: this.log });
    if (inspect.code !== 0) return this.result(inspect, `podman image inspect ${testImage}`);
    const config = JSON.parse(inspect.stdout) as { WorkingDir?: string; Env?: string[] };
    const dropped = droppedImageEnv(config.Env ?? []);
    const runner = `${prefix}-runner`;
    const started: string[] = [];
    const said: string[] = [];
    try {
      for (const service of services) {
        for (const port of service.hostPorts) {
          if (await portInUse(port)) return { ok: false, detail: `job ${id}: host port ${port}, which the workflow maps for service ${service.service}, is already in use on this machine (another run's container?): the service is not started` };
        }
        started.push(service.container);
        const run = await this.engine.podman(service.args, { log: this.log });
        if (run.code !== 0) return this.result(run, `job ${id}: service ${service.service} (${service.image}) did not start`);
        if (service.hasHealthCheck) {
          const health = await this.engine.waitHealthy(service.container, 120_000, this.log);
          if (!health.healthy) {
            const logs = await this.engine.podman(['logs', '--tail', '20', service.container]);
            return { ok: false, detail: `job ${id}: service ${service.service} (${service.image}): ${health.detail}\n${tail(logs.output, 20)}` };
          }
        }
        said.push(`${service.service} (${service.image}${service.hostPorts.length ? ` on ${service.hostPorts.join(', ')}` : ''}${service.hasHealthCheck ? ', healthy' : ''})`);
      }
      started.push(runner);
      const up = await this.engine.podman(['run', '-d', '--init', '--pull=never', '--name', runner, '--network', 'host', '--entrypoint', 'sleep', testImage, 'infinity'], { log: this.log });
      if (up.code !== 0) return this.result(up, `the runner stand-in (${testImage})`);
      const ran: string[] = [];
      const timeoutMs = Math.min(job['timeout-minutes'] ?? 20, 20) * 60_000;
      const deadline = Date.now() + timeoutMs;
      for (const step of plan.steps) {
        const dir = containerDir(config.WorkingDir ?? '/', appPath, step.workingDirectory);
        if (!dir) return { ok: false, detail: `job ${id}, step "${step.name}": working-directory ${step.workingDirectory} is outside the app's image (WORKDIR ${config.WorkingDir} is ${appPath})` };
        const result = await this.engine.podman(['exec', '-w', dir, runner, ...stepCommand(step, dropped)], { log: this.log, timeoutMs: Math.max(deadline - Date.now(), 1000) });
        if (result.code !== 0) {
          return { ok: false, detail: `job ${id}, step "${step.name}" (${step.run.trim()}, in ${step.workingDirectory}): exit ${result.code}${ran.length ? ` after ${ran.map((s) => `"${s}"`).join(', ')}` : ''}; services: ${said.join(', ') || 'none'}\n${tail(result.output, 30)}` };
        }
        ran.push(step.name);
      }
      const notes = [
        plan.skipped.length ? `not run (uses: steps): ${plan.skipped.join(', ')}` : '',
        dropped.length ? `the image's own env left out as on a runner: ${dropped.join(', ')}` : '',
      ].filter(Boolean);
      return { ok: true, detail: `job ${id} in ${selected.root} (${selected.why}), in ${testImage}: ran ${ran.map((s) => `"${s}"`).join(', ')}; services: ${said.join(', ') || 'none'}${notes.length ? `; ${notes.join('; ')}` : ''}` };
    } finally {
      for (const container of started.reverse()) await this.engine.podman(['rm', '-f', '-v', '-t', '0', container], { log: this.log });
    }
  }

  private async writeEnv(dir: string, files: string[]): Promise<void> {
    const example = path.join(this.dir, dir, '.env.example');
    const text = existsSync(example) ? readFileSync(example, 'utf8') : '';
    const ports = new Map<string, number>();
    for (const key of text.match(/^[A-Z0-9_]+_HOST_PORT(?==)/gm) ?? []) ports.set(key, await freePort());
    // The secrets the prod stack refuses to start without (`${NAME:?...}`), set as the user would in .env.
    const secrets: Record<string, string> = {};
    for (const file of files) {
      for (const match of readFileSync(path.join(this.dir, file), 'utf8').matchAll(/\$\{([A-Z0-9_]+):\?/g)) secrets[match[1]!] = `e2e-${match[1]!.toLowerCase()}`;
    }
    this.envFile = path.join(this.dir, dir, '.env');
    // A .env the project commits keeps its lines; only what it lacks is added, as a user would.
    const own = existsSync(this.envFile) ? readFileSync(this.envFile, 'utf8') : '';
    const has = new Set([...own.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]!));
    const added = dotEnv(text, ports, secrets).split('\n').filter((line) => !has.has(/^([A-Z0-9_]+)=/.exec(line)?.[1] ?? ''));
    writeFileSync(this.envFile, own ? `${own.replace(/\n*$/, '\n')}${added.join('\n')}` : added.join('\n'));
  }

  private async prodHealth(image: string, service: ComposeService): Promise<Outcome> {
    const port = service.ports?.[0]?.target;
    const container = `e2e-${this.recipe.name}-${Date.now()}`;
    const hostPort = await freePort();
    const started = await this.engine.podman(['run', '-d', '--init', '--name', container, ...(this.envFile ? ['--env-file', this.envFile] : []), ...(port ? ['-p', `127.0.0.1:${hostPort}:${port}`] : []), image], { log: this.log });
    if (started.code !== 0) return this.result(started, 'podman run');
    try {
      const inspect = await this.engine.podman(['image', 'inspect', '--format', '{{json .Config.Healthcheck}}', image], { log: this.log });
      if (inspect.code === 0 && /^(null|\{\})?\s*$/.test(inspect.stdout.trim())) {
        return { ok: true, status: 'n/a', detail: 'the image (the project\'s own Dockerfile) has no HEALTHCHECK: compose-prod probes it with the compose healthcheck' };
      }
      const health = await this.engine.waitHealthy(container, 120_000, this.log);
      if (!health.healthy) {
        const logs = await this.engine.podman(['logs', '--tail', '20', container]);
        return { ok: false, detail: `${health.detail}\n${tail(logs.output, 20)}` };
      }
      if (!port) return { ok: true, detail: 'healthy (no published port)' };
      const answer = await httpAnswers(hostPort);
      return { ok: answer.ok, detail: `healthy; port ${port}: ${answer.detail}` };
    } finally {
      await this.engine.podman(['rm', '-f', '-t', '0', container], { log: this.log });
    }
  }

  /** Up with --wait, the published ports answer, `during` runs against the stack, then down with its volumes. */
  private async stack(file: string, config: ComposeConfig, during?: () => Promise<void>): Promise<Outcome> {
    const images = Object.values(config.services).filter((s) => !s.build && s.image).map((s) => s.image!);
    const missing = await this.standins.ensure(images);
    if (missing.length > 0) return { ok: false, detail: missing.join('\n') };
    const files = this.composeFiles(file);
    try {
      const up = await this.engine.composeUpWait(config.name, files, { cwd: this.dir, log: this.log });
      if (up.code !== 0) {
        const logs = await this.engine.compose([...files, 'logs', '--tail', '15'], { cwd: this.dir, log: this.log });
        return { ok: false, detail: `compose up --wait: exit ${up.code}\n${tail(up.output, 10)}\n${tail(logs.output, 30)}` };
      }
      const answers: string[] = [];
      for (const [svc, s] of Object.entries(config.services).filter(([, s]) => s.build)) {
        const published = Number(s.ports?.[0]?.published);
        if (!published) continue;
        const answer = await httpAnswers(published);
        if (!answer.ok) return { ok: false, detail: `${svc}: ${answer.detail}` };
        answers.push(`${svc} ${answer.detail}`);
      }
      await during?.();
      return { ok: true, detail: `healthy; ${answers.join(', ')}` };
    } finally {
      await this.engine.compose([...files, 'down', '--volumes', '--timeout', '0'], { cwd: this.dir, log: this.log });
    }
  }

  /** The project's own migration target against the running dev stack. */
  private async migrate(devFile: string): Promise<Outcome> {
    const makefile = path.join(this.dir, 'Makefile');
    if (!existsSync(makefile) || !/^docker-migrate:/m.test(readFileSync(makefile, 'utf8'))) return { ok: false, detail: 'no docker-migrate target: the migrations run nowhere' };
    const result = await exec('make', ['docker-migrate', `COMPOSE=${this.engine.composeBin}`, `DOCKER_COMPOSE_DEV=${devFile}`], { cwd: this.dir, env: this.engine.clientEnv(), log: this.log, timeoutMs: 300_000 });
    return this.result(result, 'make docker-migrate');
  }
}
