/**
 * Dockerfiles: dockerfile-utils `validate` (zero Error diagnostics; warnings reported separately)
 * plus a build-stage check with dockerfile-ast: every `FROM x` / `COPY --from=x` /
 * `RUN --mount=...,from=x` names an EARLIER stage or an external image; stage names are unique;
 * the stages callers build with `--target` exist.
 */
import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import { ValidationCode, validate } from 'dockerfile-utils';
import type { Finding } from './types.js';

/** Official images that may be referenced without a registry, tag or digest. */
export const KNOWN_IMAGES = new Set([
  'scratch', 'alpine', 'busybox', 'debian', 'ubuntu', 'python', 'node', 'golang', 'rust', 'nginx', 'httpd',
  'caddy', 'traefik', 'postgres', 'redis', 'valkey', 'mysql', 'mariadb', 'mongo', 'memcached', 'rabbitmq',
  'openjdk', 'eclipse-temurin', 'amazoncorretto', 'amazonlinux', 'fedora', 'centos', 'rockylinux', 'almalinux',
  'docker', 'bash', 'buildpack-deps', 'gcc', 'ruby', 'php', 'oven/bun', 'denoland/deno', 'hashicorp/terraform',
]);

export interface DockerfileOptions {
  fileName?: string;
  /** Stage names that must exist (the `--target`s compose / CI / Makefile build). */
  requiredStages?: readonly string[];
  /** Extra bare image names accepted as external references. */
  knownImages?: readonly string[];
}

export interface DockerfileDiagnostics {
  errors: Finding[];
  warnings: Finding[];
}

function codeName(code: unknown): string {
  if (typeof code === 'number') {
    const name = (ValidationCode as unknown as Record<number, string>)[code];
    return name ?? `code-${code}`;
  }
  return String(code ?? 'dockerfile-utils');
}

/** dockerfile-utils validate(), split by severity (1 = Error, 2 = Warning). */
export function dockerfileDiagnostics(text: string, opts: { fileName?: string } = {}): DockerfileDiagnostics {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  for (const d of validate(text)) {
    const f: Finding = {
      file: opts.fileName,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: typeof d.message === 'string' ? d.message : d.message.value,
      rule: codeName(d.code),
      severity: d.severity === 1 ? 'error' : 'warning',
    };
    (d.severity === 1 ? errors : warnings).push(f);
  }
  return { errors, warnings };
}

/** Stage names in order (lower-cased, like BuildKit); unnamed stages are ''. */
export function dockerfileStages(text: string): string[] {
  return DockerfileParser.parse(text)
    .getFROMs()
    .map((f) => (f.getBuildStage() ?? '').toLowerCase());
}

function initialArgDefaults(dockerfile: Dockerfile): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const prop = arg.getProperty();
    const name = prop?.getName();
    const value = prop?.getValue();
    if (name && value !== null && value !== undefined) defaults.set(name, value);
  }
  return defaults;
}

/** Substitutes `$X` / `${X}` / `${X:-d}` with global ARG defaults; undefined if something stays unresolved. */
function resolveArgs(value: string, args: Map<string, string>): string | undefined {
  let unresolved = false;
  const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced: string | undefined, dflt: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const v = args.get(name) ?? dflt;
    if (v === undefined) {
      unresolved = true;
      return '';
    }
    return v;
  });
  return unresolved ? undefined : out;
}

function isExternalImage(ref: string, known: ReadonlySet<string>): boolean {
  if (/[:/@]/.test(ref)) return true;
  return known.has(ref.toLowerCase());
}

function lineOfInstruction(i: Instruction): number {
  return i.getRange().start.line + 1;
}

