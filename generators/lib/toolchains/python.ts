// The Python package managers, one entry each: lock file, the manifests an image installs from, how CI sets it
// up, installs and runs commands, and which installer release the images pin. Plus the one definition of
// "development" requirements files and dependency groups. Detection, Docker and GitHub Actions use these.
import type { PythonPackageManager } from '../profile.js';
import { VERSIONS } from '../versions.js';

/** Dependency groups / extras that hold development tooling rather than optional runtime features. */
export const DEV_GROUP = /^(dev|devel|develop|development|test|tests|testing|lint|linting|typing|types|type-check|docs?|qa|check|ci|local)$/i;

/** A requirements file for development (requirements-dev.txt, requirements/test.txt, dev-requirements.txt...). */
export function isDevRequirementsFile(file: string): boolean {
  const name = file.replace(/^requirements\//, '').replace(/\.txt$/, '');
  return name.split(/[-_./]/).some((part) => DEV_GROUP.test(part));
}

export interface PythonCi {
  /** Which action sets Python up: astral-sh/setup-uv (uv), pdm-project/setup-pdm (pdm), else actions/setup-python. */
  setup: 'uv' | 'pdm' | 'setup-python';
  /** setup-python's `cache:` value. */
  cache?: 'pip' | 'poetry' | 'pipenv';
  /** Installed with pipx before setup-python (poetry, pipenv), pinned. */
  pipx?: string;
  /** Installed with pip after setup-python (hatch), pinned. */
  pipTool?: string;
  /** Install lines (locked or not). */
  install: (locked: boolean) => string[];
  /** Prefix that runs a command in the project's environment (`uv run --frozen `). */
  prefix: (locked: boolean) => string;
}

export interface PythonToolchain {
  manager: PythonPackageManager;
  /** Its lock file, when it has one. */
  lockFile?: string;
  /** Manifests the image copies before the sources (those that exist): install inputs. */
  manifests: readonly string[];
  /** How the image installs: uv, poetry, pipenv, pip (requirements files) or pyproject (pip install . for pdm/hatch). */
  imageVariant: 'uv' | 'poetry' | 'pip' | 'pipenv' | 'pyproject';
  /** The installer release the images pin ('' when pip is enough). */
  imageTool: string;
  ci: PythonCi;
}

export const PYTHON_TOOLCHAINS: Readonly<Record<PythonPackageManager, PythonToolchain>> = {
  uv: {
    manager: 'uv',
    lockFile: 'uv.lock',
    manifests: ['pyproject.toml', 'uv.lock'],
    imageVariant: 'uv',
    imageTool: VERSIONS.tools.uv,
    ci: { setup: 'uv', install: (locked) => [locked ? 'uv sync --frozen' : 'uv sync'], prefix: (locked) => (locked ? 'uv run --frozen ' : 'uv run ') },
  },
  poetry: {
    manager: 'poetry',
    lockFile: 'poetry.lock',
    manifests: ['pyproject.toml', 'poetry.lock'],
    imageVariant: 'poetry',
    imageTool: VERSIONS.tools.poetry,
    ci: { setup: 'setup-python', cache: 'poetry', pipx: `poetry==${VERSIONS.tools.poetry}`, install: () => ['poetry env use python', 'poetry install --no-interaction'], prefix: () => 'poetry run ' },
  },
  pipenv: {
    manager: 'pipenv',
    lockFile: 'Pipfile.lock',
    manifests: ['Pipfile', 'Pipfile.lock'],
    imageVariant: 'pipenv',
    imageTool: VERSIONS.tools.pipenv,
    ci: { setup: 'setup-python', cache: 'pipenv', pipx: `pipenv==${VERSIONS.tools.pipenv}`, install: (locked) => [`pipenv ${locked ? 'sync' : 'install'} --dev --python "$(command -v python)"`], prefix: () => 'pipenv run ' },
  },
  pdm: {
    manager: 'pdm',
    lockFile: 'pdm.lock',
    manifests: ['pyproject.toml', 'setup.py', 'setup.cfg'],
    imageVariant: 'pyproject',
    imageTool: '',
    ci: { setup: 'pdm', install: (locked) => [locked ? 'pdm install --frozen-lockfile' : 'pdm install'], prefix: () => 'pdm run ' },
  },
  hatch: {
    manager: 'hatch',
    manifests: ['pyproject.toml', 'setup.py', 'setup.cfg'],
    imageVariant: 'pyproject',
    imageTool: '',
    ci: { setup: 'setup-python', cache: 'pip', pipTool: `hatch==${VERSIONS.tools.hatch}`, install: () => ['hatch env create'], prefix: () => 'hatch run ' },
  },
  pip: {
    manager: 'pip',
    manifests: ['pyproject.toml', 'setup.py', 'setup.cfg'],
    imageVariant: 'pip',
    imageTool: '',
    // Requirements files or extras are the project's own: the CI generator adds them (see pipInstall).
    ci: { setup: 'setup-python', cache: 'pip', install: () => ['python -m pip install -e .'], prefix: () => '' },
  },
};

/** Lock files that decide the manager, strongest first. */
export const PYTHON_LOCKS: ReadonlyArray<[string, PythonPackageManager]> = (['poetry', 'uv', 'pdm'] as const).map((m) => [PYTHON_TOOLCHAINS[m].lockFile!, m]);

/** pip's install line: the requirements files, else the project with its development extras. */
export function pipInstall(requirements: readonly string[], extras: readonly string[]): string {
  if (requirements.length > 0) return `python -m pip install ${requirements.map((file) => `-r ${file}`).join(' ')}`;
  // Documentation extras build docs: CI's lint and test jobs do not need them.
  const dev = extras.filter((extra) => DEV_GROUP.test(extra) && !/^docs?$/i.test(extra));
  return dev.length > 0 ? `python -m pip install -e ".[${dev.join(',')}]"` : 'python -m pip install -e .';
}
