/**
 * YAML: strict parse with the `yaml` package (errors AND warnings are findings), optional yamllint,
 * and a helper to locate a key path's line (used by the compose and shellcheck validators).
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type YAMLError } from 'yaml';
import { requireBinary, run } from './tools.js';
import type { Finding } from './types.js';

function yamlErrorToFinding(e: YAMLError, file: string | undefined, severity: 'error' | 'warning'): Finding {
  const pos = e.linePos?.[0];
  const firstLine = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return { file, line: pos?.line, column: pos?.col, message: firstLine, rule: e.code, severity };
}

/** Parses every document of a YAML stream; parse errors and warnings (duplicate keys, bad indent, tabs...) are findings. */
export function parseYamlStrict(text: string, opts: { fileName?: string } = {}): Promise<Finding[]> {
  return Promise.resolve(parseYamlStrictSync(text, opts));
}

export function parseYamlStrictSync(text: string, opts: { fileName?: string } = {}): Finding[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if ('empty' in docs) {
    // EmptyStream: only comments / nothing — valid YAML unless the stream itself has errors
    return docs.errors.map((e) => yamlErrorToFinding(e, opts.fileName, 'error'));
  }
  const findings: Finding[] = [];
  for (const doc of docs) {
    for (const e of doc.errors) findings.push(yamlErrorToFinding(e, opts.fileName, 'error'));
    for (const w of doc.warnings) findings.push(yamlErrorToFinding(w, opts.fileName, 'warning'));
  }
  return findings;
}

export interface YamllintOptions {
  fileName?: string;
  /** yamllint -d value: a preset name (`relaxed`, `default`) or inline YAML config. Default `relaxed`. */
  config?: string;
  /** Also report yamllint warnings (in `relaxed` most style rules are warnings, e.g. line-length 80). Default false. */
  includeWarnings?: boolean;
}

/** Runs the real `yamllint -f parsable` on `text` (stdin). Throws ToolMissing when yamllint is absent. */
export async function yamllint(text: string, opts: YamllintOptions = {}): Promise<Finding[]> {
  const bin = requireBinary('yamllint');
  const r = await run(bin, ['-d', opts.config ?? 'relaxed', '-f', 'parsable', '-'], { input: text });
  if (r.code !== 0 && r.code !== 1 && r.code !== 2) {
    throw new Error(`yamllint exited ${r.code}: ${r.stderr}${r.stdout}`);
  }
  const findings: Finding[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^[^:]*:(\d+):(\d+): \[(error|warning)\] (.*?)(?: \(([\w-]+)\))?$/.exec(line);
    if (!m) continue;
    const severity = m[3] as 'error' | 'warning';
    if (severity === 'warning' && !opts.includeWarnings) continue;
    findings.push({ file: opts.fileName, line: Number(m[1]), column: Number(m[2]), message: m[4]!, rule: m[5] ?? 'syntax', severity });
  }
  if (r.code !== 0 && findings.length === 0 && r.stderr.trim()) {
    throw new Error(`yamllint failed: ${r.stderr}`);
  }
  return findings;
}

/** A parsed document together with its line counter, for locating nodes. */
export interface LocatedDocument {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export function parseLocated(text: string): LocatedDocument {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  const doc = 'empty' in docs ? undefined : docs[0];
  // empty stream: an empty mapping so callers get a uniform shape
  return { doc: doc ?? parseDocument('{}', { lineCounter }), lineCounter };
}

/**
 * 1-based line of the key (or item) at `keyPath`, walking maps by key and sequences by index.
 * Returns the deepest line found when the path stops early, or undefined.
 */
export function lineOf(located: LocatedDocument, keyPath: readonly (string | number)[]): number | undefined {
  let node: unknown = located.doc.contents;
  let line: number | undefined;
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : located.lineCounter.linePos(offset).line);
  for (const seg of keyPath) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return line;
      line = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as { range?: [number, number, number] } | undefined;
      if (!item) return line;
      line = lineAt(item.range?.[0]) ?? line;
      node = item;
    } else {
      return line;
    }
  }
  return line;
}
