// Sample projects for the specs. Tests never run generators inside test/fixtures: they copy a
// fixture into a fresh temp folder first (copyFixture) so nothing in the repo is ever modified.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Valid sample projects (each has at least one detectable app). */
export const FIXTURES = ['python-poetry', 'python-uv', 'python-requirements', 'ts-npm', 'ts-pnpm', 'fullstack'] as const;
/** Projects whose manifest is broken on purpose: detection must fail with file and line. */
export const MALFORMED_FIXTURES = ['malformed-package-json', 'malformed-pyproject'] as const;
/** A folder with nothing in it (git cannot store an empty folder, so it is created on demand). */
export const EMPTY_FIXTURE = 'empty';

export type FixtureName = (typeof FIXTURES)[number] | (typeof MALFORMED_FIXTURES)[number] | typeof EMPTY_FIXTURE;

/**
 * The repository's test/fixtures folder. Found by walking up from this module to the folder that has
 * both package.json and test/fixtures, so it works from test/helpers (tsx) and dist/test/helpers (tsc).
 */
function fixturesRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test', 'fixtures'))) return join(dir, 'test', 'fixtures');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('test/fixtures not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

const tempDirs: string[] = [];

function makeTempParent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ai-projen-'));
  tempDirs.push(dir);
  return dir;
}

let emptyFixture: string | undefined;

/** Absolute path of a fixture's source folder (read-only use). 'empty' is a shared empty temp folder. */
export function fixturePath(name: FixtureName | string): string {
  if (name === EMPTY_FIXTURE) {
    emptyFixture ??= (() => {
      const dir = join(makeTempParent(), EMPTY_FIXTURE);
      mkdirSync(dir);
      return dir;
    })();
    return emptyFixture;
  }
  const path = join(fixturesRoot(), name);
  if (!existsSync(path)) throw new Error(`unknown fixture: ${name}`);
  return path;
}

/** Copies a folder recursively; files named `gitignore` become `.gitignore` (npm pack drops .gitignore). */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const target = join(to, entry.name === 'gitignore' && entry.isFile() ? '.gitignore' : entry.name);
    if (entry.isDirectory()) copyTree(join(from, entry.name), target);
    else if (entry.isFile()) copyFileSync(join(from, entry.name), target);
  }
}

/**
 * Copies a fixture into a fresh temp folder and returns the project's path. The project folder keeps
 * the fixture's name (<tmp>/ai-projen-XXXX/<name>) so that a name derived from the folder is stable.
 */
export function copyFixture(name: FixtureName | string): string {
  const dir = join(makeTempParent(), name);
  if (name === EMPTY_FIXTURE) mkdirSync(dir);
  else copyTree(fixturePath(name), dir);
  return dir;
}

/**
 * A project written from a file map (path -> text) into a fresh temp folder named `name` (an app's name derives
 * from it); removed with removeFixture or cleanupFixtures.
 */
export function writeProject(files: Readonly<Record<string, string>>, name = 'project'): string {
  const dir = join(makeTempParent(), name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** Removes one copy made by copyFixture (its temp parent folder). */
export function removeFixture(dir: string): void {
  const parent = dirname(dir);
  const index = tempDirs.indexOf(parent);
  if (index < 0) return;
  tempDirs.splice(index, 1);
  rmSync(parent, { recursive: true, force: true });
  if (emptyFixture === dir) emptyFixture = undefined;
}

/**
 * Removes every temp folder created by this module. Mocha runs all spec files in one process, so
 * call it from a root-level after() (or use removeFixture for your own copies).
 */
export function cleanupFixtures(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  emptyFixture = undefined;
}
