// pip: requirements files (runtime ones in the base image, development ones in dev), or the pyproject itself.
import type { ImageStep, PythonImageInstall, PythonToolchain } from './types.js';
import { DEV_GROUP } from './groups.js';

const cache = '--mount=type=cache,target=/root/.cache/pip';
const requirements = (files: readonly string[]): string => `pip install${files.map((f) => ` -r ${f}`).join('')}`;

/** pdm, hatch and pip without requirements files: pip installs the pyproject with the sources (no lock file). */
export const PYPROJECT_IMAGE: PythonImageInstall = {
  variant: 'pyproject',
  devProject: () => ({ cache, command: 'pip install --editable ".[dev]"' }),
  build: () => ({ cache, command: 'pip install .' }),
};

export const REQUIREMENTS_IMAGE: PythonImageInstall = {
  variant: 'pip',
  runtime: ({ runtimeRequirements }) => ({ cache, command: requirements(runtimeRequirements) }),
  dev: ({ devRequirements }): ImageStep | undefined => (devRequirements.length > 0 ? { cache, command: requirements(devRequirements) } : undefined),
};

export const pip: PythonToolchain = {
  manager: 'pip',
  manifests: ['pyproject.toml', 'setup.py', 'setup.cfg'],
  defaultVersion: '',
  image: REQUIREMENTS_IMAGE,
  // Requirements files or extras are the project's own: the CI generator adds them (see pipInstall).
  ci: { setup: 'setup-python', cache: 'pip', install: () => ['python -m pip install -e .'], prefix: () => '' },
};

/** pip's CI install line: the requirements files, else the project with its development extras. */
export function pipInstall(files: readonly string[], extras: readonly string[]): string {
  if (files.length > 0) return `python -m pip install ${files.map((file) => `-r ${file}`).join(' ')}`;
  // Documentation extras build docs: CI's lint and test jobs do not need them.
  const dev = extras.filter((extra) => DEV_GROUP.test(extra) && !/^docs?$/i.test(extra));
  return dev.length > 0 ? `python -m pip install -e ".[${dev.join(',')}]"` : 'python -m pip install -e .';
}
