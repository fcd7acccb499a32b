// The container engine of the e2e harness: rootful Podman, and Docker Compose v2 talking to Podman's
// Docker-compatible API. Without systemd Podman never runs scheduled health checks, so whoever waits for
// "healthy" runs `podman healthcheck run` itself (waitHealthy, and a poller beside `compose up --wait`).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { which } from '../validators/tools.js';
import { ToolMissing } from '../validators/types.js';
import { exec, sleep, tail, type ExecOptions, type ExecResult } from './exec.js';

export const ENGINE_TOOL = 'container-engine';

/** Where stand-in images' inputs, scaffolded projects and the compose binary are kept between local runs. */
export function cacheDir(): string {
  const dir = process.env.AI_PROJEN_E2E_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'ai-projen-e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface BuildSpec {
  context: string;
  dockerfile: string;
  target?: string;
  tag: string;
  buildArgs?: Record<string, string>;
}

export class Engine {
  private service?: ChildProcess;

  private constructor(readonly podmanBin: string, readonly composeBin: string, readonly socket: string) {}

  /** Finds Podman and Compose v2 and checks a container starts; ToolMissing (a loud skip, or a failure in CI) otherwise. */
  static async open(cache: string): Promise<Engine> {
    const podman = which('podman');
    if (!podman) throw new ToolMissing(ENGINE_TOOL, 'podman not installed (run `sudo test/e2e/setup-engine.sh`)');
    const compose = [process.env.AI_PROJEN_E2E_COMPOSE, path.join(cache, 'bin/docker-compose'), which('docker-compose')]
      .find((file): file is string => Boolean(file && existsSync(file)));
    if (!compose) throw new ToolMissing(ENGINE_TOOL, 'Docker Compose v2 not found (run `sudo test/e2e/setup-engine.sh`, or set AI_PROJEN_E2E_COMPOSE)');
    const version = await exec(compose, ['version', '--short']);
    if (version.code !== 0 || !/^v?2\./.test(version.stdout.trim())) throw new ToolMissing(ENGINE_TOOL, `${compose} is not Docker Compose v2 (${version.output.trim()})`);
    const info = await exec(podman, ['info', '--format', '{{.Host.OCIRuntime.Name}}']);
    if (info.code !== 0) throw new ToolMissing(ENGINE_TOOL, `podman info failed: ${tail(info.output, 5)}`);
    const engine = new Engine(podman, compose, path.join(cache, `podman-${process.pid}.sock`));
    await engine.startService();
    return engine;
  }

  podman(args: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return exec(this.podmanBin, args, { timeoutMs: 120_000, ...opts, env: { ...process.env, ...opts.env } });
  }

  /** The environment that points Docker clients (compose, a Makefile's `docker`) at Podman. */
  clientEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { ...process.env, DOCKER_HOST: `unix://${this.socket}`, DOCKER_BUILDKIT: '0', COMPOSE_PARALLEL_LIMIT: '2', ...extra };
  }

  compose(args: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return exec(this.composeBin, args, { timeoutMs: 300_000, ...opts, env: this.clientEnv(opts.env) });
  }

  /** `podman build` the way BuildKit reads the files: per-Dockerfile ignore files, cache mounts, HEALTHCHECK kept. */
  build(spec: BuildSpec, opts: ExecOptions = {}): Promise<ExecResult> {
    const args = ['build', '--format', 'docker', '--pull=never', '--network', 'host', '-f', spec.dockerfile, '-t', spec.tag];
    if (spec.target) args.push('--target', spec.target);
    for (const [key, value] of Object.entries(spec.buildArgs ?? {})) args.push('--build-arg', `${key}=${value}`);
    return this.podman([...args, spec.context], { timeoutMs: 900_000, ...opts });
  }

  /** Runs the container's HEALTHCHECK until it reports healthy or unhealthy, the container stops, or the time is up. */
  async waitHealthy(container: string, timeoutMs: number, log?: string): Promise<{ healthy: boolean; detail: string }> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const state = await this.podman(['inspect', '--format', '{{.State.Status}}', container]);
      if (state.stdout.trim() !== 'running') return { healthy: false, detail: `container ${state.stdout.trim() || 'gone'} before turning healthy` };
      const check = await this.podman(['healthcheck', 'run', container], { log });
      last = check.output.trim();
      if (check.code === 0) return { healthy: true, detail: 'healthy' };
      // Failures inside the start period keep "starting"; "unhealthy" means the retries are used up.
      const health = await this.podman(['inspect', '--format', '{{.State.Health.Status}}', container]);
      if (health.stdout.trim() === 'unhealthy') return { healthy: false, detail: `unhealthy: ${healthCommand(await this.podman(['inspect', '--format', '{{json .Config.Healthcheck.Test}}', container]))}` };
      await sleep(2000);
    }
    return { healthy: false, detail: `not healthy after ${Math.round(timeoutMs / 1000)} s (last check: ${last || 'no output'})` };
  }

  /**
   * `compose up --detach --wait` while the health checks of the project's containers are run every 2 s
   * (compose reads the health state Podman records).
   */
  async composeUpWait(project: string, args: readonly string[], opts: ExecOptions & { waitSeconds?: number }): Promise<ExecResult> {
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const ids = await this.podman(['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`]);
        for (const id of ids.stdout.split('\n').filter(Boolean)) await this.podman(['healthcheck', 'run', id]);
        await sleep(2000);
      }
    })();
    try {
      const wait = String(opts.waitSeconds ?? 120);
      return await this.compose([...args, 'up', '--detach', '--wait', '--wait-timeout', wait], { ...opts, timeoutMs: (Number(wait) + 240) * 1000 });
    } finally {
      polling = false;
      await poller;
    }
  }

  private async startService(): Promise<void> {
    this.service = spawn(this.podmanBin, ['system', 'service', '--time=0', `unix://${this.socket}`], { stdio: 'ignore', detached: false });
    for (let i = 0; i < 50; i += 1) {
      if (existsSync(this.socket)) return;
      await sleep(100);
    }
    throw new ToolMissing(ENGINE_TOOL, `podman system service did not open ${this.socket}`);
  }

  close(): void {
    this.service?.kill('SIGTERM');
  }
}

/** The HEALTHCHECK command of `inspect --format {{json .Config.Healthcheck.Test}}`, for a failure message. */
function healthCommand(result: ExecResult): string {
  try {
    const test = JSON.parse(result.stdout) as string[];
    return `the health check ${JSON.stringify(test.slice(1).join(' '))} kept failing`;
  } catch {
    return 'the health check kept failing';
  }
}

/** A TCP port nothing listens on right now (for published ports). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Whether a TCP port of the host is taken (a service container's fixed host port must be free). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(true));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(false)));
  });
}

/** Whether something answers HTTP on the port (any status): the published port is reachable. */
export async function httpAnswers(port: number, pathname = '/'): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${pathname}`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    return { ok: true, detail: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, detail: `no HTTP answer on ${port}: ${(error as Error).message}` };
  }
}
