// Detection of one Python app folder: package manager, Python version, dependencies, framework,
// tools, importable package and backing services. Read-only.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PythonApp, PythonFramework, PythonPackageManager } from './profile.js';
import { DEV_GROUP, isDevRequirementsFile, PYTHON_LOCKS, PYTHON_TOOL_NAMES as PYTHON_TOOLS, PYTHON_TOOLCHAINS } from './toolchains/python/index.js';
import type { WalkedDir } from './walk.js';
import {
  ancestry, asString, asStringArray, asTable, lowerBound, ordered, readText, readTomlManifest, relJoin, uniqueSorted,
  type Table,
} from './detect-shared.js';

export const DEFAULT_PYTHON_VERSION = '3.12';

const LOCKS = PYTHON_LOCKS;
const REQUIREMENTS_FILE = /^requirements.*\.txt$/;
const NOT_A_PACKAGE = new Set(['tests', 'test', 'docs', 'doc', 'scripts', 'examples', 'migrations', 'alembic', 'build', 'dist']);

/** One declared requirement: its PEP 503 normalised name and requested extras. */
export interface Requirement {
  name: string;
  extras: string[];
  dev: boolean;
}

/** PEP 503: lowercase, runs of '-', '_' and '.' become one '-'. */
export const normalisePackageName = (name: string): string => name.trim().toLowerCase().replace(/[-_.]+/g, '-');

