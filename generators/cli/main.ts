// `ai-projen <generator> [options]`: runs one of this package's generators in the current folder
// through yeoman-environment with only this package registered (no global yo, no lookup, works as root).
import { TerminalAdapter } from '@yeoman/adapter';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEnv } from 'yeoman-environment';
import { AiProjenError } from '../lib/errors.js';
import { loadManifest, pluginsRoot } from '../lib/manifest.js';
import { runPlan } from './plan.js';

const CORE_GENERATORS: Record<string, string> = {
  app: 'compose docker, github-actions and terraform-aws in one run (--plugins)',
  docker: 'multi-stage Dockerfiles, compose files, .dockerignore, Makefile docker-* targets',
  'github-actions': 'lint / test / build / deploy workflows, Makefile ci-* targets',
  'terraform-aws': 'Terraform workspaces bootstrap / base / runtime for ECS on Fargate, Makefile infra-* targets',
  plugin: 'scaffold a new infrastructure plugin (run inside a checkout of generator-ai-projen)',
};

const generatorsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The core generators plus every plugin of the manifest that has a built generator (e.g. one made by `plugin`). */
export function listGenerators(): Record<string, string> {
  const found: Record<string, string> = { ...CORE_GENERATORS };
  for (const [name, entry] of Object.entries(loadManifest(pluginsRoot()).plugins)) {
    if (!(name in found) && entry.generator === `ai-projen:${name}` && existsSync(generatorPath(name))) {
      found[name] = entry.description.split(/(?<=\.)\s/)[0]!;
    }
  }
  return found;
}

/**
 * Generator classes linked into the bundled CLI (dist/generators/cli/ai-projen.bundle.js): these are
 * registered by class, so nothing is imported from disk at run time. Every other generator (e.g. a plugin
 * scaffolded by `plugin`) is registered by path as before.
 */
const linkedGenerators = new Map<string, unknown>();

export function linkGenerators(classes: Record<string, unknown>): void {
  for (const [name, generator] of Object.entries(classes)) linkedGenerators.set(name, generator);
}

export function generatorPath(name: string): string {
  return path.join(generatorsDir, name, 'index.js');
}

function packageVersion(): string {
  const pkg = path.resolve(generatorsDir, '../../package.json');
  return existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version : 'unknown';
}

export function usage(generators = listGenerators()): string {
  const width = Math.max(...Object.keys(generators).map((name) => name.length));
  return [
    'Usage: ai-projen <generator> [options]',
    '',
    'Adds production-grade infrastructure to the Python and/or TypeScript project in the current folder.',
    '',
    'Generators:',
    ...Object.entries(generators).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
    '',
    'Options on every generator: --yes --dry-run --force --json --check',
    "'ai-projen plan [--json]' prints what the generators will use for each app (commands, port, health check,",
    'migrations, tests, env), each with the file and line it comes from; it writes nothing.',
    "Run 'ai-projen <generator> --help' for all of a generator's options.",
    '',
  ].join('\n');
}

interface RunIo {
  cwd?: string;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** Runs the CLI; returns the exit code instead of exiting so it can be tested in-process. */
export async function main(argv: string[], io: RunIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const [name, ...rest] = argv;
  const generators = listGenerators();
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    stdout.write(usage(generators));
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-v') {
    stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (name === 'plan') {
    try {
      return runPlan(io.cwd ?? process.cwd(), rest.includes('--json'), stdout);
    } catch (error) {
      stderr.write(`ai-projen: ${error instanceof AiProjenError ? error.message : (error as Error)?.stack ?? String(error)}\n`);
      return 1;
    }
  }
  if (!(name in generators)) {
    stderr.write(`ai-projen: unknown generator '${name}'\n\n${usage(generators)}`);
    return 2;
  }
  const json = rest.includes('--json');
  // Not a terminal (CI, agents, pipes): never wait for an answer that cannot come.
  const args = !process.stdin.isTTY && !rest.includes('--yes') ? [...rest, '--yes'] : rest;
  const adapter = new TerminalAdapter({ stdout: json ? stderr : stdout, stderr } as never);
  const env = createEnv({ cwd: io.cwd ?? process.cwd(), adapter } as never);
  for (const generator of Object.keys(generators)) {
    const linked = linkedGenerators.get(generator);
    if (linked) {
      env.register(linked as never, { namespace: `ai-projen:${generator}`, resolved: generatorPath(generator) } as never);
    } else {
      env.register(generatorPath(generator), { namespace: `ai-projen:${generator}` });
    }
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      const generator = await env.create(`ai-projen:${name}`, { generatorArgs: [], generatorOptions: { help: true } } as never);
      stdout.write(`${(generator as unknown as { help(): string }).help().replace(/yo ai-projen:\S+/g, `ai-projen ${name}`)}\n`);
      return 0;
    }
    await env.run([`ai-projen:${name}`, ...args], { skipInstall: true } as never);
    return 0;
  } catch (error) {
    const message = error instanceof AiProjenError ? error.message : (error as Error)?.stack ?? String(error);
    stderr.write(`ai-projen: ${message}\n`);
    return 1;
  }
}
