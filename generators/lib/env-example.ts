// A project's own .env.example, merged key by key: its lines stay as they are, and the settings the
// generated stack needs that it does not define go into one marked block at the end (replaced on a re-run).
import { AiProjenError } from './errors.js';
import { isGenerated } from './generated.js';
import { appendParagraph, editLines, toLines, type Line } from './text.js';

const begin = (plugin: string) => `# >>> ai-projen:${plugin} >>>`;
const end = (plugin: string) => `# <<< ai-projen:${plugin} <<<`;
const KEY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;
/** `# NAME=`: a setting documented but left unset (the user fills it in); it counts as the file defining NAME. */
const COMMENTED_KEY = /^#\s?([A-Z_][A-Z0-9_]*)=\s*$/;
const keyOf = (text: string): string | undefined => KEY.exec(text)?.[1] ?? COMMENTED_KEY.exec(text.trim())?.[1];

/**
 * `existing` with a `plugin` block holding the KEY=value lines of `ours` (and the comment lines right above
 * each) whose keys `existing` lacks outside the block. No missing key: no block. Pure.
 */
export function mergeEnvExample(existing: string, ours: string, plugin: string, file = '.env.example'): string {
  return editLines(existing, (lines, eol) => {
    const starts = lines.flatMap((l, i) => (l.text.trim() === begin(plugin) ? [i] : []));
    const ends = lines.flatMap((l, i) => (l.text.trim() === end(plugin) ? [i] : []));
    if (starts.length > 1 || ends.length > 1 || starts.length !== ends.length || (starts[0] ?? 0) > (ends[0] ?? 0)) {
      throw new AiProjenError(`${file}:${(starts[1] ?? ends[1] ?? starts[0] ?? ends[0] ?? 0) + 1}: unbalanced or repeated "${begin(plugin)}" markers; fix them by hand`);
    }
    const before: Line[] = starts.length === 1 ? lines.slice(0, starts[0]) : lines;
    const after: Line[] = starts.length === 1 ? lines.slice(ends[0]! + 1) : [];
    const outside = [...before, ...after];
    const defined = new Set(outside.flatMap((l) => keyOf(l.text) ?? []));
    const missing: string[] = [];
    let comments: string[] = [];
    for (const line of ours.split('\n')) {
      if (line.startsWith('#') && !COMMENTED_KEY.test(line)) comments.push(line);
      else if (line.trim() === '') comments = [];
      else {
        const key = keyOf(line);
        if (key && !defined.has(key)) missing.push(...comments.filter((c) => !missing.includes(c)), line);
        comments = [];
      }
    }
    if (missing.length === 0) return outside;
    const block = toLines([begin(plugin), '# Settings the generated containers read that this file did not define (added by ai-projen).', ...missing, end(plugin)].join('\n'), eol);
    return starts.length === 1 ? [...before, ...block, ...after] : appendParagraph(before, block, eol);
  });
}

/** The project's own part of a .env.example: nothing when ai-projen wrote the whole file, else the file with
 * the lines of ai-projen's blocks blanked (line numbers kept, for evidence). Our output is never a fact. */
export function projectPart(text: string): string {
  if (isGenerated(text)) return '';
  let inBlock = false;
  return text.split('\n').map((line) => {
    if (/^# >>> ai-projen:[\w-]+ >>>$/.test(line.trim())) inBlock = true;
    const blank = inBlock;
    if (/^# <<< ai-projen:[\w-]+ <<<$/.test(line.trim())) inBlock = false;
    return blank ? '' : line;
  }).join('\n');
}
