// One commit for the whole run (all composed generators): classify every pending mem-fs file,
// then either report (--dry-run / --check) or write through yeoman's conflicter.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createConflicterTransform } from '@yeoman/conflicter';
import { createTwoFilesPatch } from 'diff';
import { isFilePending } from 'mem-fs-editor/state';
import { createCommitTransform } from 'mem-fs-editor/transform';
import { parseDocument } from 'yaml';
import { AiProjenError } from './errors.js';
import type { ProjectProfile } from './profile.js';

export type FileAction = 'create' | 'update' | 'identical' | 'skip' | 'conflict';

export interface FileResult {
  path: string;
  action: FileAction;
  /** Why a file was skipped or is in conflict. */
  reason?: string;
}

export interface CommitMode {
  yes: boolean;
  force: boolean;
  dryRun: boolean;
  check: boolean;
  json: boolean;
}

/** Shared by every generator of one environment run (the app and the sub-generators it composes). */
export interface RunState {
  profile?: ProjectProfile;
  /** Absolute paths written by owned-block merges: safe to apply without asking. */
  merged: Set<string>;
  /** Human notes collected during the run (e.g. a user Makefile target that shadows ours). */
  notes: string[];
  results?: FileResult[];
  /** Unified diffs of the changes (filled for --dry-run). */
  diffs: string[];
  /** Answers resolved so far in this run: shared questions are asked once for all generators. */
  shared: Record<string, unknown>;
  committed: boolean;
}

const states = new WeakMap<object, RunState>();

export function runState(env: object): RunState {
  let state = states.get(env);
  if (!state) {
    state = { merged: new Set(), notes: [], diffs: [], shared: {}, committed: false };
    states.set(env, state);
  }
  return state;
}

interface PendingFile {
  path: string;
  contents: Buffer | null;
  conflicter?: string;
  state?: string;
}

interface CommitEnv {
  sharedFs: {
    all(): PendingFile[];
    pipeline(options: { filter: (file: PendingFile) => boolean }, ...transforms: unknown[]): Promise<void>;
  };
  adapter: unknown;
}

/** Pure: what committing `next` over the file currently on disk (`current`, undefined if absent) means. */
export function classify(current: string | undefined, next: string, merged: boolean, mode: CommitMode): FileResult['action'] {
  if (current === undefined) return 'create';
  if (current === next) return 'identical';
  if (merged || mode.force) return 'update';
  return 'conflict';
}

/** Content hashes of the whole files ai-projen wrote, kept in .yo-rc.json: a file that still has the
 * hash we recorded was not edited by the user, so a re-run with new answers may update it. */
export interface GeneratedRecord {
  previous: Record<string, string>;
  save(next: Record<string, string>): void;
  /** Files a --yes run kept as they were (the project's own, or edited by the user), with the hash of the
   * content kept: `--check` and later runs treat them as decided while that content stays. */
  kept?: { previous: Record<string, string>; save(next: Record<string, string>): void };
}

export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

