// uv: uv.lock, `uv sync` (frozen, --no-dev), `uv run`, and the uv release the project asks for.
import { VERSIONS } from '../../versions.js';
import { at } from '../../plan/evidence.js';
import { tomlPin } from './pins.js';
import type { PythonToolchain } from './types.js';

const frozen = (locked: boolean): string => (locked ? ' --frozen' : '');
const cache = '--mount=type=cache,target=/root/.cache/uv';
/** The uv binary image or the setup-uv action with a version, in a Dockerfile or a workflow. */
const IMAGE_TAG = /ghcr\.io\/astral-sh\/uv:(\d+\.\d+\.\d+)\b/;
const SETUP_UV = /astral-sh\/setup-uv@[^\s]+[\s\S]*?\bversion:\s*["']?(\d+\.\d+\.\d+)["']?/;

export const uv: PythonToolchain = {
  manager: 'uv',
  lockFile: 'uv.lock',
  manifests: ['pyproject.toml', 'uv.lock'],
  defaultVersion: VERSIONS.tools.uv,
  pinned(sources) {
    // required-version ([tool.uv] of pyproject.toml, or uv.toml) is what uv itself enforces.
    const declared = tomlPin(sources, 'uv.toml', '', 'required-version', VERSIONS.tools.uv, 'uv')
      ?? tomlPin(sources, 'pyproject.toml', 'tool.uv', 'required-version', VERSIONS.tools.uv, 'uv');
    if (declared) return declared;
    // Else the uv release the project already builds or tests with.
    for (const [file, text] of Object.entries(sources)) {
      const match = IMAGE_TAG.exec(text) ?? SETUP_UV.exec(text);
      if (match) return { version: match[1]!, from: at(file, text, match.index) };
    }
    return undefined;
  },
  image: {
    variant: 'uv',
    runtime: ({ locked }) => ({ cache, command: `uv sync${frozen(locked)} --no-dev --no-install-project` }),
    dev: ({ locked }) => ({ cache, command: `uv sync${frozen(locked)} --no-install-project` }),
    devProject: ({ locked }) => ({ cache, command: `uv sync${frozen(locked)}` }),
    build: ({ locked }) => ({ cache, command: `uv sync${frozen(locked)} --no-dev --no-editable` }),
  },
  ci: { setup: 'uv', install: (locked) => [locked ? 'uv sync --frozen' : 'uv sync'], prefix: (locked) => (locked ? 'uv run --frozen ' : 'uv run ') },
};
