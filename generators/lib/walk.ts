// Bounded, read-only directory walk used by detection.
//
// The walk must stay cheap on real projects: a checkout with a populated node_modules/.venv/.git can
// hold hundreds of thousands of files, so pruned folders are recognised by name (or by the root
// .gitignore) BEFORE they are read; their size never matters.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders read: the root (depth 0) and folders up to this many levels below it. */
export const MAX_DEPTH = 3;

/** Folders never entered, whatever the .gitignore says: dependencies, build output, caches. */
export const PRUNED_DIRS: ReadonlySet<string> = new Set([
  'node_modules', '.git', '.venv', 'venv', 'dist', 'build', '.terraform', 'target', '__pycache__',
  '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.next', '.nuxt', '.svelte-kit', 'coverage',
]);

/** Dot-folders are tool state (editors, caches), except the ones that hold project infrastructure:
 * workflows, and the per-service Dockerfiles of the Docker plugin. */
const ENTERED_DOT_DIRS: ReadonlySet<string> = new Set(['.github', '.docker']);

export interface WalkedDir {
  /** POSIX path relative to the root, '.' for the root itself. */
  path: string;
  depth: number;
  /** Names of the non-directory entries (files, symlinks). */
  files: string[];
  /** Names of the sub-folders that were (or, at the depth limit, would have been) entered. */
  dirs: string[];
}

export type IgnoreMatcher = (relPath: string, isDir: boolean) => boolean;

interface IgnoreRule {
  negate: boolean;
  dirOnly: boolean;
  regex: RegExp;
}

/** Translates one gitignore glob to a regex over a POSIX relative path. */
function globToRegex(glob: string, anchored: boolean): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // '**/' matches zero or more folders; a trailing '**' matches everything below.
      if (glob[i + 2] === '/') { out += '(?:.*/)?'; i += 2; } else { out += '.*'; i += 1; }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end > i) { out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`; i = end; } else out += '\\[';
    } else if (c === '\\' && i + 1 < glob.length) { out += `\\${glob[i + 1]}`; i += 1; }
    else out += /[.+^${}()|\]\\/]/.test(c) ? `\\${c}` : c;
  }
  // Unanchored patterns (no slash) match a name at any level.
  return new RegExp(anchored ? `^${out}$` : `(?:^|/)${out}$`);
}

function parseRule(raw: string): IgnoreRule | undefined {
  let line = raw.replace(/\r$/, '');
  if (!line.trim() || line.startsWith('#')) return undefined;
  line = line.replace(/(?<!\\)\s+$/, '');
  const negate = line.startsWith('!');
  if (negate) line = line.slice(1);
  const dirOnly = line.endsWith('/');
  if (dirOnly) line = line.replace(/\/+$/, '');
  // A slash at the start or in the middle anchors the pattern to the .gitignore's folder.
  const anchored = line.includes('/');
  line = line.replace(/^\//, '');
  if (!line) return undefined;
  return { negate, dirOnly, regex: globToRegex(line, anchored) };
}

/** A small .gitignore matcher: names, `dir/`, `/anchored`, `*.ext`, `dir/*`, `**`, `!negation` (last match wins). */
export function compileGitignore(text: string): IgnoreMatcher {
  const rules = text.split('\n').map(parseRule).filter((r): r is IgnoreRule => r !== undefined);
  return (relPath, isDir) => {
    let ignored = false;
    for (const rule of rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.regex.test(relPath)) ignored = !rule.negate;
    }
    return ignored;
  };
}

function readRootGitignore(root: string): IgnoreMatcher {
  try {
    return compileGitignore(readFileSync(join(root, '.gitignore'), 'utf8'));
  } catch {
    return () => false;
  }
}

function readEntries(abs: string) {
  try {
    return readdirSync(abs, { withFileTypes: true });
  } catch {
    // An unreadable folder (permissions, a race with a deletion) is simply not part of the picture.
    return [];
  }
}

const isEnteredDir = (name: string) => !PRUNED_DIRS.has(name) && (!name.startsWith('.') || ENTERED_DOT_DIRS.has(name));

/**
 * Lists the folders of `root` breadth-first, up to MAX_DEPTH levels below it. Pruned and
 * .gitignore'd folders are never read; .gitignore'd files are left out.
 */
export function walk(root: string, maxDepth = MAX_DEPTH): WalkedDir[] {
  const ignored = readRootGitignore(root);
  const result: WalkedDir[] = [];
  const queue: Array<{ path: string; depth: number }> = [{ path: '.', depth: 0 }];
  while (queue.length > 0) {
    const { path, depth } = queue.shift()!;
    const dir: WalkedDir = { path, depth, files: [], dirs: [] };
    const entries = readEntries(path === '.' ? root : join(root, path));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = path === '.' ? entry.name : `${path}/${entry.name}`;
      const isDir = entry.isDirectory();
      if (ignored(rel, isDir)) continue;
      if (!isDir) dir.files.push(entry.name);
      else if (isEnteredDir(entry.name)) {
        dir.dirs.push(entry.name);
        if (depth < maxDepth) queue.push({ path: rel, depth: depth + 1 });
      }
    }
    result.push(dir);
  }
  return result;
}
