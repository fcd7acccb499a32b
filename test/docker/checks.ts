// Static checks of generated Docker files used by test/docker.spec.ts: .dockerignore matching (BuildKit
// semantics, enough of them for our patterns), FROM image pinning, the prod stage's security points and
// COPY sources that must exist in the build context.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';

// ---------------------------------------------------------------------------------------------------------
// .dockerignore

interface IgnoreRule {
  negate: boolean;
  regex: RegExp;
}

function globToRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      re += glob.slice(i, end + 1);
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, '')).replace(/\/+$/, '');
      return { negate, regex: globToRegex(pattern) };
    });
}

/** True when `relPath` (relative to the build context) is excluded: a rule matches it or one of its parent folders; the last matching rule wins. */
export function isIgnored(rules: readonly IgnoreRule[], relPath: string): boolean {
  const parts = relPath.split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((c) => rule.regex.test(c))) ignored = !rule.negate;
  }
  return ignored;
}

/** The ignore file BuildKit uses for a Dockerfile: `<Dockerfile>.dockerignore` if present, else `<context>/.dockerignore`. */
export function ignoreFileFor(root: string, dockerfile: string, context: string): string | undefined {
  const next = path.join(root, `${dockerfile}.dockerignore`);
  if (existsSync(next)) return next;
  const inContext = path.join(root, context, '.dockerignore');
  return existsSync(inContext) ? inContext : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Dockerfile

const initialArgs = (text: string): Map<string, string> => {
  const args = new Map<string, string>();
  for (const arg of DockerfileParser.parse(text).getInitialARGs()) {
    const name = arg.getProperty()?.getName();
    const value = arg.getProperty()?.getValue();
    if (name && value) args.set(name, value);
  }
  return args;
};

const resolve = (value: string, args: Map<string, string>): string =>
  value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a: string | undefined, b: string | undefined) => args.get(a ?? b ?? '') ?? m);

export interface FromImage {
  line: number;
  raw: string;
  image: string;
  stage: string;
}

/** Every FROM that names an external image (not an earlier stage), with global ARGs resolved. */
export function externalFroms(text: string): FromImage[] {
  const args = initialArgs(text);
  const seen: string[] = [];
  const out: FromImage[] = [];
  for (const from of DockerfileParser.parse(text).getFROMs()) {
    const raw = from.getImage() ?? '';
    const image = resolve(raw, args);
    if (!seen.includes(image.toLowerCase())) out.push({ line: from.getRange().start.line + 1, raw, image, stage: (from.getBuildStage() ?? '').toLowerCase() });
    seen.push((from.getBuildStage() ?? '').toLowerCase());
  }
  return out;
}

/** Pinned: a tag (not latest) or a digest. */
export function isPinned(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const last = image.split('/').pop()!;
  const tag = last.includes(':') ? last.split(':').pop()! : '';
  return tag !== '' && tag !== 'latest' && !tag.includes('$');
}

/** Instructions of a named stage (from its FROM to the next FROM). */
export function stageInstructions(text: string, stage: string): Instruction[] {
  const out: Instruction[] = [];
  let inside = false;
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction.getKeyword().toUpperCase() === 'FROM') {
      inside = instruction.getArguments().map((a) => a.getValue().toLowerCase()).slice(-1)[0] === stage && instruction.getArguments().length >= 3;
      continue;
    }
    if (inside) out.push(instruction);
  }
  return out;
}

export interface ProdFindings {
  user?: string;
  healthcheck?: string[];
  cmd?: string;
  labels: boolean;
}

export function prodStage(text: string): ProdFindings {
  return stageFindings(text, 'prod');
}

/** USER, HEALTHCHECK (exec form), CMD and OCI labels of one stage. */
export function stageFindings(text: string, stage: string): ProdFindings {
  const instructions = stageInstructions(text, stage);
  const last = (keyword: string) => instructions.filter((i) => i.getKeyword().toUpperCase() === keyword).pop();
  const user = last('USER')?.getArgumentsContent() ?? undefined;
  const health = last('HEALTHCHECK')?.getArgumentsContent() ?? '';
  const healthJson = /CMD\s+(\[.*\])\s*$/s.exec(health.replace(/\\\r?\n/g, ' '))?.[1];
  return {
    ...(user ? { user: user.trim() } : {}),
    ...(healthJson ? { healthcheck: JSON.parse(healthJson) as string[] } : {}),
    ...(last('CMD') ? { cmd: last('CMD')!.getArgumentsContent() ?? '' } : {}),
    labels: instructions.some((i) => i.getKeyword().toUpperCase() === 'LABEL' && (i.getArgumentsContent() ?? '').includes('org.opencontainers.image.title')),
  };
}

/** Non-root: a USER that is neither root nor uid 0. */
export const isNonRoot = (user: string | undefined): boolean => user !== undefined && !/^(root|0)(:|$)/.test(user);

/** Sources of every `COPY` / `ADD` that reads the build context (no --from), with the stage they are in. */
export function contextCopySources(text: string): Array<{ line: number; source: string }> {
  const out: Array<{ line: number; source: string }> = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const flags = (instruction as unknown as { getFlags(): Array<{ getName(): string }> }).getFlags();
    if (flags.some((f) => f.getName().toLowerCase() === 'from')) continue;
    const args = instruction.getArguments().map((a) => a.getValue());
    for (const source of args.slice(0, -1)) out.push({ line: instruction.getRange().start.line + 1, source: source.replace(/\/$/, '') || '.' });
  }
  return out;
}

export const readText = (file: string): string => readFileSync(file, 'utf8');