export async function commitRun(
  env: CommitEnv,
  root: string,
  mode: CommitMode,
  print: (text: string) => void,
  generated?: GeneratedRecord,
): Promise<RunState> {
  const state = runState(env);
  if (state.committed) return state;
  state.committed = true;
  const yoRc = path.join(root, '.yo-rc.json');
  const pendingFiles = (): PendingFile[] =>
    env.sharedFs.all().filter((file) => isFilePending(file as never) && file.contents !== null);
  const results: FileResult[] = [];
  const record: Record<string, string> = { ...generated?.previous };
  const kept: Record<string, string> = { ...generated?.kept?.previous };
  let conflicts = 0;

  const plan = (file: PendingFile): void => {
    const rel = path.relative(root, file.path).split(path.sep).join('/');
    const next = file.contents!.toString('utf8');
    const current = existsSync(file.path) ? readFileSync(file.path, 'utf8') : undefined;
    const merged = state.merged.has(file.path);
    let action = classify(current, next, merged, mode);
    if (action === 'conflict' && current !== undefined && generated?.previous[rel] === contentHash(current)) action = 'update';
    if (!merged && file.path !== yoRc && action !== 'conflict') record[rel] = contentHash(next);
    // A file an earlier --yes run kept, still as it was kept: decided, not drift.
    const ours = generated?.previous[rel] !== undefined;
    const reason = ours ? 'changed by you: kept; rerun with --force to overwrite' : 'already in the project (ai-projen never wrote it): kept; rerun with --force to replace it';
    if (action === 'conflict' && !mode.force && current !== undefined && kept[rel] === contentHash(current)) {
      file.conflicter = 'skip';
      results.push({ path: rel, action: 'skip', reason });
      return;
    }
    if (action !== 'conflict') delete kept[rel];
    if (action !== 'identical' && (mode.dryRun || mode.check)) {
      state.diffs.push(createTwoFilesPatch(`a/${rel}`, `b/${rel}`, current ?? '', next));
    }
    if (mode.dryRun || mode.check || action === 'identical') {
      file.conflicter = 'skip';
    } else if (action === 'conflict') {
      conflicts += 1;
      // --yes never overwrites a file the user changed; interactive runs get yeoman's prompt (with diff).
      if (mode.yes) {
        file.conflicter = 'skip';
        kept[rel] = contentHash(current!);
      }
    } else {
      file.conflicter = action === 'create' ? 'create' : 'force';
    }
    results.push(action === 'conflict' && mode.yes && !mode.dryRun && !mode.check ? { path: rel, action: 'skip', reason } : { path: rel, action });
  };

  const files = pendingFiles();
  assertParsable(files, root);
  for (const file of files) if (file.path !== yoRc) plan(file);
  if (generated && !mode.dryRun && !mode.check) {
    generated.save(sortKeys(record));
    generated.kept?.save(sortKeys(kept));
  }
  // .yo-rc.json last: the record above may have just changed it.
  const config = pendingFiles().find((file) => file.path === yoRc);
  if (config) plan(config);

  if (!mode.dryRun && !mode.check) assertWritable(pendingFiles().filter((file) => file.conflicter !== 'skip'), root);
  results.sort((a, b) => a.path.localeCompare(b.path));
  state.results = results;
  if (!mode.json && mode.dryRun) for (const diff of state.diffs) print(diff);
  if (!mode.json && conflicts && mode.yes && !mode.check && !mode.dryRun) print(`${conflicts} file(s) of yours were kept (recorded in .yo-rc.json, so --check accepts them); rerun with --force to overwrite them.`);
  await env.sharedFs.pipeline(
    { filter: (file) => isFilePending(file as never) },
    createConflicterTransform(env.adapter as never, { cwd: root }),
    createCommitTransform(),
  );
  return state;
}

const sortKeys = (record: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

/** Checked before the first write, so a read-only file cannot leave the project half-updated. The owner's
 * write bit is checked (not access(2)): root may write anything, yet a file marked read-only is a decision. */
function assertWritable(files: PendingFile[], root: string): void {
  for (const file of files) {
    if (existsSync(file.path) && (statSync(file.path).mode & 0o200) === 0) {
      throw new AiProjenError('file is read-only; nothing was written (make it writable or skip this plugin)', path.relative(root, file.path));
    }
  }
}

/** Rendered YAML and JSON must parse before anything is written: a broken template aborts the run. */
function assertParsable(files: PendingFile[], root: string): void {
  for (const file of files) {
    const rel = path.relative(root, file.path);
    const text = file.contents!.toString('utf8');
    if (/\.ya?ml$/.test(file.path)) {
      const doc = parseDocument(text);
      const [error] = doc.errors;
      if (error) throw new AiProjenError(`generated YAML does not parse: ${error.message}`, rel, error.linePos?.[0].line);
    } else if (file.path.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch (error) {
        throw new AiProjenError(`generated JSON does not parse: ${(error as Error).message}`, rel);
      }
    }
  }
}

/** Files a run would change: what --check reports. */
export const changedFiles = (results: FileResult[]): FileResult[] =>
  results.filter((result) => result.action === 'create' || result.action === 'update' || result.action === 'conflict');
