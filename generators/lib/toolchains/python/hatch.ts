// Hatch: `hatch env create` and `hatch run` in CI; the images install the pyproject with pip.
import { VERSIONS } from '../../versions.js';
import { PYPROJECT_IMAGE } from './pip.js';
import type { PythonToolchain } from './types.js';

export const hatch: PythonToolchain = {
  manager: 'hatch',
  manifests: ['pyproject.toml', 'setup.py', 'setup.cfg'],
  defaultVersion: VERSIONS.tools.hatch,
  image: PYPROJECT_IMAGE,
  ci: { setup: 'setup-python', cache: 'pip', pipTool: (v) => `hatch==${v}`, install: () => ['hatch env create'], prefix: () => 'hatch run ' },
};
