// What the project's own container files declare about how an app runs: a Dockerfile's EXPOSE, CMD and
// HEALTHCHECK (its last stage, the one `docker build` builds), a compose service's ports, command and
// healthcheck. Files ai-projen generated (they carry its header) are output, never evidence: a re-run must
// plan from the project, not from its own earlier answers.
import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lineOfOffset, relJoin } from '../detect-shared.js';
import { isGenerated } from '../generated.js';
import { shellWords } from './declared.js';
import type { Evidence, SourceReader } from './evidence.js';


const DOCKERFILE = /(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile)$/;
/** Stage names a production image is built from, in the order a project's own Dockerfile is searched for one
 * (none: its last stage, what `docker build` builds). */
export const PROD_STAGES = ['prod', 'production', 'runtime', 'release', 'final'];

/** The compose files `docker compose` loads by default (its own order of preference), each with its override. */
export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'].flatMap((f) => [f, f.replace(/\.ya?ml$/, '.override$&')]);

export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

/** The instructions of a Dockerfile: continuation lines joined, comments and parser directives dropped. */
export function dockerInstructions(text: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!;
    if (/^\s*(#|$)/.test(first)) continue;
    const start = i;
    let joined = first;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) {
      const next = lines[++i]!;
      // Comment lines inside a continued instruction are dropped; the instruction goes on.
      if (!/^\s*#/.test(next)) joined = joined.replace(/\\\s*$/, ' ') + next.trim();
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(joined);
    if (match) out.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start + 1 });
  }
  return out;
}

/** A command of CMD/ENTRYPOINT/HEALTHCHECK: exec form (JSON) or shell form (words, when plain). */
export function commandOf(args: string): string[] | undefined {
  if (args.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(args);
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
    } catch {
      return undefined;
    }
  }
  return shellWords(args);
}