/** Reads a PEP 508 requirement ('psycopg[binary]>=3 ; python_version>"3.8"') or undefined for non-requirements. */
export function parseRequirement(line: string, dev: boolean): Requirement | undefined {
  const text = line.replace(/(^|\s)#.*$/, '').trim();
  if (!text || text.startsWith('-')) return undefined;
  // A bare VCS/URL line carries its name in #egg=.
  if (/^[a-z+]+:\/\//i.test(text)) {
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(line);
    return egg ? { name: normalisePackageName(egg[1]!), extras: [], dev } : undefined;
  }
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?/.exec(text);
  if (!match) return undefined;
  const extras = (match[2] ?? '').split(',').map((e) => normalisePackageName(e)).filter(Boolean);
  return { name: normalisePackageName(match[1]!), extras, dev };
}

/** Poetry / Pipfile style tables: name -> "version" | { version, extras } | [constraints]. */
function tableRequirements(table: Table | undefined, dev: boolean): Requirement[] {
  if (!table) return [];
  return Object.entries(table)
    .filter(([name]) => name.toLowerCase() !== 'python')
    .map(([name, spec]) => ({
      name: normalisePackageName(name),
      extras: asStringArray(asTable(spec)?.extras).map(normalisePackageName),
      dev,
    }));
}

const listRequirements = (list: unknown, dev: boolean): Requirement[] =>
  asStringArray(list).flatMap((line) => parseRequirement(line, dev) ?? []);

function groupsRequirements(groups: Table | undefined, isDev: (group: string) => boolean): Requirement[] {
  return Object.entries(groups ?? {}).flatMap(([group, list]) => listRequirements(list, isDev(group)));
}

/** Every requirement a pyproject.toml declares, across PEP 621/735, Poetry, uv, PDM and Hatch tables. */
export function pyprojectRequirements(pyproject: Table): Requirement[] {
  const project = asTable(pyproject.project);
  const tool = asTable(pyproject.tool);
  const poetry = asTable(tool?.poetry);
  const poetryGroups = Object.entries(asTable(poetry?.group) ?? {}).flatMap(([group, spec]) =>
    tableRequirements(asTable(asTable(spec)?.dependencies), group !== 'main'));
  const hatchEnvs = Object.values(asTable(asTable(asTable(tool?.hatch)?.envs)) ?? {}).flatMap((env) =>
    listRequirements(asTable(env)?.dependencies, true).concat(listRequirements(asTable(env)?.['extra-dependencies'], true)));
  return [
    ...listRequirements(project?.dependencies, false),
    ...groupsRequirements(asTable(project?.['optional-dependencies']), (group) => DEV_GROUP.test(group)),
    ...groupsRequirements(asTable(pyproject['dependency-groups']), () => true),
    ...tableRequirements(asTable(poetry?.dependencies), false),
    ...tableRequirements(asTable(poetry?.['dev-dependencies']), true),
    ...poetryGroups,
    ...listRequirements(asTable(tool?.uv)?.['dev-dependencies'], true),
    ...groupsRequirements(asTable(asTable(tool?.pdm)?.['dev-dependencies']), () => true),
    ...hatchEnvs,
  ];
}

export function requirementsFileRequirements(text: string, file: string): Requirement[] {
  const dev = isDevRequirementsFile(file);
  return text.split('\n').flatMap((line) => parseRequirement(line, dev) ?? []);
}

/** install_requires=[...] from a setup.py, read with a regex: setup.py is code and is never executed. */
export function setupPyRequirements(text: string): Requirement[] {
  const block = /install_requires\s*=\s*\[([\s\S]*?)\]/.exec(text);
  if (!block) return [];
  return [...block[1]!.matchAll(/["']([^"']+)["']/g)].flatMap((m) => parseRequirement(m[1]!, false) ?? []);
}

/** major.minor from a .python-version file ('3.11.9', 'pypy3.10', '3.13t'); the first usable line wins. */
export function parsePythonVersionFile(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const match = /(\d+)\.(\d+)/.exec(line.replace(/#.*$/, ''));
    if (match) return `${match[1]}.${match[2]}`;
  }
  return undefined;
}

/** major.minor lower bound of a requires-python / Poetry python constraint ('>=3.11', '^3.12', '~=3.10'). */
export function parsePythonRequirement(spec: string): string | undefined {
  const bound = lowerBound(spec);
  return bound && bound.minor !== undefined ? `${bound.major}.${bound.minor}` : undefined;
}

/** Which manager drives the app. Lock files are the strongest evidence (they show what is actually run). */
export function pythonPackageManager(files: ReadonlySet<string>, pyproject: Table | undefined, inheritedLock?: string): PythonPackageManager {
  const tool = asTable(pyproject?.tool) ?? {};
  for (const [lock, manager] of LOCKS) if (files.has(lock)) return manager;
  if (tool.poetry) return 'poetry';
  if (tool.uv) return 'uv';
  if (tool.pdm) return 'pdm';
  if (tool.hatch) return 'hatch';
  if (files.has('Pipfile')) return 'pipenv';
  // A workspace member uses the manager of the workspace's lock file.
  const inherited = LOCKS.find(([lock]) => lock === inheritedLock);
  return inherited ? inherited[1] : 'pip';
}


function lockFileFor(manager: PythonPackageManager, files: ReadonlySet<string>): string | undefined {
  const lock = PYTHON_TOOLCHAINS[manager].lockFile;
  return lock && files.has(lock) ? lock : undefined;
}

function pythonFramework(deps: ReadonlySet<string>): PythonFramework | undefined {
  return (['fastapi', 'django', 'flask'] as const).find((f) => deps.has(f));
}

/** Tools from dependencies, pyproject [tool.*] sections and the tools' own config files. */
function pythonTools(deps: ReadonlySet<string>, pyproject: Table | undefined, files: ReadonlySet<string>, iniText: string): string[] {
  const found = new Set<string>(PYTHON_TOOLS.filter((t) => deps.has(t)));
  if ([...deps].some((d) => d.startsWith('pytest-'))) found.add('pytest');
  const tool = asTable(pyproject?.tool) ?? {};
  for (const name of PYTHON_TOOLS) if (tool[name] !== undefined) found.add(name);
  const configFiles: Record<string, string> = {
    'ruff.toml': 'ruff', '.ruff.toml': 'ruff', 'mypy.ini': 'mypy', '.mypy.ini': 'mypy', 'pytest.ini': 'pytest',
    '.flake8': 'flake8', '.pylintrc': 'pylint', pylintrc: 'pylint', '.isort.cfg': 'isort',
  };
  for (const [file, name] of Object.entries(configFiles)) if (files.has(file)) found.add(name);
  // setup.cfg / tox.ini sections.
  const sections: Record<string, string> = { flake8: 'flake8', mypy: 'mypy', 'tool:pytest': 'pytest', pytest: 'pytest', isort: 'isort' };
  for (const [section, name] of Object.entries(sections)) if (iniText.includes(`[${section}]`)) found.add(name);
  return ordered(found, [...PYTHON_TOOLS]);
}

function subdirs(absDir: string): string[] {
  try {
    return readdirSync(absDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/**
 * The importable top-level package: src/<pkg>/__init__.py first (src layout), then <pkg>/__init__.py
 * at the app root. A package named like the project is preferred over other candidates.
 */
export function findPythonPackage(absApp: string, projectName?: string): { packageName?: string; srcLayout: boolean } {
  const preferred = projectName ? projectName.toLowerCase().replace(/-/g, '_') : undefined;
  const pick = (base: string) => {
    const candidates = subdirs(base).filter((d) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(d) && !NOT_A_PACKAGE.has(d) && existsSync(join(base, d, '__init__.py')));
    return candidates.find((c) => c === preferred) ?? candidates[0];
  };
  const inSrc = pick(join(absApp, 'src'));
  if (inSrc) return { packageName: inSrc, srcLayout: true };
  return { packageName: pick(absApp), srcLayout: false };
}

function pythonVersion(root: string, dir: string, pyproject: Table | undefined, pipfile: Table | undefined): Pick<PythonApp, 'pythonVersion' | 'pythonVersionSource'> {
  for (const level of ancestry(dir)) {
    const text = readText(root, relJoin(level, '.python-version'));
    const version = text === undefined ? undefined : parsePythonVersionFile(text);
    if (version) return { pythonVersion: version, pythonVersionSource: '.python-version' };
  }
  const requires = pipfile ? asTable(pipfile.requires) : undefined;
  const specs = [
    asString(asTable(pyproject?.project)?.['requires-python']),
    asString(asTable(asTable(asTable(pyproject?.tool)?.poetry)?.dependencies)?.python),
    asString(requires?.python_version),
    asString(requires?.python_full_version),
  ];
  for (const spec of specs) {
    const version = spec === undefined ? undefined : parsePythonRequirement(spec);
    if (version) return { pythonVersion: version, pythonVersionSource: 'requires-python' };
  }
  return { pythonVersion: DEFAULT_PYTHON_VERSION, pythonVersionSource: 'default' };
}

/** True when the folder holds something that declares a Python project (a requirements/ folder counts). */
export function hasPythonManifest(root: string, dir: WalkedDir): boolean {
  return dir.files.some((f) => f === 'pyproject.toml' || f === 'setup.py' || f === 'Pipfile' || REQUIREMENTS_FILE.test(f))
    || requirementsDirFiles(root, dir).length > 0;
}

/** requirements/*.txt (the split-requirements convention), relative to the app folder. */
function requirementsDirFiles(root: string, dir: WalkedDir): string[] {
  return dir.dirs.includes('requirements') ? readdirTxt(join(root, dir.path, 'requirements')).map((f) => `requirements/${f}`) : [];
}

export interface PythonDetection {
  app: PythonApp;
  /** Name declared by the manifest ([project].name or [tool.poetry].name). */
  declaredName?: string;
  /**
   * The manifest only configures tools or a workspace (no [project]/[tool.poetry], or a uv workspace
   * root with no dependencies and no package): it is not an app when sub-folder apps exist.
   */
  orchestrationOnly: boolean;
}

/** Detects the Python app in `dir`, or undefined when the folder has no Python manifest. */
export function detectPythonApp(root: string, dir: WalkedDir): PythonDetection | undefined {
  if (!hasPythonManifest(root, dir)) return undefined;
  const files = new Set(dir.files);
  const at = (name: string) => relJoin(dir.path, name);
  const pyproject = files.has('pyproject.toml') ? readTomlManifest(root, at('pyproject.toml')) : undefined;
  const pipfile = files.has('Pipfile') ? readTomlManifest(root, at('Pipfile')) : undefined;
  const absApp = join(root, dir.path);

  const requirementFiles = [...dir.files.filter((f) => REQUIREMENTS_FILE.test(f)).sort(), ...requirementsDirFiles(root, dir)];
  const setupPy = files.has('setup.py') ? readText(root, at('setup.py')) ?? '' : '';
  const reqs: Requirement[] = [
    ...(pyproject ? pyprojectRequirements(pyproject) : []),
    ...tableRequirements(asTable(pipfile?.packages), false),
    ...tableRequirements(asTable(pipfile?.['dev-packages']), true),
    ...requirementFiles.flatMap((f) => requirementsFileRequirements(readText(root, at(f)) ?? '', f)),
    ...setupPyRequirements(setupPy),
  ];
  const deps = new Set(reqs.map((r) => r.name));
  // A name is a dev dependency only when nothing declares it for runtime.
  const runtime = new Set(reqs.filter((r) => !r.dev).map((r) => r.name));

  const inheritedLock = dir.path === '.' ? undefined : ancestry(dir.path).slice(1)
    .flatMap((level) => LOCKS.map(([lock]) => lock).filter((lock) => existsSync(join(root, level, lock))))[0];
  const packageManager = pythonPackageManager(files, pyproject, inheritedLock);
  const lockFile = lockFileFor(packageManager, files);
  const project = asTable(pyproject?.project);
  const poetry = asTable(asTable(pyproject?.tool)?.poetry);
  const declaredName = asString(project?.name) ?? asString(poetry?.name);
  const { packageName, srcLayout } = findPythonPackage(absApp, declaredName);
  const framework = pythonFramework(deps);
  const iniText = ['setup.cfg', 'tox.ini'].filter((f) => files.has(f)).map((f) => readText(root, at(f)) ?? '').join('\n');

  const manifestFiles = [
    ...['pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile'].filter((f) => files.has(f)),
    ...requirementFiles,
    ...(lockFile ? [lockFile] : []),
  ];
  const declaresProject = project !== undefined || poetry !== undefined || requirementFiles.length > 0 || files.has('Pipfile') || files.has('setup.py');
  const uvWorkspace = asTable(asTable(asTable(pyproject?.tool)?.uv)?.workspace) !== undefined;

  const app: PythonApp = {
    path: dir.path,
    name: '',
    language: 'python',
    manifestFiles,
    ...(lockFile ? { lockFile } : {}),
    dependencies: uniqueSorted(deps),
    devDependencies: uniqueSorted([...deps].filter((d) => !runtime.has(d))),
    packageManager,
    ...pythonVersion(root, dir.path, pyproject, pipfile),
    ...(framework ? { framework } : {}),
    tools: pythonTools(deps, pyproject, files, iniText),
    extras: Object.keys(asTable(project?.['optional-dependencies']) ?? {}),
    ...(packageName ? { packageName } : {}),
    srcLayout,
    ...(deps.has('alembic') ? { migrations: 'alembic' as const } : framework === 'django' ? { migrations: 'django' as const } : {}),
  };
  return { app, declaredName, orchestrationOnly: !declaresProject || (uvWorkspace && runtime.size === 0 && !packageName) };
}

function readdirTxt(absDir: string): string[] {
  try {
    return readdirSync(absDir).filter((f) => f.endsWith('.txt')).sort();
  } catch {
    return [];
  }
}
