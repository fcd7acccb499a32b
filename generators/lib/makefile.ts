// Makefile merge (DESIGN "The common base" 3): append, never clobber. Each plugin owns one block
//
//   # >>> ai-projen:docker >>>
//   ...rendered by the plugin's .mk.ejs template...
//   # <<< ai-projen:docker <<<
//
// replaced in place on re-run. A user target (anything outside the ai-projen blocks) with the same name
// as one of ours wins: our rule, its recipe, its "##" help and its .PHONY entry are dropped from the block,
// so make never warns "overriding recipe", and the name is reported in skippedTargets.
//
// `help` is only added when we CREATE the Makefile (header below); an existing Makefile is never given
// one in the user's part.
import { AiProjenError } from './errors.js';
import { appendParagraph, editLines, splitLines, stripBom, toLines, type Line } from './text.js';

const PLUGIN_NAME = /^[a-z0-9][a-z0-9-]*$/;
const MARKER_LOOSE = /^#\s*(?:>>>|<<<)\s*ai-projen\b/;
const MARKER = /^#\s*(>>>|<<<)\s+ai-projen:(\S+)\s+(>>>|<<<)$/;
const SPECIAL_TARGET = /^\.[A-Z_]+$/; // .PHONY, .DEFAULT_GOAL-like special targets, not user targets

export const beginMarker = (plugin: string): string => `# >>> ai-projen:${plugin} >>>`;
export const endMarker = (plugin: string): string => `# <<< ai-projen:${plugin} <<<`;

// ---------------------------------------------------------------------------------------------------------
// A small statement scanner: enough of make's grammar to tell rules, recipes, assignments and comments
// apart (backslash continuations, define/endef, conditionals, `$(...)` containing ':' or '=').

type Kind = 'blank' | 'comment' | 'recipe' | 'rule' | 'targetvar' | 'assign' | 'conditional' | 'define' | 'other';

export interface MakeStatement {
  /** First and last physical line (0-based, inclusive). */
  first: number;
  last: number;
  kind: Kind;
  /** The logical line with continuations joined by a space. */
  joined: string;
  /** Index in `joined` of the ':' of a rule, -1 otherwise. */
  colon: number;
  targets: string[];
  /** A space-indented rule/other line right after a rule: almost surely a recipe indented with spaces. */
  spaceRecipe: boolean;
  /** A TAB-indented command with no rule before it ("recipe commences before first target"). */
  orphanRecipe: boolean;
}

const CONDITIONAL = /^(?:ifeq|ifneq|ifdef|ifndef|else|endif)(?:\s|$)/;
const DEFINE = /^(?:(?:override|export|private)\s+)*define(?:\s|$)/;
const TARGET_VAR = /^\s*(?:(?:export|override|private|unexport)\s+)*[^\s:#=]+\s*(?:[?+!]|:{1,3})?=/;

const continues = (text: string): boolean => (/\\+$/.exec(text)?.[0].length ?? 0) % 2 === 1;

/** Physical lines first..last as one logical line (make joins continuations with a single space). */
const joinLogical = (lines: readonly string[], first: number, last: number): string =>
  lines.slice(first, last + 1).map((l, k) => (first + k < last ? l.replace(/\\$/, '') : l)).join(' ');

/** Index of the first ':' or '=' outside `$(...)`/`${...}` and before a comment; -1 if none. */
function separator(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) { depth++; i++; }
    else if (depth > 0 && (c === '(' || c === '{')) depth++;
    else if (depth > 0 && (c === ')' || c === '}')) depth--;
    else if (depth === 0 && c === '#') return -1;
    else if (depth === 0 && (c === ':' || c === '=')) return i;
  }
  return -1;
}