/** The URL path a health-check command probes on the container itself (curl, wget, python urllib...). */
export function probedPath(command: string): { path: string; port?: number } | undefined {
  const match = /https?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+))?(\/[^\s"'\\)\]|,;]*)?/.exec(command);
  if (!match) return undefined;
  return { path: match[2] ?? '/', ...(match[1] ? { port: Number(match[1]) } : {}) };
}

/** Facts one container file declares for an app. */
export interface ContainerFacts {
  file: string;
  /** The compose service that builds the app (compose files only). */
  service?: string;
  ports: Array<{ port: number; from: Evidence }>;
  /** The command it runs, when a plain command (not a wrapper script). */
  command?: { value: string[]; from: Evidence };
  /** A Dockerfile's ENTRYPOINT that owns the command line (not a bare init), with the CMD it is given. */
  entrypoint?: { value: { entrypoint: string[]; cmd: string[] }; from: Evidence };
  health?: { path: string; from: Evidence } | { none: true; from: Evidence };
}

/** The instructions of the last stage (the one `docker build` builds without --target). */
const lastStage = (all: readonly DockerInstruction[]): DockerInstruction[] => all.slice(Math.max(0, all.map((ins) => ins.keyword).lastIndexOf('FROM')));

/** The named stages (`FROM x AS name`), lowercased. */
export const stageNames = (text: string): string[] =>
  dockerInstructions(text).filter((i) => i.keyword === 'FROM').map((i) => /\sAS\s+(\S+)/i.exec(i.args)?.[1]?.toLowerCase()).filter((n): n is string => n !== undefined);

/** What the Dockerfile copies from the build context (COPY / ADD without --from), as context-relative paths. */
export const copySources = (text: string): string[] =>
  dockerInstructions(text).filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !/--from=/.test(i.args))
    .flatMap((i) => i.args.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1))
    .map((src) => src.replace(/^\.\//, '').replace(/\/$/, ''))
    .filter((src) => src !== '' && src !== '.');

/** Its last stage declares a HEALTHCHECK (not NONE). */
export const hasHealthcheck = (text: string): boolean => lastStage(dockerInstructions(text)).some((i) => i.keyword === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args));

/** The last stage of a Dockerfile: what it exposes, runs and probes. */
export function dockerfileFacts(file: string, text: string): ContainerFacts {
  const stage = lastStage(dockerInstructions(text));
  const ports = stage.filter((ins) => ins.keyword === 'EXPOSE').flatMap((ins) => ins.args.split(/\s+/)
    .map((p) => /^(\d{2,5})(\/tcp)?$/.exec(p)?.[1]).filter((p): p is string => p !== undefined)
    .map((p) => ({ port: Number(p), from: `${file}:${ins.line}` })));
  const last = (keyword: string) => stage.filter((ins) => ins.keyword === keyword).at(-1);
  const cmd = last('CMD');
  const entrypoint = last('ENTRYPOINT');
  const wrapper = entrypoint ? commandOf(entrypoint.args) : undefined;
  // An init (tini, dumb-init) in front of CMD changes nothing; any other ENTRYPOINT owns the command line.
  const initOnly = wrapper !== undefined && /(^|\/)(tini|dumb-init)$/.test(wrapper[0] ?? '') && wrapper.slice(1).every((w) => w.startsWith('-'));
  const words = cmd && (!entrypoint || initOnly) ? commandOf(cmd.args) : undefined;
  const healthcheck = last('HEALTHCHECK');
  let health: ContainerFacts['health'];
  if (healthcheck && /^NONE\b/i.test(healthcheck.args)) health = { none: true, from: `${file}:${healthcheck.line}` };
  else if (healthcheck) {
    const probed = probedPath(healthcheck.args);
    if (probed) health = { path: probed.path, from: `${file}:${healthcheck.line}` };
  }
  const owning = wrapper && wrapper.length > 0 && !initOnly ? { entrypoint: { value: { entrypoint: wrapper, cmd: cmd ? commandOf(cmd.args) ?? [] : [] }, from: `${file}:${entrypoint!.line}` } } : {};
  return {
    file,
    ports,
    ...owning,
    ...(words && words.length > 0 ? { command: { value: words, from: `${file}:${cmd!.line}` } } : {}),
    ...(health ? { health } : {}),
  };
}

interface ComposeService {
  build?: string | { context?: string; dockerfile?: string };
  ports?: Array<string | number | { target?: number | string }>;
  command?: string | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
}

/** Line of `key:` below a service in the compose text (for evidence), else the service's own line. */
function composeLine(text: string, service: string, key?: string): number {
  const serviceAt = new RegExp(`^\\s+${service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\s*$`, 'm').exec(text);
  if (!serviceAt) return 1;
  if (key) {
    const rest = text.slice(serviceAt.index + serviceAt[0].length);
    const next = /^\s{2}[A-Za-z0-9_.-]+:\s*$/m.exec(rest);
    const keyAt = new RegExp(`^\\s+${key}:`, 'm').exec(next ? rest.slice(0, next.index) : rest);
    if (keyAt) return lineOfOffset(text, serviceAt.index + serviceAt[0].length + keyAt.index + 1);
  }
  return lineOfOffset(text, serviceAt.index + 1);
}

/** The services of a compose file that build the app folder, with what they declare. */
export function composeFacts(file: string, text: string, appPath: string): ContainerFacts[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return [];
  }
  const services = (doc as { services?: Record<string, ComposeService> } | null)?.services;
  if (!services || typeof services !== 'object') return [];
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
  const out: ContainerFacts[] = [];
  for (const [name, service] of Object.entries(services)) {
    const context = typeof service?.build === 'string' ? service.build : service?.build?.context;
    if (context === undefined || posix.normalize(posix.join(dir, context)).replace(/\/+$/, '') !== appPath) continue;
    const ports = (service.ports ?? []).flatMap((entry) => {
      const target = typeof entry === 'object' ? entry.target : /(\d+)(?:\/tcp)?$/.exec(String(entry))?.[1];
      return target ? [{ port: Number(target), from: `${file}:${composeLine(text, name, 'ports')}` }] : [];
    });
    const raw = service.command;
    const words = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? shellWords(raw) : undefined;
    const test = service.healthcheck?.test;
    const testText = Array.isArray(test) ? test.join(' ') : test ?? '';
    const probed = probedPath(testText);
    const healthFrom = `${file}:${composeLine(text, name, 'healthcheck')}`;
    const health = service.healthcheck?.disable || /^NONE$/.test(testText) ? { none: true as const, from: healthFrom } : probed ? { path: probed.path, from: healthFrom } : undefined;
    out.push({
      file,
      service: name,
      ports,
      ...(words && words.length > 0 ? { command: { value: words, from: `${file}:${composeLine(text, name, 'command')}` } } : {}),
      ...(health ? { health } : {}),
    });
  }
  return out;
}

