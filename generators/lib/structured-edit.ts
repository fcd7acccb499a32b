// Edits of existing JSON / YAML files (DESIGN "The common base" 5): the caller mutates parsed data, we
// write it back in the file's own style: indentation (detect-indent), key order, comments (yaml Document
// API), line endings, BOM and final-newline presence. When the mutation changes nothing the input text is
// returned untouched, so a re-run with the same values is byte-identical ("identical" for the conflicter).
import detectIndent from 'detect-indent';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseDocument, type Document, type ToStringOptions } from 'yaml';
import { AiProjenError } from './errors.js';
import { detectEol, restoreBom, stripBom, withEol } from './text.js';

export function editJson<T = any>(text: string, mutate: (data: T) => T | void, file = 'file.json'): string {
  const { bom, text: body } = stripBom(text);
  let data: T;
  try {
    data = JSON.parse(body) as T;
  } catch (error) {
    const offset = jsonErrorOffset(body);
    const line = body.slice(0, offset < 0 ? body.length : offset).split('\n').length;
    throw new AiProjenError(`invalid JSON: ${(error as Error).message.split('\n')[0]}`, file, line);
  }
  const before = JSON.stringify(data);
  const result = mutate(data);
  const out = result === undefined ? data : result;
  if (JSON.stringify(out) === before) return text;
  const eol = detectEol(body);
  // A one-line file stays one line; otherwise the detected indentation (2 spaces when undetectable).
  const oneLine = !/\n/.test(body.trim());
  const json = oneLine ? JSON.stringify(out) : JSON.stringify(out, null, detectIndent(body).indent || '  ');
  return restoreBom(bom, withEol(json, eol) + (/\n$/.test(body) ? eol : ''));
}

/**
 * Parses with yaml's Document API (comments, key order and scalar styles survive), lets `mutate` edit the
 * document, and serialises it with the file's indentation and sequence style. Multi-document files are
 * not supported (a syntax error).
 */
export function editYaml(text: string, mutate: (doc: Document) => void, file = 'file.yaml'): string {
  const { bom, text: body } = stripBom(text);
  const eol = detectEol(body);
  const src = body.replace(/\r\n/g, '\n');
  const doc = parseDocument(src);
  const error = doc.errors[0];
  if (error) {
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new AiProjenError(`invalid YAML: ${message}`, file, error.linePos?.[0].line);
  }
  const options = yamlStyle(src);
  const before = doc.toString(options);
  mutate(doc);
  let out = doc.toString(options);
  if (out === before) return text;
  out = restoreSpacing(out, src);
  if (!src.endsWith('\n')) out = out.replace(/\n$/, '');
  return restoreBom(bom, withEol(out, eol));
}

/**
 * yaml re-serialises every line: `key:   value  # note` comes back as `key: value # note`. Lines that only
 * differ from an original line in such inner/trailing whitespace get the original back, so an edit shows
 * as the changed lines only. If that ever changed the data, the plain serialisation is kept.
 */
function restoreSpacing(out: string, src: string): string {
  const key = (line: string): string => line.replace(/(\S)[ \t]+/g, '$1 ').trimEnd();
  const pool = new Map<string, string[]>();
  for (const line of src.split('\n')) {
    const k = key(line);
    if (k !== line) pool.set(k, [...(pool.get(k) ?? []), line]);
  }
  const restored = out.split('\n').map((line) => pool.get(key(line))?.shift() ?? line).join('\n');
  try {
    return isDeepStrictEqual(parse(restored), parse(out)) ? restored : out;
  } catch {
    return out;
  }
}

/** The serialisation options matching how `src` is written. */
function yamlStyle(src: string): ToStringOptions {
  const detected = detectIndent(src);
  const indent = detected.type === 'space' && detected.amount > 0 ? detected.amount : 2;
  // `key:` followed by `- item` at the same column means the file does not indent its sequences.
  const m = /^( *)[^\s#-][^#\n]*:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*( *)- /m.exec(src);
  const indentSeq = !(m && m[1] === m[2]);
  return { indent, indentSeq, lineWidth: 0 };
}

/** Offset of the first JSON syntax error in `s` (-1 if valid): JSON.parse does not always tell. */
export function jsonErrorOffset(s: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = (): void => {
    while (i < s.length && ' \t\n\r'.includes(s[i] as string)) i++;
  };
  const str = (): void => {
    for (i++; s[i] !== '"'; i++) {
      if (i >= s.length || (s[i] as string) < ' ') fail();
      if (s[i] === '\\') i++;
    }
    i++;
  };
  const list = (close: string, item: () => void): void => {
    i++;
    ws();
    if (s[i] === close) { i++; return; }
    for (;;) {
      item();
      ws();
      if (s[i] === close) { i++; return; }
      if (s[i] !== ',') fail();
      i++;
    }
  };
  const value = (): void => {
    ws();
    if (s[i] === '{') return list('}', () => { ws(); if (s[i] !== '"') fail(); str(); ws(); if (s[i] !== ':') fail(); i++; value(); });
    if (s[i] === '[') return list(']', value);
    if (s[i] === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
  };
  try {
    value();
    ws();
    if (i < s.length) fail();
    return -1;
  } catch (e) {
    if (typeof e === 'number') return e;
    throw e;
  }
}
