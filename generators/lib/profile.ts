// The detected shape of a project. Produced by detect(), consumed by every generator's context.ts.
// Paths are POSIX, relative to the project root ('.' for the root itself).
import type { ProjectCi } from './project-workflows.js';

export type PythonPackageManager = 'uv' | 'poetry' | 'pdm' | 'hatch' | 'pipenv' | 'pip';
export type NodePackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';
export type PythonFramework = 'fastapi' | 'flask' | 'django';
export type NodeFramework = 'next' | 'nest' | 'astro' | 'react-router' | 'remix' | 'express' | 'fastify' | 'koa' | 'hono' | 'vite' | 'react' | 'vue' | 'svelte' | 'angular';

interface AppBase {
  /** Folder of the app relative to the project root, '.' for a single app at the root. */
  path: string;
  /** Service name: lowercase-hyphenated, derived from the folder (or the project name for a root app). */
  name: string;
  /** Manifest and lock files found in the app folder (relative to the app folder). */
  manifestFiles: string[];
  lockFile?: string;
  /** Normalised (lowercase) dependency names, runtime and dev together. */
  dependencies: string[];
  devDependencies: string[];
}

export interface PythonApp extends AppBase {
  language: 'python';
  packageManager: PythonPackageManager;
  /** major.minor, e.g. '3.12'. */
  pythonVersion: string;
  pythonVersionSource: '.python-version' | 'requires-python' | 'default';
  framework?: PythonFramework;
  /** Tools the project mentions (dependencies, [tool.*] sections, config files): raw signals. The plan lints and
   * tests only with the ones its dependencies install (plan/python.ts). */
  tools: string[];
  /** The optional-dependency groups of [project] (`pip install ".[dev]"` installs the development ones). */
  extras: string[];
  /** Importable top-level package (e.g. 'app', from src/app or app/), if one was found. */
  packageName?: string;
  /** Uses a src/ layout. */
  srcLayout: boolean;
  /** Migration tool in the dependencies (alembic) or framework (django): a raw signal; the plan's migrate command
   * needs the tool's own files (alembic.ini, migrations/). */
  migrations?: 'alembic' | 'django';
}

export interface NodeApp extends AppBase {
  language: 'typescript' | 'javascript';
  packageManager: NodePackageManager;
  /** Version from the packageManager field (e.g. '9.12.0'), when present. */
  packageManagerVersion?: string;
  /** Major version, e.g. '20'. */
  nodeVersion: string;
  nodeVersionSource: '.nvmrc' | '.node-version' | 'engines' | 'default';
  framework?: NodeFramework;
  /** 'spa' when the build produces static files (vite/react/vue/svelte/angular without a server framework). */
  kind: 'server' | 'spa';
  /** Scripts present in package.json: name -> command. */
  scripts: Record<string, string>;
  /** Set when the app is a member of an npm / pnpm / yarn / bun workspace declared in a folder above it. */
  workspace?: NodeWorkspace;
  /** A workspace package other members depend on, with no start script and no server or SPA framework: tested, never deployed. */
  library?: boolean;
}

export interface NodeWorkspace {
  /** Folder of the workspace root, relative to the project root. */
  root: string;
  /** The root package.json's name (Yarn focuses the root by it). */
  rootName?: string;
  /** The workspace's lock file for the app's package manager, relative to the workspace root. */
  lockFile?: string;
  /** Install configuration at the workspace root that exists (.npmrc, pnpm-workspace.yaml, .yarnrc.yml). */
  configFiles: string[];
  /** Every member folder, relative to the workspace root, sorted. */
  members: string[];
  /** Member folders the app depends on, directly or through other members, relative to the workspace root, sorted. */
  localDependencies: string[];
  /** Those of localDependencies with a build script, each after the members it depends on. */
  buildOrder: string[];
}

export type App = PythonApp | NodeApp;

export interface ExistingInfra {
  dockerfiles: string[];
  /** The Dockerfiles among them that ai-projen did not generate (no header of ours): the project's own. */
  ownDockerfiles: string[];
  composeFiles: string[];
  workflows: string[];
  terraformFiles: string[];
  makefile: boolean;
  agentsMd: boolean;
  gitignore: boolean;
  /** What the project's own workflows do (project-workflows.ts): jobs that lint, test, deploy; pins; runner labels. */
  ci: ProjectCi;
  /** The repository's default branch and where it was read (git.ts): CI triggers on it and deploys from it. */
  defaultBranch: { value: string; from: string };
  /** git tracks a `.env` at the root: it is committed on purpose, so it is not ignored. */
  envTracked: boolean;
}

export interface ProjectProfile {
  /** Absolute path of the project root. */
  root: string;
  /** Project name, normalised to lowercase-hyphenated (from pyproject/package.json name or folder name). */
  name: string;
  /** 'single': one app at the root; 'multi': one app per sub-folder; 'none': no Python or TypeScript project found. */
  layout: 'single' | 'multi' | 'none';
  apps: App[];
  languages: Array<'python' | 'typescript' | 'javascript'>;
  existing: ExistingInfra;
}

export const isPython = (app: App): app is PythonApp => app.language === 'python';
export const isNode = (app: App): app is NodeApp => app.language !== 'python';
