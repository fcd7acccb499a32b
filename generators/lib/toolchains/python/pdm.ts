// PDM: pdm.lock and `pdm install` in CI; the images install the pyproject with pip (the lock file is not used there).
import { VERSIONS } from '../../versions.js';
import { PYPROJECT_IMAGE } from './pip.js';
import type { PythonToolchain } from './types.js';

export const pdm: PythonToolchain = {
  manager: 'pdm',
  lockFile: 'pdm.lock',
  manifests: ['pyproject.toml', 'setup.py', 'setup.cfg'],
  defaultVersion: VERSIONS.tools.pdm,
  image: PYPROJECT_IMAGE,
  ci: { setup: 'pdm', install: (locked) => [locked ? 'pdm install --frozen-lockfile' : 'pdm install'], prefix: () => 'pdm run ' },
};
