// Project / service names and user-given install paths. Names end up in shell commands, workflow
// expressions, Terraform and AWS resource names, so anything that smells of injection is rejected rather
// than "cleaned" (cleaning would hide a hostile or broken input); harmless variation (case, spaces, '_',
// '.') is normalised to the lowercase-hyphenated form ECR / ECS / DNS labels accept.
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { AiProjenError } from './errors.js';

export const MAX_NAME_LENGTH = 32;
const LOWER_HYPHENATED = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
// Quotes, command substitution, `${{ }}` expressions, shell operators, backslash, any control character.
const HOSTILE = /["'`;|&<>\\$]|[\u0000-\u001f\u007f]/;

export const isLowerHyphenated = (s: string): boolean => LOWER_HYPHENATED.test(s);

/** Lowercase-hyphenated: [a-z0-9-], no repeated/leading/trailing hyphen, at most 32 characters. */
export function normalizeName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // "Café" -> "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/-+$/, '');
}

/** The normalised name, or an AiProjenError when the input is hostile or nothing usable remains. */
export function validateProjectName(raw: string): string {
  const fail = (why: string): never => {
    throw new AiProjenError(`invalid project name ${JSON.stringify(raw)}: ${why}`);
  };
  const bad = HOSTILE.exec(raw);
  if (bad) fail(`it contains ${JSON.stringify(bad[0])} (quotes, $, backticks, shell operators, backslashes and control characters are not allowed)`);
  const name = normalizeName(raw);
  if (name === '') fail('use letters, digits and hyphens');
  if (!/^[a-z]/.test(name)) fail(`it must start with a letter (normalised: "${name}")`);
  return name;
}

/**
 * A user-given install path relative to the project root, as a normalised POSIX relative path ('.' for the
 * root). Absolute paths, drive letters, '~', NUL and anything escaping the root via '..' are rejected.
 */
export function assertInsideProject(root: string, relPath: string): string {
  const fail = (why: string): never => {
    throw new AiProjenError(`invalid path ${JSON.stringify(relPath)}: ${why}`);
  };
  if (relPath.includes('\0')) fail('it contains a NUL character');
  const p = relPath.trim().replace(/\\/g, '/'); // a Windows separator must not smuggle '..' past us
  if (path.posix.isAbsolute(p) || /^[A-Za-z]:/.test(p)) fail('it must be relative to the project root');
  if (p === '~' || p.startsWith('~/')) fail("'~' is not expanded: give a path relative to the project root");
  const normal = path.posix.normalize(p === '' ? '.' : p).replace(/\/+$/, '') || '.';
  if (normal === '..' || normal.startsWith('../')) fail('it points outside the project root');
  const rel = path.relative(path.resolve(root), path.resolve(root, normal));
  if (escapes(rel)) fail('it points outside the project root');
  return normal;
}

/**
 * Symlink check (reads the file system, never writes): the real path of `absPath` — through its nearest
 * existing ancestor, as the target itself may not exist yet — must stay inside the real project root.
 * Returns that real path.
 */
export function assertRealPathInside(root: string, absPath: string): string {
  const realRoot = realpathSync(root);
  let existing = path.resolve(absPath);
  const rest: string[] = [];
  while (!exists(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  let real: string;
  try {
    real = path.join(realpathSync(existing), ...rest);
  } catch {
    throw new AiProjenError(`${existing} is a dangling symbolic link`, absPath);
  }
  const rel = path.relative(realRoot, real);
  if (escapes(rel)) {
    throw new AiProjenError(`resolves to ${real}, outside the project root ${realRoot} (symbolic link?)`, absPath);
  }
  return real;
}

const escapes = (rel: string): boolean => rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);

// lstat, not exists: a dangling symlink "exists" here, so realpath reports it instead of us walking past it.
function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

