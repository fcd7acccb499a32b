// Test support for the github-actions spec: synthetic projects for the package managers the fixtures do not
// cover, the files the Docker and Terraform/AWS plugins leave behind, and workflow inspection helpers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { detect } from '../../generators/lib/detect.js';
import { serviceSpecs } from '../../generators/lib/services.js';
import { copyFixture } from '../helpers/fixtures.js';

export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

const pyTest = 'def test_ok():\n    assert True\n';

/** Projects covering the package managers and layouts the shared fixtures do not (name -> files). */
export const SYNTHETIC: Record<string, Record<string, string>> = {
  pipenv: {
    Pipfile: '[packages]\nflask = "*"\n\n[dev-packages]\npytest = "*"\nruff = "*"\n\n[requires]\npython_version = "3.11"\n',
    'Pipfile.lock': '{"_meta": {"requires": {"python_version": "3.11"}}, "default": {}, "develop": {}}\n',
    'app/__init__.py': '',
    'tests/test_app.py': pyTest,
  },
  pdm: {
    'pyproject.toml': '[project]\nname = "pdm-svc"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["fastapi>=0.115"]\n\n[tool.pdm.dev-dependencies]\ndev = ["pytest>=8", "ruff>=0.7", "isort>=5"]\n',
    'pdm.lock': '# pdm lock\n',
    'src/pdm_svc/__init__.py': '',
    'tests/test_app.py': pyTest,
  },
  hatch: {
    'pyproject.toml': '[project]\nname = "hatch-svc"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["flask>=3"]\n\n[tool.hatch.envs.default]\ndependencies = ["pytest>=8", "pylint>=3"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
    'hatch_svc/__init__.py': '',
    'tests/test_app.py': pyTest,
  },
  'pip-pyproject': {
    'pyproject.toml': '[project]\nname = "pip-svc"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["flask>=3", "redis>=5"]\n\n[project.optional-dependencies]\ndev = ["pytest>=8", "flake8>=7", "mypy>=1.13"]\ndocs = ["mkdocs"]\n\n[build-system]\nrequires = ["setuptools>=75"]\nbuild-backend = "setuptools.build_meta"\n',
    'pip_svc/__init__.py': '',
    'tests/test_app.py': pyTest,
  },
  'yarn-berry': {
    'package.json': JSON.stringify({ name: 'berry-api', packageManager: 'yarn@4.6.0', scripts: { lint: 'eslint .', test: 'vitest run', build: 'tsc', 'format:check': 'prettier --check .' }, dependencies: { fastify: '^5.0.0', pg: '^8.13.0' }, devDependencies: { typescript: '^5.6.0', eslint: '^9.0.0' } }, null, 2),
    'yarn.lock': '# yarn lockfile v8\n',
    '.nvmrc': '20\n',
    'src/index.ts': 'export {};\n',
  },
  'yarn-classic': {
    'package.json': JSON.stringify({ name: 'classic-web', scripts: { lint: 'eslint .', 'type-check': 'tsc --noEmit', test: 'echo "Error: no test specified" && exit 1' }, dependencies: { express: '^4.21.0' }, devDependencies: { typescript: '^5.6.0' } }, null, 2),
    'yarn.lock': '# yarn lockfile v1\n',
    'src/index.ts': 'export {};\n',
  },
  bun: {
    'package.json': JSON.stringify({ name: 'bun-api', scripts: { test: 'bun test', lint: 'eslint .' }, dependencies: { hono: '^4.6.0', ioredis: '^5.4.0' }, devDependencies: { typescript: '^5.6.0' } }, null, 2),
    'bun.lock': '{}\n',
    'src/index.ts': 'export {};\n',
  },
  // A pnpm workspace: the lock file and the packageManager field live at the root, the apps below it;
  // `api` has its own Dockerfile (no prod stage), `web` none.
  'pnpm-workspace': {
    'package.json': JSON.stringify({ name: 'mono', private: true, packageManager: 'pnpm@9.12.0' }, null, 2),
    'pnpm-workspace.yaml': 'packages:\n  - apps/*\n',
    'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    'apps/api/package.json': JSON.stringify({ name: '@mono/api', scripts: { lint: 'eslint .', test: 'vitest run', build: 'tsc' }, dependencies: { express: '^4.21.0' }, devDependencies: { typescript: '^5.6.0' } }, null, 2),
    'apps/api/src/index.ts': 'export {};\n',
    'apps/api/Dockerfile': 'FROM node:22-bookworm-slim\nCMD ["node", "dist/index.js"]\n',
    'apps/web/package.json': JSON.stringify({ name: '@mono/web', scripts: { build: 'vite build', typecheck: 'tsc --noEmit' }, dependencies: { react: '^18.3.1' }, devDependencies: { vite: '^5.4.0', typescript: '^5.6.0' } }, null, 2),
    'apps/web/src/main.tsx': 'export {};\n',
  },
};

const prismaSchema = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\ngenerator client {\n  provider = "prisma-client-js"\n}\n\nmodel User {\n  id Int @id @default(autoincrement())\n}\n';
const prismaApp = (name: string, extra: Record<string, unknown>) => JSON.stringify({
  name, scripts: { lint: 'eslint .', typecheck: 'tsc --noEmit', test: 'vitest run', build: 'tsc', start: 'node dist/index.js' },
  dependencies: { '@prisma/client': '^5.22.0', express: '^4.21.0' }, devDependencies: { prisma: '^5.22.0', typescript: '^5.6.0', vitest: '^2.1.0' }, ...extra,
}, null, 2);

/** Projects whose tests need more than an install: a generated Prisma client, applied migrations, a required
 * setting without a default (written over a copy of `base`, a shared fixture or '' for an empty folder). */
