// AGENTS.md merge: one canonical section, one block per plugin inside it (DESIGN "The common base" 2).
//
//   ### INFRASTRUCTURE_COMMANDS
//   <!-- BEGIN ai-projen:docker -->
//   #### Docker
//   ...
//   <!-- END ai-projen:docker -->
//   ### END_INFRASTRUCTURE_COMMANDS
//
// Only the lines BETWEEN a plugin's BEGIN/END markers are ever rewritten; everything else keeps its bytes.
// Broken markers are an error naming the line, never silently repaired: guessing where a user's hand-edited
// section ends could delete their text.
import { AiProjenError } from './errors.js';
import { appendParagraph, editLines, isBlank, splitLines, stripBom, toLines, type Eol, type Line } from './text.js';

export const SECTION_START = '### INFRASTRUCTURE_COMMANDS';
export const SECTION_END = '### END_INFRASTRUCTURE_COMMANDS';
const BLOCK_MARKER = /^<!--\s*(BEGIN|END)\s+ai-projen:(\S*?)\s*-->$/;
const PLUGIN_NAME = /^[a-z0-9][a-z0-9-]*$/;
const SECTION_NOTE = '<!-- Managed by ai-projen: each block below is replaced on re-run; edit outside the blocks. -->';

export const beginMarker = (plugin: string): string => `<!-- BEGIN ai-projen:${plugin} -->`;
export const endMarker = (plugin: string): string => `<!-- END ai-projen:${plugin} -->`;

/** Marker positions, as 0-based line indexes. */
export interface AgentsLayout {
  section?: { start: number; end: number };
  blocks: Array<{ plugin: string; begin: number; end: number }>;
}

/** Validates the markers of an AGENTS.md (split into lines) and locates the section and blocks. */
export function parseAgentsLayout(lines: readonly Line[], file = 'AGENTS.md'): AgentsLayout {
  function fail(index: number, message: string): never {
    throw new AiProjenError(message, file, index + 1);
  }
  let start: number | undefined;
  let end: number | undefined;
  let open: { plugin: string; begin: number } | undefined;
  const blocks: AgentsLayout['blocks'] = [];

  for (const [i, line] of lines.entries()) {
    const t = line.text.trim();
    if (t === SECTION_START) {
      if (start !== undefined) fail(i, `duplicated "${SECTION_START}" (first at line ${start + 1})`);
      start = i;
      continue;
    }
    if (t === SECTION_END) {
      if (start === undefined) fail(i, `"${SECTION_END}" without a preceding "${SECTION_START}"`);
      if (end !== undefined) fail(i, `duplicated "${SECTION_END}" (first at line ${end + 1})`);
      if (open) fail(open.begin, `"${beginMarker(open.plugin)}" has no matching END marker inside the section`);
      end = i;
      continue;
    }
    const m = BLOCK_MARKER.exec(t);
    if (!m) continue;
    const [, kind, plugin] = m as unknown as [string, 'BEGIN' | 'END', string];
    if (!PLUGIN_NAME.test(plugin)) fail(i, `malformed ai-projen marker "${t}"`);
    if (start === undefined || end !== undefined) fail(i, `"${t}" is outside the ${SECTION_START} section`);
    if (kind === 'BEGIN') {
      if (open) fail(i, `"${t}" is nested inside the ai-projen:${open.plugin} block opened at line ${open.begin + 1}`);
      const dup = blocks.find((b) => b.plugin === plugin);
      if (dup) fail(i, `duplicated block for ai-projen:${plugin} (first at line ${dup.begin + 1})`);
      open = { plugin, begin: i };
    } else {
      if (!open) fail(i, `"${t}" without a matching BEGIN marker`);
      if (open.plugin !== plugin) fail(i, `"${t}" does not match "${beginMarker(open.plugin)}" at line ${open.begin + 1}`);
      blocks.push({ ...open, end: i });
      open = undefined;
    }
  }

  if (start !== undefined && end === undefined) {
    if (open) fail(open.begin, `"${beginMarker(open.plugin)}" has no matching END marker`);
    fail(start, `"${SECTION_START}" has no matching "${SECTION_END}"`);
  }
  return { section: start !== undefined && end !== undefined ? { start, end } : undefined, blocks };
}

/** The blocks of an AGENTS.md, in file order, with their body (without markers) joined by '\n'. */
export function parseAgentsBlocks(text: string, file = 'AGENTS.md'): Array<{ plugin: string; line: number; body: string }> {
  const lines = splitLines(stripBom(text).text);
  return parseAgentsLayout(lines, file).blocks.map((b) => ({
    plugin: b.plugin,
    line: b.begin + 1,
    body: lines.slice(b.begin + 1, b.end).map((l) => l.text).join('\n'),
  }));
}

/** Inserts or replaces the block owned by `plugin`; the result is idempotent for the same body. */
export function upsertAgentsBlock(existing: string | undefined, plugin: string, body: string, file = 'AGENTS.md'): string {
  if (!PLUGIN_NAME.test(plugin)) throw new AiProjenError(`invalid plugin name "${plugin}" for an AGENTS.md block`, file);
  checkBody(plugin, body, file);
  // A missing AGENTS.md starts from the caller's skeleton (plugins/common/templates/AGENTS.md.ejs) or empty.
  return editLines(existing ?? '', (lines, eol) => {
    const layout = parseAgentsLayout(lines, file);
    if (!layout.section) return appendParagraph(lines, sectionLines(plugin, body, eol), eol);
    const own = layout.blocks.find((b) => b.plugin === plugin);
    if (own) return [...lines.slice(0, own.begin + 1), ...toLines(body, eol), ...lines.slice(own.end)];
    // A new block goes last in the section (insertion order), framed by single blank lines.
    const at = layout.section.end;
    const blank = { text: '', eol };
    const framed = [...(isBlank(lines[at - 1]) ? [] : [blank]), ...blockLines(plugin, body, eol), blank];
    return [...lines.slice(0, at), ...framed, ...lines.slice(at)];
  });
}

function blockLines(plugin: string, body: string, eol: Eol): Line[] {
  return [{ text: beginMarker(plugin), eol }, ...toLines(body, eol), { text: endMarker(plugin), eol }];
}

function sectionLines(plugin: string, body: string, eol: Eol): Line[] {
  const blank = { text: '', eol };
  return [
    { text: SECTION_START, eol }, blank, { text: SECTION_NOTE, eol }, blank,
    ...blockLines(plugin, body, eol), blank, { text: SECTION_END, eol },
  ];
}

// A body carrying markers would corrupt the next parse; a missing "#### <Tool>" heading breaks the
// documented shape. Both are template bugs: fail loudly.
function checkBody(plugin: string, body: string, file: string): void {
  const lines = toLines(body, '\n').map((l) => l.text.trim());
  if (!lines[0]?.startsWith('#### ')) {
    throw new AiProjenError(`the ai-projen:${plugin} block must start with a "#### <Tool>" heading`, file);
  }
  const bad = lines.find((t) => t === SECTION_START || t === SECTION_END || BLOCK_MARKER.test(t));
  if (bad) throw new AiProjenError(`the ai-projen:${plugin} block body contains the marker "${bad}"`, file);
}