export function scanMakefile(lines: readonly string[]): MakeStatement[] {
  const out: MakeStatement[] = [];
  let inRule = false;
  let defineDepth = 0;
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    const head = lines[i];
    const t = head.trim();
    const stmt = (kind: Kind, extra: Partial<MakeStatement> = {}): void => {
      const joined = joinLogical(lines, first, i);
      out.push({ first, last: i, kind, joined, colon: -1, targets: [], spaceRecipe: false, orphanRecipe: false, ...extra });
    };
    if (defineDepth > 0) { // define bodies are verbatim text
      if (/^endef(?:\s|$)/.test(t)) defineDepth--;
      else if (DEFINE.test(t)) defineDepth++;
      stmt('define');
      continue;
    }
    while (continues(lines[i]) && i + 1 < lines.length) i++;
    if (head.startsWith('\t') && inRule) { stmt('recipe'); continue; }
    if (t === '') { stmt('blank'); continue; }
    if (t.startsWith('#')) { stmt('comment'); continue; } // make comments do not end a rule's recipe
    if (CONDITIONAL.test(t)) { stmt('conditional'); continue; } // neither do conditionals
    const afterRule = inRule;
    inRule = false;
    if (DEFINE.test(t)) { defineDepth = 1; stmt('define'); continue; }
    const flags = { spaceRecipe: afterRule && head.startsWith(' '), orphanRecipe: head.startsWith('\t') };
    const joined = joinLogical(lines, first, i);
    const sep = separator(joined);
    if (sep < 0) { stmt('other', flags); continue; }
    const next = joined.slice(sep + 1);
    if (joined[sep] === '=' || /^:{0,2}=/.test(next)) { stmt('assign'); continue; }
    const targets = joined.slice(0, sep).trim().split(/\s+/).filter(Boolean);
    if (TARGET_VAR.test(next.replace(/^:/, ''))) { stmt('targetvar', { colon: sep, targets }); continue; }
    inRule = true;
    stmt('rule', { ...flags, colon: sep, targets });
  }
  return out;
}

const realTargets = (s: MakeStatement): string[] =>
  s.kind === 'rule' ? s.targets.filter((t) => !SPECIAL_TARGET.test(t) && !t.includes('$')) : [];

/** Target names a makefile defines (rules only, special targets and `$(VAR)` names excluded), in order. */
export function listMakeTargets(text: string): string[] {
  const lines = splitLines(stripBom(text).text).map((l) => l.text);
  return [...new Set(scanMakefile(lines).flatMap(realTargets))];
}

// ---------------------------------------------------------------------------------------------------------
// Blocks

export interface MakeBlock { plugin: string; begin: number; end: number }

/** Locates the ai-projen blocks (0-based marker lines); unbalanced/duplicated markers throw with the line. */
export function parseMakeBlocks(lines: readonly string[], file = 'Makefile'): MakeBlock[] {
  function fail(index: number, message: string): never {
    throw new AiProjenError(message, file, index + 1);
  }
  const blocks: MakeBlock[] = [];
  let open: { plugin: string; begin: number } | undefined;
  for (const [i, raw] of lines.entries()) {
    const text = raw.trimEnd();
    if (!MARKER_LOOSE.test(text)) continue;
    const m = MARKER.exec(text);
    if (!m || m[1] !== m[3] || !PLUGIN_NAME.test(m[2] ?? '')) fail(i, `malformed ai-projen marker "${text}"`);
    const plugin = m[2] as string;
    if (m[1] === '>>>') {
      if (open) fail(i, `"${text}" is nested inside the ai-projen:${open.plugin} block opened at line ${open.begin + 1}`);
      const dup = blocks.find((b) => b.plugin === plugin);
      if (dup) fail(i, `duplicated block for ai-projen:${plugin} (first at line ${dup.begin + 1})`);
      open = { plugin, begin: i };
    } else {
      if (!open) fail(i, `"${text}" without a matching "${beginMarker(plugin)}"`);
      if (open.plugin !== plugin) fail(i, `"${text}" does not match "${beginMarker(open.plugin)}" at line ${open.begin + 1}`);
      blocks.push({ ...open, end: i });
      open = undefined;
    }
  }
  if (open) fail(open.begin, `"${beginMarker(open.plugin)}" has no matching "${endMarker(open.plugin)}"`);
  return blocks;
}

/**
 * Inserts or replaces the block owned by `plugin`. `rendered` is the block body (without markers) as the
 * plugin's template rendered it. Returns the new Makefile text and the targets left to the user's rules.
 */
