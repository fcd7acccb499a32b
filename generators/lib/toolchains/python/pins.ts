// A Python tool's own version requirement (PEP 440, as in uv's required-version or Poetry's requires-poetry)
// turned into the release to pin: ours when it satisfies the requirement, else the lowest release it allows.
import semver from 'semver';
import { at, type Evidence } from '../../plan/evidence.js';
import type { PinSources, ToolPin } from './types.js';

/** `key = "value"` inside `[table]` ('' = top level) of a TOML text, with the offset of the key. */
export function tomlKey(text: string, table: string, key: string): { value: string; offset: number } | undefined {
  let current = '';
  let offset = 0;
  for (const line of text.split('\n')) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) current = header[1]!.trim();
    else if (current === table) {
      const match = new RegExp(`^\\s*["']?${key}["']?\\s*=\\s*["']([^"']*)["']`).exec(line);
      if (match) return { value: match[1]!, offset };
    }
    offset += line.length + 1;
  }
  return undefined;
}

const version = (v: string): string => semver.coerce(v)?.version ?? '0.0.0';

/** A PEP 440 specifier set as a semver range (`>=0.5,<0.6` -> `>=0.5.0 <0.6.0`); undefined when it has no meaning there. */
export function pep440Range(spec: string): string | undefined {
  const parts: string[] = [];
  for (const clause of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(===|==|~=|>=|<=|!=|>|<)?\s*([\d.*]+)/.exec(clause);
    if (!match) return undefined;
    const [, op = '==', raw] = match;
    if (op === '!=') continue;
    if (op === '~=') {
      const pieces = raw!.split('.');
      const upper = pieces.length > 1 ? pieces.slice(0, -1) : pieces;
      upper[upper.length - 1] = String(Number(upper.at(-1)) + 1);
      parts.push(`>=${version(raw!)} <${version(upper.join('.'))}`);
    } else if (op === '==' || op === '===') parts.push(raw!.includes('*') ? raw!.replace(/\.\*$/, '.x') : version(raw!));
    else parts.push(`${op}${version(raw!)}`);
  }
  return parts.length > 0 && semver.validRange(parts.join(' ')) ? parts.join(' ') : undefined;
}

/** The release to pin for a declared requirement: ours when it satisfies it, else the lowest release allowed. */
export function satisfying(spec: string, ours: string, from: Evidence, tool: string): ToolPin {
  const range = pep440Range(spec);
  if (!range) return { version: ours, from, note: `${tool} version requirement "${spec}" (${from}) is not understood: the images and CI use ${tool} ${ours}` };
  if (semver.satisfies(ours, range)) return { version: ours, from: `${from} (${spec}: ${ours} satisfies it)` };
  const lowest = semver.minVersion(range)?.version;
  if (!lowest || lowest === '0.0.0') return { version: ours, from, note: `${tool} ${ours} does not satisfy "${spec}" (${from}) and no release can be chosen from it: pin an exact version (==X.Y.Z)` };
  return { version: lowest, from: `${from} (${spec})` };
}

/** The release a tool's own requirement in `[table]` of `file` asks for (uv's required-version, Poetry's
 * requires-poetry), when the project declares one. */
export function tomlPin(sources: PinSources, file: string, table: string, key: string, ours: string, tool: string): ToolPin | undefined {
  const text = sources[file];
  const found = text === undefined ? undefined : tomlKey(text, table, key);
  return found ? satisfying(found.value, ours, at(file, text!, found.offset), tool) : undefined;
}
