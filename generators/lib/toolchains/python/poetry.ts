// Poetry: poetry.lock, `poetry install --only main --no-root` into the image's venv, `poetry run`.
import { VERSIONS } from '../../versions.js';
import { tomlPin } from './pins.js';
import type { PythonToolchain } from './types.js';

const cache = '--mount=type=cache,target=/root/.cache/pypoetry';

export const poetry: PythonToolchain = {
  manager: 'poetry',
  lockFile: 'poetry.lock',
  manifests: ['pyproject.toml', 'poetry.lock'],
  defaultVersion: VERSIONS.tools.poetry,
  pinned(sources) {
    // requires-poetry ([tool.poetry], Poetry 2) is what Poetry itself enforces.
    return tomlPin(sources, 'pyproject.toml', 'tool.poetry', 'requires-poetry', VERSIONS.tools.poetry, 'poetry');
  },
  image: {
    variant: 'poetry',
    runtime: () => ({ cache, command: 'poetry install --only main --no-root' }),
    dev: () => ({ cache, command: 'poetry install --no-root' }),
  },
  ci: { setup: 'setup-python', cache: 'poetry', pipx: (v) => `poetry==${v}`, install: () => ['poetry env use python', 'poetry install --no-interaction'], prefix: () => 'poetry run ' },
};
