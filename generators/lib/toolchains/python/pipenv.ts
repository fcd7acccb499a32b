// pipenv: Pipfile.lock, `pipenv install --deploy --system` into the image's venv, `pipenv run`.
import { VERSIONS } from '../../versions.js';
import type { PythonToolchain } from './types.js';

const cache = '--mount=type=cache,target=/root/.cache/pip';
const lockFlag = (locked: boolean): string => (locked ? '--deploy' : '--skip-lock');

export const pipenv: PythonToolchain = {
  manager: 'pipenv',
  lockFile: 'Pipfile.lock',
  manifests: ['Pipfile', 'Pipfile.lock'],
  defaultVersion: VERSIONS.tools.pipenv,
  image: {
    variant: 'pipenv',
    runtime: ({ locked }) => ({ cache, command: `pipenv install ${lockFlag(locked)} --system` }),
    dev: ({ locked }) => ({ cache, command: `pipenv install ${lockFlag(locked)} --system --dev` }),
  },
  ci: { setup: 'setup-python', cache: 'pipenv', pipx: (v) => `pipenv==${v}`, install: (locked) => [`pipenv ${locked ? 'sync' : 'install'} --dev --python "$(command -v python)"`], prefix: () => 'pipenv run ' },
};