/** The project's own Dockerfiles and compose files of an app (app folder, and the root for compose), never ours. */
export function containerFiles(reader: SourceReader, appPath: string): ContainerFacts[] {
  const own = (file: string): string | undefined => {
    const text = reader.read(file);
    return text === undefined || isGenerated(text) ? undefined : text;
  };
  const out: ContainerFacts[] = [];
  for (const rel of reader.list(appPath, 0).filter((f) => DOCKERFILE.test(f) && !f.endsWith('.dockerignore')).sort()) {
    const file = relJoin(appPath, rel);
    const text = own(file);
    if (text !== undefined) out.push(dockerfileFacts(file, text));
  }
  const folders = appPath === '.' ? ['.'] : [appPath, '.'];
  for (const folder of folders) {
    for (const name of COMPOSE_FILES) {
      const file = relJoin(folder, name);
      const text = own(file);
      if (text !== undefined) out.push(...composeFacts(file, text, appPath));
    }
  }
  return out;
}

/** Text of the project's own files a tool pin may be declared in: pyproject.toml and uv.toml, the Dockerfiles of
 * the app and the root, the workflows. Files of the app folder are named relative to it (as the plan's evidence
 * is before anchoring), the others relative to the project. */
export function pinSourceFiles(reader: SourceReader, appPath: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (key: string, file: string) => {
    const text = reader.read(file);
    if (out[key] === undefined && text !== undefined && !isGenerated(text)) out[key] = text;
  };
  for (const file of ['pyproject.toml', 'uv.toml']) add(file, relJoin(appPath, file));
  for (const folder of appPath === '.' ? ['.'] : [appPath, '.']) {
    for (const rel of reader.list(folder, 0).filter((f) => DOCKERFILE.test(f) && !f.endsWith('.dockerignore'))) add(folder === appPath ? rel : relJoin(folder, rel), relJoin(folder, rel));
  }
  for (const rel of reader.list('.github/workflows', 0).filter((f) => /\.ya?ml$/.test(f))) add(`.github/workflows/${rel}`, `.github/workflows/${rel}`);
  return out;
}

/** What an app's own container files say, merged: every declared port in order, the prod command, the dev
 * command (a compose command that reloads), the health check. */
export interface ContainerDeclares {
  ports: Array<{ port: number; from: Evidence }>;
  start?: { value: string[]; from: Evidence };
  dev?: { value: string[]; from: Evidence };
  health?: ContainerFacts['health'];
  /** The ENTRYPOINT of the app's own `Dockerfile` (the one built when it is kept), when it owns the command line. */
  entrypoint?: ContainerFacts['entrypoint'];
}

const RELOADS = /(^|\s)(--reload|--debug|runserver|dev|start:dev|watch|--watch|nodemon)(\s|$)/;

export function containerDeclares(reader: SourceReader, appPath: string): ContainerDeclares {
  const facts = containerFiles(reader, appPath);
  const out: ContainerDeclares = { ports: [] };
  for (const f of facts) {
    for (const p of f.ports) if (!out.ports.some((q) => q.port === p.port)) out.ports.push(p);
    if (f.command) {
      const dockerfile = DOCKERFILE.test(f.file);
      if (!dockerfile && RELOADS.test(f.command.value.join(' '))) out.dev ??= f.command;
      else out.start ??= f.command;
    }
    out.health ??= f.health;
    if (f.entrypoint && /(^|\/)Dockerfile$/.test(f.file)) out.entrypoint ??= f.entrypoint;
  }
  return out;
}
