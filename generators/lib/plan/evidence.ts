// A fact of the plan and where it comes from: `file:line` of the project, an option, a framework's
// convention, or `default` when nothing said anything. The plan never states a value without one.
import { lineOfOffset } from '../detect-shared.js';

export type Evidence = string;

export interface Fact<T> {
  value: T;
  from: Evidence;
}

export const fact = <T>(value: T, from: Evidence): Fact<T> => ({ value, from });

export const DEFAULT: Evidence = 'default';

/** `file:line` of a character offset of the file's text. */
export const at = (file: string, text: string, offset: number): Evidence => `${file}:${lineOfOffset(text, offset)}`;

export const option = (name: string): Evidence => `option --${name}`;

export const convention = (what: string): Evidence => `convention: ${what}`;

/** Reads project files for the plan: the plan is pure over what a reader returns. */
export interface SourceReader {
  /** Text of a project-relative file, undefined when absent. */
  read(rel: string): string | undefined;
  /** Files below a project-relative folder (relative to it), bounded in depth and count, pruned like detection's walk. */
  list(dir: string, depth: number): string[];
}

/**
 * Evidence read inside an app folder names files relative to it; the plan speaks of project-relative files.
 * Rewrites every `from` of the plan whose file is one of the app's `files` (a new object; pure).
 */
export function anchorEvidence<T>(plan: T, appPath: string, files: ReadonlySet<string>): T {
  if (appPath === '.') return plan;
  const anchor = (from: string): string => {
    const file = /^([^\s:]+)(?=:\d|\s|$)/.exec(from)?.[1];
    return file && files.has(file) ? `${appPath}/${from}` : from;
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'from' && typeof item === 'string' ? anchor(item) : walk(item)]));
    }
    return value;
  };
  return walk(plan) as T;
}
