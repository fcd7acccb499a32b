// The shape of one Python package manager's knowledge (one module per manager in this folder).
import type { PythonPackageManager } from '../../profile.js';
import type { Evidence } from '../../plan/evidence.js';

export interface PythonCi {
  /** Which action sets Python up: astral-sh/setup-uv (uv), pdm-project/setup-pdm (pdm), else actions/setup-python. */
  setup: 'uv' | 'pdm' | 'setup-python';
  /** setup-python's `cache:` value. */
  cache?: 'pip' | 'poetry' | 'pipenv';
  /** Installed with pipx before setup-python (poetry, pipenv), at this version. */
  pipx?: (version: string) => string;
  /** Installed with pip after setup-python (hatch), at this version. */
  pipTool?: (version: string) => string;
  /** Install lines (locked or not). */
  install: (locked: boolean) => string[];
  /** Prefix that runs a command in the project's environment (`uv run --frozen `). */
  prefix: (locked: boolean) => string;
}

/** What an image install needs to know: the lock file is there, and (pip) which requirements files hold what. */
export interface ImageInstallContext {
  locked: boolean;
  /** The project's optional-dependency groups (the development ones are installed in dev). */
  extras: readonly string[];
  runtimeRequirements: readonly string[];
  devRequirements: readonly string[];
}

/** One RUN of an image: the cache mount it keeps between builds and the command. */
export interface ImageStep {
  cache: string;
  command: string;
}

/** The installs of the images, stage by stage (the stage layout itself is the Dockerfile template's). */
export interface PythonImageInstall {
  /** How the image installs: uv, poetry, pipenv, pip (requirements files) or pyproject (pip install . for pdm/hatch). */
  variant: 'uv' | 'poetry' | 'pip' | 'pipenv' | 'pyproject';
  /** base stage, before the sources: the runtime dependencies from the manifests. */
  runtime?: (ctx: ImageInstallContext) => ImageStep | undefined;
  /** dev stage, before the sources: every dependency group. */
  dev?: (ctx: ImageInstallContext) => ImageStep | undefined;
  /** dev stage, after the sources: the project itself (editable). */
  devProject?: (ctx: ImageInstallContext) => ImageStep;
  /** build stage (with the sources): the project into /opt/venv, runtime only; prod copies the venv from there. */
  build?: (ctx: ImageInstallContext) => ImageStep;
}

/** The release of the manager to pin, with where it came from. */
export interface ToolPin {
  version: string;
  from: Evidence;
  /** Why the pin is not what the project asked for. */
  note?: string;
}

/** Project files a manager's pin can be declared in (path -> text): pyproject.toml, uv.toml, Dockerfiles, workflows. */
export type PinSources = Readonly<Record<string, string>>;

export interface PythonToolchain {
  manager: PythonPackageManager;
  /** Its lock file, when it has one. */
  lockFile?: string;
  /** Manifests the image copies before the sources (those that exist): install inputs. */
  manifests: readonly string[];
  /** The release the images and CI pin when the project does not say ('' when pip is enough). */
  defaultVersion: string;
  /** The project's own pin (`required-version`, a tool image tag, `requires-poetry`...), when it declares one. */
  pinned?: (sources: PinSources) => ToolPin | undefined;
  image: PythonImageInstall;
  ci: PythonCi;
}
