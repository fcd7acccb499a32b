// Small read-only helpers shared by the Python and Node detectors: manifest parsing with
// file:line errors, looking files up towards the root, version-range reading, name normalising.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { AiProjenError } from './errors.js';

export type Table = Record<string, unknown>;

export const asTable = (value: unknown): Table | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : undefined;

export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const asStringArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Joins POSIX relative paths where '.' stands for the project root. */
export const relJoin = (dir: string, name: string): string => (dir === '.' ? name : `${dir}/${name}`);

/** The folders from `dir` up to the root ('.'), nearest first. */
export function ancestry(dir: string): string[] {
  const out: string[] = [];
  let current = dir;
  while (current !== '.') {
    out.push(current);
    const slash = current.lastIndexOf('/');
    current = slash < 0 ? '.' : current.slice(0, slash);
  }
  out.push('.');
  return out;
}

export function readText(root: string, rel: string): string | undefined {
  try {
    // A BOM is legal in these files for most tools but breaks JSON.parse.
    return readFileSync(join(root, rel), 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** 1-based line of a character offset. */
export const lineOfOffset = (text: string, offset: number): number =>
  text.slice(0, Math.max(0, offset)).split('\n').length;

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

/**
 * Offset of the first JSON syntax error, found by a strict scanner. Needed because Node 20's
 * JSON.parse messages give a position for some errors only ("Unexpected token 'i', ..." has none).
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (c: string) => (text[i] === c ? i++ : fail());
  const string = () => {
    expect('"');
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws(); string(); ws(); expect(':'); value(); ws();
        if (text[i] === ',') { i++; continue; }
        expect('}');
        return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        expect(']');
        return;
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += literal![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return error.offset;
    throw error;
  }
}

/** 1-based line of a JSON.parse failure. */
export function jsonErrorLine(text: string, message: string): number {
  const offset = jsonErrorOffset(text);
  if (offset !== undefined) return lineOfOffset(text, Math.min(offset, text.replace(/\s+$/, '').length));
  const line = /\(line (\d+) column \d+\)/.exec(message);
  if (line) return Number(line[1]);
  const position = /at position (\d+)/.exec(message);
  return position ? lineOfOffset(text, Number(position[1])) : 1;
}

/** Parses a JSON manifest that must hold an object; failures name the file and line. */
export function readJsonManifest(root: string, rel: string): Table {
  const text = readText(root, rel);
  if (text === undefined) throw new AiProjenError('cannot be read', rel);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AiProjenError(`invalid JSON: ${message}`, rel, jsonErrorLine(text, message));
  }
  const table = asTable(value);
  if (!table) throw new AiProjenError('invalid manifest: expected a JSON object', rel, 1);
  return table;
}

/** Parses a TOML manifest; failures name the file and line and show smol-toml's code excerpt. */
export function readTomlManifest(root: string, rel: string): Table {
  const text = readText(root, rel);
  if (text === undefined) throw new AiProjenError('cannot be read', rel);
  try {
    return parseToml(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) {
      const message = error.message.replace(/^Invalid TOML document: /, '');
      throw new AiProjenError(`invalid TOML: ${message.trimEnd()}`, rel, error.line);
    }
    throw new AiProjenError(`invalid TOML: ${String(error)}`, rel);
  }
}

export interface VersionBound {
  major: number;
  minor?: number;
}

const compareBounds = (a: VersionBound, b: VersionBound) => a.major - b.major || (a.minor ?? -1) - (b.minor ?? -1);

/**
 * The lower bound of a version range, read loosely enough for PEP 440, Poetry and npm ranges:
 * '>=3.11', '^3.12', '~=3.10', '==3.11.*', '20.x', '>=18 <21', '^18 || ^20', 'v20.11.1'.
 * Upper bounds and exclusions are ignored; when several lower bounds appear (an AND of bounds,
 * or OR-ed alternatives) the highest wins, since it is both admissible and the most current line.
 */
export function lowerBound(spec: string): VersionBound | undefined {
  const clause = /(<=|>=|<|>|\^|~=|~|===|==|!=|=)?\s*v?(\d+)(?:\.(\d+|[xX*]))?(?:\.[0-9xX*]+)*/g;
  let best: VersionBound | undefined;
  for (const match of spec.matchAll(clause)) {
    const op = match[1] ?? '';
    if (op === '<' || op === '<=' || op === '!=') continue;
    const minor = match[3] !== undefined && /^\d+$/.test(match[3]) ? Number(match[3]) : undefined;
    const bound: VersionBound = { major: Number(match[2]), minor };
    if (!best || compareBounds(bound, best) > 0) best = bound;
  }
  return best;
}

/**
 * lowercase-hyphenated, [a-z0-9-], no repeated or edge hyphens, at most 32 characters, starting with
 * a letter (ECR/ECS/DNS-friendly; same rules as names.ts validates): accents are folded ('Café' ->
 * 'cafe'), a leading digit gets the fallback as prefix ('2024-site' -> 'app-2024-site').
 */
export function normaliseName(raw: string, fallback = 'app'): string {
  const clean = (s: string) => s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  const name = clean(raw);
  if (!name) return fallback;
  return /^[a-z]/.test(name) ? name : clean(`${fallback}-${name}`);
}

/** Canonical order for small string sets, so output is stable. */
export const ordered = <T extends string>(values: Iterable<T>, order: readonly T[]): T[] => {
  const set = new Set(values);
  return order.filter((v) => set.has(v));
};

export const uniqueSorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