export const CI_NEEDS: Record<string, { base: string; files: Record<string, string> }> = {
  // npm, the default schema path, committed migrations: generate, migrate (npx), PostgreSQL.
  'prisma-npm': {
    base: '',
    files: {
      'package.json': prismaApp('prisma-api', {}),
      'package-lock.json': '{"lockfileVersion": 3}\n',
      '.nvmrc': '22\n',
      'src/index.ts': "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
      'prisma/schema.prisma': prismaSchema,
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" SERIAL PRIMARY KEY);\n',
    },
  },
  // pnpm, the schema where package.json's `prisma.schema` says, no migrations committed: generate only.
  'prisma-pnpm': {
    base: '',
    files: {
      'package.json': prismaApp('prisma-web', { packageManager: 'pnpm@9.12.0', prisma: { schema: 'db/schema.prisma' } }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'src/index.ts': "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
      'db/schema.prisma': prismaSchema,
    },
  },
  // Django settings that read their secret key and an API key with no default, and PostgreSQL settings CI sets.
  'django-required': {
    base: 'python-requirements',
    files: {
      'mysite/settings.py': [
        'import os', 'from pathlib import Path', '',
        'BASE_DIR = Path(__file__).resolve().parent.parent',
        'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
        'PAYMENTS_API_KEY = os.environ["PAYMENTS_API_KEY"]',
        'DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"',
        'INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]',
        'ROOT_URLCONF = "mysite.urls"',
        'DATABASES = {',
        '    "default": {',
        '        "ENGINE": "django.db.backends.postgresql",',
        '        "NAME": os.environ["POSTGRES_DB"],',
        '        "USER": os.environ["POSTGRES_USER"],',
        '        "PASSWORD": os.environ["POSTGRES_PASSWORD"],',
        '        "HOST": os.environ.get("POSTGRES_HOST", "localhost"),',
        '        "PORT": os.environ.get("POSTGRES_PORT", "5432"),',
        '    }',
        '}', '',
      ].join('\n'),
    },
  },
};

/** A fresh copy of one of CI_NEEDS. */
export function makeCiNeedsProject(name: string): string {
  const { base, files } = CI_NEEDS[name]!;
  const dir = copyFixture(base || 'empty');
  writeTree(dir, files);
  return dir;
}

/** A fresh copy of a shared fixture, or a synthetic project written into a fresh temp folder. */
export function makeProject(name: string): string {
  if (!(name in SYNTHETIC)) return copyFixture(name);
  const dir = copyFixture('empty');
  writeTree(dir, SYNTHETIC[name]!);
  return dir;
}

/**
 * What the Docker and Terraform/AWS plugins leave in a project after an earlier run: one Dockerfile per
 * service at the path services.ts names (with a `prod` stage) and the three Terraform workspaces.
 */
export function addDockerAndTerraform(dir: string): void {
  const profile = detect(dir);
  const files: Record<string, string> = {};
  for (const spec of serviceSpecs(profile, { projectName: profile.name })) {
    files[spec.dockerfile] = 'FROM debian:bookworm-slim AS base\nFROM base AS prod\nUSER 1000\nCMD ["true"]\n';
  }
  for (const workspace of ['bootstrap', 'base', 'runtime']) {
    files[`infra/terraform/workspaces/${workspace}/main.tf`] = 'terraform {\n  required_version = ">= 1.11"\n}\n';
  }
  writeTree(dir, files);
}

// ---------------------------------------------------------------------------------------------------------
// Workflow inspection

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: string;
  'working-directory'?: string;
}

export interface Job {
  name?: string;
  /** A reusable workflow this job calls (then it has no steps of its own). */
  uses?: string;
  needs?: string[];
  'runs-on'?: string;
  'timeout-minutes'?: number;
  permissions?: Record<string, string>;
  environment?: unknown;
  defaults?: { run?: { 'working-directory'?: string } };
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown[]> };
  services?: Record<string, { image: string }>;
  env?: Record<string, string>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

export const readWorkflow = (dir: string, file: string): Workflow => parse(readFileSync(path.join(dir, '.github/workflows', file), 'utf8')) as Workflow;

/** Every shell line the job runs, joined (for "runs X" / "never runs Y" assertions). */
export const scriptOf = (job: Job): string => job.steps.map((step) => step.run ?? '').join('\n');

/** The Makefile's ai-projen:github-actions block, markers included. */
export function makefileBlock(text: string): string {
  const start = text.indexOf('# >>> ai-projen:github-actions >>>');
  const end = text.indexOf('# <<< ai-projen:github-actions <<<');
  if (start < 0 || end < 0) throw new Error('no ai-projen:github-actions block in the Makefile');
  return text.slice(start, end + '# <<< ai-projen:github-actions <<<'.length + 1);
}

// ---------------------------------------------------------------------------------------------------------
// Running a step's script

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** What the script appended to $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY. */
  output: string;
  summary: string;
}

/**
 * Runs a `run:` script the way GitHub's Linux runners do (bash -eo pipefail) in `work`, with stand-in
 * commands (`bin`: name -> shell script body) first on the PATH and only `env` (plus PATH) in the environment.
 */
export function runStepScript(work: string, script: string, env: Record<string, string>, bin: Record<string, string> = {}): ScriptRun {
  const binDir = path.join(work, 'bin');
  mkdirSync(binDir, { recursive: true });
  for (const [name, body] of Object.entries(bin)) writeFileSync(path.join(binDir, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
  const output = path.join(work, 'github-output');
  const summary = path.join(work, 'github-step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd: work,
    env: { PATH: `${binDir}:${process.env.PATH}`, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
}
