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
import { blobId, inGitRepo, mergeThreeWay, readBlob, storeBlobs } from './three-way.js';

export type FileAction = 'create' | 'update' | 'identical' | 'skip' | 'conflict';

/** Why a file differs from what the run generates: the templates (or the generator) are newer than the last
 * run, the project changed (new inputs: its files, the answers), the user edited a generated file, or the file
 * is the project's own (ai-projen never wrote it). */
export type Drift = 'templates-newer' | 'inputs-changed' | 'edited' | 'not-ours';

export const DRIFT_LABELS: Record<Drift, string> = {
  'templates-newer': 'the templates are newer',
  'inputs-changed': 'the project changed (new inputs)',
  edited: 'you edited a generated file',
  'not-ours': 'already in the project',
};

export interface FileResult {
  path: string;
  action: FileAction;
  /** Why a file was skipped or is in conflict. */
  reason?: string;
  /** Why it differs (absent when identical). */
  drift?: Drift;
}

/** What a run does with a file the user edited when the templates changed it too. */
export const ON_CONFLICT = ['merge', 'skip', 'overwrite', 'abort'] as const;
export type OnConflict = (typeof ON_CONFLICT)[number];

export interface CommitMode {
  yes: boolean;
  force: boolean;
  dryRun: boolean;
  check: boolean;
  json: boolean;
  /** Unset: ask (interactive); with --yes, merge when it is clean, else keep yours. */
  onConflict?: OnConflict;
}

/** Shared by every generator of one environment run (the app and the sub-generators it composes). */
export interface RunState {
  profile?: ProjectProfile;
  /** Absolute paths written by owned-block merges: safe to apply without asking. */
  merged: Set<string>;
  /** Absolute paths of the project's files the answers say to replace (--dockerfile replace). */
  overwrite: Set<string>;
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
    state = { merged: new Set(), overwrite: new Set(), notes: [], diffs: [], shared: {}, committed: false };
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

/** Git blob ids of the whole files ai-projen wrote, kept in .yo-rc.json: a file that still has the id we
 * recorded was not edited by the user, so a re-run with new answers may update it; when it was edited, the
 * recorded text (from git) is the base of a 3-way merge. */
export interface GeneratedRecord {
  previous: Record<string, string>;
  save(next: Record<string, string>): void;
  /** Files a --yes run kept as they were (the project's own, or edited by the user), with the id of the
   * content kept: `--check` and later runs treat them as decided while that content stays. */
  kept?: { previous: Record<string, string>; save(next: Record<string, string>): void };
  /** What the last run and this one generated from (templates and generator; the project's inputs). */
  fingerprint?: { previous?: Fingerprint; next: Fingerprint; save(next: Fingerprint): void };
}

export interface Fingerprint {
  templates: string;
  inputs: string;
}

/** Records written before blob ids kept a 16-hex sha256 prefix: both still identify the text. */
const legacyHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);
export const recordsText = (id: string | undefined, text: string): boolean => id !== undefined && (id.length === 16 ? id === legacyHash(text) : id === blobId(text));