/** The stage/reference check alone (dockerfile-ast). */
export function checkDockerfileStages(text: string, opts: DockerfileOptions = {}): Finding[] {
  const file = opts.fileName;
  const known = new Set([...KNOWN_IMAGES, ...(opts.knownImages ?? []).map((s) => s.toLowerCase())]);
  const dockerfile = DockerfileParser.parse(text);
  const args = initialArgDefaults(dockerfile);
  const findings: Finding[] = [];
  const stages: string[] = []; // names of stages seen so far, '' for unnamed
  let current = -1;

  const allStages = dockerfile.getFROMs().map((f) => (f.getBuildStage() ?? '').toLowerCase());

  /** A reference made by the FROM that opens stage `current`, or from inside stage `current`. */
  const checkRef = (raw: string, line: number, what: string, allowIndex: boolean, rule: string): void => {
    const ref = raw.trim();
    const lower = ref.toLowerCase();
    // a FROM may use any stage before the one it opens; COPY --from any stage before the current one
    const earlier = what === 'FROM' ? stages.slice() : stages.slice(0, current);
    if (allowIndex && /^\d+$/.test(ref)) {
      if (Number(ref) >= current) {
        findings.push({ file, line, message: `${what} refers to stage index ${ref}, which is not an earlier stage (this is stage #${current})`, rule });
      }
      return;
    }
    if (lower !== '' && earlier.includes(lower)) return;
    if (lower !== '' && allStages.includes(lower)) {
      findings.push({ file, line, message: `${what} refers to stage "${ref}", which is not defined before this point`, rule });
      return;
    }
    let resolved: string | undefined = ref;
    if (ref.includes('$')) {
      resolved = resolveArgs(ref, args);
      if (resolved === undefined) return; // supplied by --build-arg: cannot be checked statically
      if (earlier.includes(resolved.toLowerCase())) return;
    }
    if (!isExternalImage(resolved, known)) {
      findings.push({
        file,
        line,
        message: `${what} refers to "${ref}", which is neither an earlier build stage (${earlier.filter(Boolean).join(', ') || 'none'}) nor an external image reference (registry/name:tag or digest)`,
        rule,
      });
    }
  };

  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const line = lineOfInstruction(instruction);
    if (keyword === 'FROM') {
      const from = dockerfile.getFROMs().find((f) => f.getRange().start.line === instruction.getRange().start.line);
      const image = from?.getImage() ?? '';
      const stageName = (from?.getBuildStage() ?? '').toLowerCase();
      current = stages.length; // index of the stage this FROM opens
      if (image) checkRef(image, line, 'FROM', false, 'stage/unknown-from');
      if (stageName && stages.includes(stageName)) {
        findings.push({ file, line, message: `duplicate build stage name "${stageName}"`, rule: 'stage/duplicate-name' });
      }
      stages.push(stageName);
      continue;
    }
    if (current < 0) continue; // instructions before the first FROM (ARG) reference nothing
    const flags = 'getFlags' in instruction && typeof (instruction as { getFlags?: unknown }).getFlags === 'function'
      ? (instruction as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags()
      : [];
    for (const flag of flags) {
      const name = flag.getName().toLowerCase();
      const value = flag.getValue() ?? '';
      if ((keyword === 'COPY' || keyword === 'ADD') && name === 'from') {
        checkRef(value, line, `${keyword} --from`, true, 'stage/unknown-copy-from');
      }
      if (keyword === 'RUN' && name === 'mount') {
        const m = /(?:^|,)from=([^,]+)/.exec(value);
        if (m) checkRef(m[1]!, line, 'RUN --mount from=', true, 'stage/unknown-mount-from');
      }
    }
  }

  for (const required of opts.requiredStages ?? []) {
    if (!stages.includes(required.toLowerCase())) {
      findings.push({
        file,
        message: `required build stage "${required}" (a --target) is not defined; stages: ${stages.filter(Boolean).join(', ') || 'none'}`,
        rule: 'stage/missing-required',
      });
    }
  }
  return findings.map((f) => ({ ...f, severity: 'error' as const }));
}

/**
 * Full Dockerfile check: dockerfile-utils errors + stage check. Warnings are NOT included
 * (use dockerfileDiagnostics(text).warnings); empty result = valid.
 */
export async function lintDockerfile(text: string, opts: DockerfileOptions = {}): Promise<Finding[]> {
  const { errors } = dockerfileDiagnostics(text, opts);
  return [...errors, ...checkDockerfileStages(text, opts)];
}
