// pip: requirements files (runtime ones in the base image, development ones in dev), or the pyproject itself.
import type { ImageStep, PythonImageInstall, PythonToolchain } from './types.js';
import { DEV_GROUP } from './groups.js';

const cache = '--mount=type=cache,target=/root/.cache/pip';
/** `pip install -r a -r b` (the image's venv pip, or `python -m pip` in CI). */
const requirements = (files: readonly string[], pip = 'pip'): string => `${pip} install${files.map((f) => ` -r ${f}`).join('')}`;

/** The project's development extras (documentation extras build docs: lint and test do not need them). */
const devExtras = (extras: readonly string[]): string[] => extras.filter((extra) => DEV_GROUP.test(extra) && !/^docs?$/i.test(extra));

/** The project installed editable, with its development extras when it declares some (never an extra it lacks). */
const editable = (extras: readonly string[], pip = 'pip'): string => {
  const dev = devExtras(extras);
  return dev.length > 0 ? `${pip} install --editable ".[${dev.join(',')}]"` : `${pip} install --editable .`;
};

/** pdm, hatch and pip without requirements files: pip installs the pyproject with the sources (no lock file). */
export const PYPROJECT_IMAGE: PythonImageInstall = {
  variant: 'pyproject',
  devProject: ({ extras }) => ({ cache, command: editable(extras) }),
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
  return files.length > 0 ? requirements(files, 'python -m pip') : editable(extras, 'python -m pip');
}