export function upsertMakefileBlock(
  existing: string | undefined,
  plugin: string,
  rendered: string,
  file = 'Makefile',
): { text: string; skippedTargets: string[] } {
  if (!PLUGIN_NAME.test(plugin)) throw new AiProjenError(`invalid plugin name "${plugin}" for a Makefile block`, file);
  checkRendered(plugin, rendered);
  const body = toLines(rendered, '\n').map((l) => l.text);
  const ours = scanMakefile(body).flatMap(realTargets);
  let skippedTargets: string[] = [];

  // A missing Makefile starts from the caller's skeleton (plugins/common/templates/Makefile.ejs) or empty.
  const text = editLines(existing ?? '', (lines, eol) => {
    const texts = lines.map((l) => l.text);
    const blocks = parseMakeBlocks(texts, file);
    const inBlock = (i: number): boolean => blocks.some((b) => i >= b.begin && i <= b.end);
    const userTargets = new Set(scanMakefile(texts).filter((s) => !inBlock(s.first)).flatMap(realTargets));
    skippedTargets = [...new Set(ours.filter((t) => userTargets.has(t)))];
    const kept = dropTargets(body, new Set(skippedTargets));
    const block: Line[] = [beginMarker(plugin), ...kept, endMarker(plugin)].map((t) => ({ text: t, eol }));
    const own = blocks.find((b) => b.plugin === plugin);
    if (!own) return appendParagraph(lines, block, eol);
    // Keep the user's own marker lines (and so their terminators: a missing final newline stays missing).
    return [...lines.slice(0, own.begin + 1), ...block.slice(1, -1), ...lines.slice(own.end)];
  });
  return { text, skippedTargets };
}

// Template bugs (spaces instead of a TAB, markers in the body) fail loudly instead of producing a
// Makefile that make rejects with "missing separator".
function checkRendered(plugin: string, rendered: string): void {
  const lines = rendered.split(/\r?\n/);
  const where = `ai-projen:${plugin} Makefile block`;
  const marker = lines.findIndex((l) => MARKER_LOOSE.test(l.trim()));
  if (marker >= 0) throw new AiProjenError('the rendered block must not contain ai-projen markers', where, marker + 1);
  for (const s of scanMakefile(lines)) {
    if (s.spaceRecipe) throw new AiProjenError('recipe line indented with spaces: recipes must start with a TAB', where, s.first + 1);
    if (s.orphanRecipe) throw new AiProjenError('TAB-indented line outside any rule (recipe commences before first target)', where, s.first + 1);
  }
}

/** Removes the rules of `skip` from our block: rule line, recipe, "##" doc comments above, .PHONY entries. */
function dropTargets(body: readonly string[], skip: ReadonlySet<string>): string[] {
  if (skip.size === 0) return body.slice();
  const stmts = scanMakefile(body);
  const removed = new Set<number>();
  const rewritten = new Map<number, string>(); // statement index -> single replacement line
  stmts.forEach((s, k) => {
    if (s.kind !== 'rule' && s.kind !== 'targetvar') return;
    if (s.targets.length === 1 && s.targets[0] === '.PHONY') {
      const names = (s.joined.slice(s.colon + 1).split('#')[0] ?? '').trim().split(/\s+/).filter(Boolean);
      const keep = names.filter((n) => !skip.has(n));
      if (keep.length === names.length) return;
      if (keep.length > 0) rewritten.set(k, `.PHONY: ${keep.join(' ')}`);
      else removed.add(k);
      return;
    }
    const keep = s.targets.filter((t) => !skip.has(t));
    if (keep.length === s.targets.length) return;
    if (keep.length > 0) { rewritten.set(k, keep.join(' ') + s.joined.slice(s.colon)); return; }
    removed.add(k);
    if (s.kind === 'rule') { // the recipe, including blank/comment lines between recipe lines
      let lastRecipe = k;
      for (let j = k + 1; j < stmts.length; j++) {
        const kind = stmts[j]?.kind;
        if (kind === 'recipe') lastRecipe = j;
        else if (kind !== 'blank' && kind !== 'comment') break;
      }
      for (let j = k + 1; j <= lastRecipe; j++) removed.add(j);
    }
    for (let j = k - 1; j >= 0 && stmts[j]?.kind === 'comment' && stmts[j]?.joined.trim().startsWith('##'); j--) removed.add(j);
  });
  const out: string[] = [];
  stmts.forEach((s, k) => {
    if (removed.has(k)) return;
    const line = rewritten.get(k);
    if (line !== undefined) out.push(line);
    else out.push(...body.slice(s.first, s.last + 1));
  });
  return collapseBlanks(out);
}

/** After removals: no two blank lines in a row, no blank lines at the block's edges. */
function collapseBlanks(lines: readonly string[]): string[] {
  const out = lines.filter((l, i) => l.trim() !== '' || (i > 0 && (lines[i - 1] ?? '').trim() !== ''));
  while (out.length && (out[0] ?? '').trim() === '') out.shift();
  while (out.length && (out[out.length - 1] ?? '').trim() === '') out.pop();
  return out;
}
