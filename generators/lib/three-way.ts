// Upgrades that merge: the last text ai-projen generated for a file is its merge base. .yo-rc.json keeps the
// file's git blob id (not the text): git holds the content, committed with the project or written into its
// object store when generated. A user's edits and the templates' improvements then merge like a rebase.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** git's blob id of a text (`git hash-object`): sha1 of `blob <bytes>\0<content>`. */
export function blobId(text: string): string {
  const content = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

const git = (cwd: string, args: string[], input?: string) =>
  spawnSync('git', args, { cwd, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });

/** Whether `root` is inside a git work tree (the only place a base can be kept). */
export function inGitRepo(root: string): boolean {
  const result = git(root, ['rev-parse', '--is-inside-work-tree']);
  return result.status === 0 && result.stdout.trim() === 'true';
}

/** Keeps texts in the repository's object store, so they can be merge bases even before they are committed
 * (one git call; --no-filters: the id is of the text itself, whatever the line-ending settings). */
export function storeBlobs(root: string, texts: readonly string[]): void {
  if (texts.length === 0) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'ai-projen-blobs-'));
  try {
    const files = texts.map((text, i) => {
      const file = path.join(dir, String(i));
      writeFileSync(file, text);
      return file;
    });
    git(root, ['hash-object', '-w', '--no-filters', '--', ...files]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a blob, when the repository has it. */
export function readBlob(root: string, id: string): string | undefined {
  if (!/^[0-9a-f]{40}$/.test(id)) return undefined;
  const result = git(root, ['cat-file', 'blob', id]);
  return result.status === 0 ? result.stdout : undefined;
}

export interface MergeResult {
  text: string;
  /** Conflicting hunks (0: merged cleanly); they are marked with git's standard markers. */
  conflicts: number;
}

/** 3-way merge of the user's file and the new generation against the last generation (`git merge-file`). */
export function mergeThreeWay(root: string, yours: string, base: string, ours: string, file: string): MergeResult | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'ai-projen-merge-'));
  try {
    const paths = ['yours', 'base', 'ours'].map((name) => path.join(dir, name));
    [yours, base, ours].forEach((text, i) => writeFileSync(paths[i]!, text));
    const result = git(root, ['merge-file', '-p', '-L', `${file} (yours)`, '-L', `${file} (last generated)`, '-L', `${file} (ai-projen)`, ...paths]);
    if (result.error || result.status === null || result.status < 0 || result.status > 127) return undefined;
    return { text: result.stdout, conflicts: result.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
