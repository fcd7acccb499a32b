// .gitignore merge (DESIGN "The common base" 4): line by line, never reordering or touching the user's
// lines. Our missing entries are appended as one paragraph under `header`; on re-run nothing is missing,
// so nothing changes.
//
// Negations: in .gitignore the last matching line wins, so `!.env.example` only works AFTER `.env.*`.
// A negation of ours is therefore appended again when its last occurrence precedes one of our positive
// patterns listed before it (even if an earlier, ineffective copy exists): that duplicate is deliberate.
import { appendParagraph, editLines, type Line } from './text.js';

/** Comparison key: trimmed, one trailing '/' ignored (`.terraform` and `.terraform/` are the same entry). */
export function gitignoreKey(line: string): string {
  const t = line.trim();
  return t.length > 1 && t.endsWith('/') ? t.slice(0, -1) : t;
}

export function mergeGitignore(existing: string | undefined, lines: readonly string[], header = '# ai-projen'): string {
  const wanted = uniqueEntries(lines);
  return editLines(existing ?? '', (current, eol) => {
    const keys = current.map((l) => gitignoreKey(l.text));
    const added: string[] = [];
    wanted.forEach((entry, idx) => {
      const k = gitignoreKey(entry);
      const seq = [...keys, ...added.map(gitignoreKey)];
      if (!entry.startsWith('!')) {
        if (!seq.includes(k)) added.push(entry);
        return;
      }
      const mustFollow = Math.max(-1, ...wanted.slice(0, idx).filter((e) => !e.startsWith('!')).map((e) => seq.lastIndexOf(gitignoreKey(e))));
      const at = seq.lastIndexOf(k);
      if (at < 0 || at < mustFollow) added.push(entry);
    });
    if (added.length === 0) return current;
    const newLines = added.map((text) => ({ text, eol }));
    const tail = lastParagraph(current);
    if (tail && current[tail.start]?.text.trim() === header.trim()) {
      // Our section is the last paragraph: extend it (before any trailing blank lines).
      const before = current.slice(0, tail.end + 1);
      const last = before[tail.end] as Line;
      before[tail.end] = { ...last, eol: last.eol || eol };
      return [...before, ...newLines, ...current.slice(tail.end + 1)];
    }
    return appendParagraph(current, [{ text: header, eol }, ...newLines], eol);
  });
}

/** Trimmed, non-blank, first occurrence of each key. */
function uniqueEntries(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of lines) {
    const entry = raw.trim();
    const k = gitignoreKey(entry);
    if (entry === '' || seen.has(k)) continue;
    seen.add(k);
    out.push(entry);
  }
  return out;
}

/** Line range (inclusive) of the last run of non-blank lines. */
function lastParagraph(lines: readonly Line[]): { start: number; end: number } | undefined {
  let end = lines.length - 1;
  while (end >= 0 && lines[end]?.text.trim() === '') end--;
  if (end < 0) return undefined;
  let start = end;
  while (start > 0 && lines[start - 1]?.text.trim() !== '') start--;
  return { start, end };
}