/** Pure: why a file that would change differs, from the records of the last run. */
export function driftOf(recorded: string | undefined, current: string | undefined, fingerprint: GeneratedRecord['fingerprint']): Drift {
  if (current !== undefined && recorded === undefined) return 'not-ours';
  if (current !== undefined && !recordsText(recorded, current)) return 'edited';
  const { previous, next } = fingerprint ?? {};
  if (!previous || !next || previous.templates !== next.templates) return 'templates-newer';
  return 'inputs-changed';
}

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
  const aborted: string[] = [];
  const markers: string[] = [];
  const bases: string[] = [];
  const git = inGitRepo(root);

  const plan = (file: PendingFile): void => {
    const rel = path.relative(root, file.path).split(path.sep).join('/');
    const next = file.contents!.toString('utf8');
    const current = existsSync(file.path) ? readFileSync(file.path, 'utf8') : undefined;
    const merged = state.merged.has(file.path);
    const recorded = generated?.previous[rel];
    let action = classify(current, next, merged, state.overwrite.has(file.path) ? { ...mode, force: true } : mode);
    if (action === 'conflict' && current !== undefined && recordsText(recorded, current)) action = 'update';
    const drift = action === 'identical' ? undefined : driftOf(merged ? undefined : recorded, merged ? undefined : current, generated?.fingerprint);
    const push = (result: FileResult) => results.push(drift && !merged ? { ...result, drift } : result);
    if (!merged && file.path !== yoRc && action !== 'conflict') {
      // The merge base of the next upgrade: stored unless this very text is already what the record names.
      if (recorded !== blobId(next)) bases.push(next);
      record[rel] = blobId(next);
    }
    const ours = recorded !== undefined;
    const reason = ours ? 'changed by you: kept; rerun with --force to overwrite' : 'already in the project (ai-projen never wrote it): kept; rerun with --force to replace it';
    // A file an earlier --yes run kept (or merged), still as it was: decided, not drift (unless this run is
    // told what to do with conflicts).
    if (action === 'conflict' && !mode.force && (mode.onConflict ?? 'skip') === 'skip' && current !== undefined && recordsText(kept[rel], current)) {
      file.conflicter = 'skip';
      push({ path: rel, action: 'skip', reason });
      return;
    }
    if (action !== 'conflict') delete kept[rel];
    if (action === 'conflict' && mode.onConflict === 'abort') aborted.push(rel);
    // Edited by you and changed by the templates: merge against the text the last run generated.
    const base = action === 'conflict' && ours && git && mode.onConflict !== 'skip' && mode.onConflict !== 'abort' && (mode.yes || mode.onConflict === 'merge') ? readBlob(root, recorded!) : undefined;
    if (base !== undefined && base !== next) {
      const result = mergeThreeWay(root, current!, base, next, rel);
      if (result && (result.conflicts === 0 || mode.onConflict === 'merge')) {
        if (!mode.dryRun && !mode.check) {
          file.contents = Buffer.from(result.text, 'utf8');
          file.conflicter = 'force';
          record[rel] = blobId(next);
          bases.push(next);
          // A clean merge is decided; one with markers is not until they are resolved.
          if (result.conflicts === 0) kept[rel] = blobId(result.text);
        } else file.conflicter = 'skip';
        if (mode.dryRun || mode.check) state.diffs.push(createTwoFilesPatch(`a/${rel}`, `b/${rel}`, current!, result.text));
        if (result.conflicts > 0) markers.push(rel);
        push(result.conflicts === 0
          ? { path: rel, action: 'update', reason: 'merged: your edits and the new templates' }
          : { path: rel, action: 'conflict', reason: `merged with ${result.conflicts} conflict(s): resolve the <<<<<<< markers, then rerun` });
        return;
      }
    }
    if (action !== 'identical' && (mode.dryRun || mode.check)) {
      state.diffs.push(createTwoFilesPatch(`a/${rel}`, `b/${rel}`, current ?? '', next));
    }
    if (mode.dryRun || mode.check || action === 'identical') {
      file.conflicter = 'skip';
    } else if (action === 'conflict') {
      conflicts += 1;
      // --yes (or --on-conflict skip) never overwrites a file the user changed; interactive runs get yeoman's prompt (with diff).
      if (mode.yes || mode.onConflict === 'skip') {
        file.conflicter = 'skip';
        kept[rel] = blobId(current!);
      }
    } else {
      file.conflicter = action === 'create' ? 'create' : 'force';
    }
    const keptNow = action === 'conflict' && (mode.yes || mode.onConflict === 'skip') && !mode.dryRun && !mode.check;
    // Reached with a base the templates changed only when the merge conflicted.
    const detail = base !== undefined && base !== next ? 'changed by you and by the templates: kept; --on-conflict merge writes the conflict markers, --force overwrites' : reason;
    push(keptNow ? { path: rel, action: 'skip', reason: detail } : { path: rel, action });
  };

  const files = pendingFiles();
  assertParsable(files, root);
  for (const file of files) if (file.path !== yoRc) plan(file);
  if (aborted.length > 0) {
    throw new AiProjenError(`--on-conflict abort: ${aborted.length} file(s) you changed would change too (${aborted.join(', ')}); nothing was written`);
  }
  if (generated && !mode.dryRun && !mode.check) {
    generated.save(sortKeys(record));
    generated.kept?.save(sortKeys(kept));
    generated.fingerprint?.save(generated.fingerprint.next);
    // The texts generated now are the merge bases of the next upgrade: keep them where git can find them.
    if (git) storeBlobs(root, bases);
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
  if (markers.length > 0 && !mode.dryRun && !mode.check) {
    throw new AiProjenError(`${markers.length} file(s) merged with conflicts (${markers.join(', ')}): resolve the <<<<<<< markers, then rerun`);
  }
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
