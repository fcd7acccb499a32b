// Facts git keeps about the project, read from its files (no git process), at the project root only: the
// default branch CI triggers on and deploys from, and whether a file is tracked (committed on purpose).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT, fact, type Fact } from './plan/evidence.js';

const TRUNKS = ['main', 'master', 'trunk', 'develop'];

/** The git directory of the project root: `.git/`, or the folder a `.git` file (worktree, submodule) points at. */
function gitDir(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  if (!existsSync(dotGit)) return undefined;
  if (statSync(dotGit).isDirectory()) return dotGit;
  const target = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  return target ? path.resolve(root, target) : undefined;
}

const symref = (file: string, prefix: string): string | undefined => {
  if (!existsSync(file)) return undefined;
  const ref = /^ref:\s*(\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
  return ref?.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
};

/**
 * Whether git tracks `file` (project-relative, POSIX): its path is an entry of the index. Index versions 2 and 3
 * store each path whole after the entry's flags, whose low 12 bits are the path's length.
 */
export function isTracked(root: string, file: string): boolean {
  const git = gitDir(root);
  const index = git ? path.join(git, 'index') : undefined;
  if (!index || !existsSync(index)) return false;
  const data = readFileSync(index);
  if (data.toString('latin1', 0, 4) !== 'DIRC') return false;
  const name = Buffer.from(`${file}\0`, 'utf8');
  for (let at = data.indexOf(name); at >= 2; at = data.indexOf(name, at + 1)) {
    if ((data.readUInt16BE(at - 2) & 0x0fff) === name.length - 1) return true;
  }
  return false;
}

/** The repository's default branch: the remote's HEAD, else the branch the project's own workflows run on
 * (`declared`, project-workflows.ts), else the checked-out branch when it is a usual trunk name, else main. */
export function defaultBranch(root: string, declared?: Fact<string>): Fact<string> {
  const git = gitDir(root);
  const remote = git ? symref(path.join(git, 'refs/remotes/origin/HEAD'), 'refs/remotes/origin/') : undefined;
  if (remote) return fact(remote, '.git/refs/remotes/origin/HEAD (the remote\'s default branch)');
  if (declared) return declared;
  const head = git ? symref(path.join(git, 'HEAD'), 'refs/heads/') : undefined;
  if (head && TRUNKS.includes(head)) return fact(head, '.git/HEAD (the checked-out branch)');
  return fact('main', DEFAULT);
}
