// The Python package managers, one module each (uv.ts, poetry.ts, pipenv.ts, pip.ts, pdm.ts, hatch.ts): lock file,
// the manifests an image installs from, the image and CI installs, the run prefix, and which release to pin.
// Detection, the plan, Docker and GitHub Actions take these facts from here only.
import type { PythonPackageManager } from '../../profile.js';
import { hatch } from './hatch.js';
import { pdm } from './pdm.js';
import { pip } from './pip.js';
import { pipenv } from './pipenv.js';
import { poetry } from './poetry.js';
import type { PinSources, ToolPin, PythonToolchain } from './types.js';
import { uv } from './uv.js';

export { DEV_GROUP, isDevRequirementsFile } from './groups.js';
export { pipInstall, PYPROJECT_IMAGE } from './pip.js';
export { linterLabel, PYTHON_LINTERS, PYTHON_TOOL_NAMES, type PythonLinter } from './tools.js';
export type { ImageInstallContext, ImageStep, PinSources, PythonImageInstall, PythonToolchain, ToolPin } from './types.js';

export const PYTHON_TOOLCHAINS: Readonly<Record<PythonPackageManager, PythonToolchain>> = { uv, poetry, pipenv, pdm, hatch, pip };

/** Lock files that decide the manager, strongest first. */
export const PYTHON_LOCKS: ReadonlyArray<[string, PythonPackageManager]> = (['poetry', 'uv', 'pdm'] as const).map((m) => [PYTHON_TOOLCHAINS[m].lockFile!, m]);

/** The manager's release to pin for this project: its own declaration, else ours ('' for pip). */
export function toolPin(manager: PythonPackageManager, sources: PinSources): ToolPin {
  const tool = PYTHON_TOOLCHAINS[manager];
  return tool.pinned?.(sources) ?? { version: tool.defaultVersion, from: 'default' };
}
