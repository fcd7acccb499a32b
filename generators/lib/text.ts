// Line-ending and BOM handling shared by every text-merge helper (agents-md, makefile, gitignore,
// structured-edit). The merges must leave the user's bytes alone, so a file is split into lines that
// KEEP their own terminator: joining them back gives the exact input, even with mixed line endings.
//
// Final-newline policy (all helpers): a file without a final newline keeps it that way unless we append
// after its last line; then that line gets the file's EOL and everything we append ends with an EOL.

export type Eol = '\n' | '\r\n';

/** One physical line: its content and its own terminator ('' only for a last line without one). */
export interface Line {
  text: string;
  eol: '' | Eol;
}

const BOM = '\uFEFF';

/** The majority line ending of `text`; '\n' on a tie or when there is no line break at all. */
export function detectEol(text: string): Eol {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

export function stripBom(text: string): { bom: boolean; text: string } {
  return text.startsWith(BOM) ? { bom: true, text: text.slice(1) } : { bom: false, text };
}

export function restoreBom(bom: boolean, text: string): string {
  return bom ? BOM + text : text;
}

/** Splits into lines that keep their terminator; '' gives []. joinLines(splitLines(x)) === x. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r?\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ text: text.slice(start, m.index), eol: m[0] as Eol });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

export function joinLines(lines: readonly Line[]): string {
  return lines.map((l) => l.text + l.eol).join('');
}

/** Rewrites every line break of `text` (typically a template rendered with '\n') as `eol`. */
export function withEol(text: string, eol: Eol): string {
  return text.replace(/\r?\n/g, eol);
}

/** New lines of ours (e.g. a rendered block): each terminated with `eol`; surrounding blank lines dropped. */
export function toLines(body: string, eol: Eol): Line[] {
  const trimmed = body.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/(?:\r?\n[ \t]*)+$/, '');
  if (trimmed.trim() === '') return [];
  return trimmed.split(/\r?\n/).map((text) => ({ text, eol }));
}

export const isBlank = (line: Line | undefined): boolean => line !== undefined && line.text.trim() === '';

/**
 * Appends `added` after `lines` as a new paragraph: terminates an unterminated last line, and separates the
 * paragraph from existing content by exactly one blank line (none when the file is empty or already ends
 * with a blank line).
 */
export function appendParagraph(lines: readonly Line[], added: readonly Line[], eol: Eol): Line[] {
  const out = lines.slice();
  const last = out[out.length - 1];
  if (last && last.eol === '') out[out.length - 1] = { ...last, eol };
  if (out.length > 0 && !isBlank(out[out.length - 1])) out.push({ text: '', eol });
  return out.concat(added);
}

/**
 * Runs a line-based edit on `existing` with the BOM removed and restored, and the file's own EOL given to
 * `edit` for the lines it creates. Everything `edit` leaves in place is returned byte-identical.
 */
export function editLines(existing: string, edit: (lines: Line[], eol: Eol) => Line[]): string {
  const { bom, text } = stripBom(existing);
  const eol = detectEol(text);
  return restoreBom(bom, joinLines(edit(splitLines(text), eol)));
}
