import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs, { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, join } from 'node:path';
import { detect, normaliseName } from '../generators/lib/detect.js';
import { parseRequirement, parsePythonRequirement, parsePythonVersionFile } from '../generators/lib/detect-python.js';
import { DEFAULT_NODE_VERSION, parseEnginesNode, parseNodeVersionFile, parsePackageManagerField } from '../generators/lib/detect-node.js';
import { VERSIONS } from '../generators/lib/versions.js';
import { planApps } from '../generators/lib/plan/index.js';
import { diskReader } from '../generators/lib/plan/reader.js';
import { jsonErrorOffset, lowerBound } from '../generators/lib/detect-shared.js';
import { dependencyOrder, matchMembers, workspacePattern } from '../generators/lib/detect-node-workspace.js';
import { compileGitignore, walk } from '../generators/lib/walk.js';
import { AiProjenError } from '../generators/lib/errors.js';
import { isNode, isPython, type App, type NodeApp, type ProjectProfile, type PythonApp } from '../generators/lib/profile.js';
import { copyFixture, FIXTURES, MALFORMED_FIXTURES, removeFixture } from './helpers/fixtures.js';

// ---------------------------------------------------------------- helpers

const made: string[] = [];
/** A fresh copy of a fixture ('empty' for an empty folder), removed after the suite. */
function project(name: string): string {
  const dir = copyFixture(name);
  made.push(dir);
  return dir;
}

function write(root: string, rel: string, content = ''): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function app(profile: ProjectProfile, path: string): App {
  const found = profile.apps.find((a) => a.path === path);
  assert.ok(found, `no app at ${path}; apps: ${profile.apps.map((a) => a.path).join(', ')}`);
  return found;
}
function pythonApp(profile: ProjectProfile, path = '.'): PythonApp {
  const found = app(profile, path);
  assert.ok(isPython(found), `${path} is ${found.language}`);
  return found;
}
/** The data stores of an app's plan (the plan owns them; detection only lists dependencies). */
function storesOf(profile: ProjectProfile, path = '.'): string[] {
  const plan = planApps(profile, diskReader(profile.root)).find((p) => p.path === path);
  assert.ok(plan, `no plan for ${path}`);
  return plan.dataStores.map((store) => store.value);
}
function nodeApp(profile: ProjectProfile, path = '.'): NodeApp {
  const found = app(profile, path);
  assert.ok(isNode(found), `${path} is ${found.language}`);
  return found;
}

/** Hash of every path, content and mtime under a folder (directory mtimes change on create/delete). */
function treeHash(root: string): string {
  const hash = createHash('sha256');
  const visit = (dir: string) => {
    hash.update(`D ${dir} ${statSync(dir).mtimeMs}\n`);
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else hash.update(`F ${path} ${statSync(path).mtimeMs}\n`).update(readFileSync(path));
    }
  };
  visit(root);
  return hash.digest('hex');
}

/** Records every folder readdirSync is asked for while `fn` runs (ESM named imports see the patch via syncBuiltinESMExports). */
function recordReaddirs<T>(fn: () => T): { result: T; dirs: string[] } {
  const original = fs.readdirSync;
  const dirs: string[] = [];
  (fs as { readdirSync: unknown }).readdirSync = (path: fs.PathLike, ...rest: unknown[]) => {
    dirs.push(String(path));
    return (original as (...args: unknown[]) => unknown)(path, ...rest);
  };
  syncBuiltinESMExports();
  try {
    return { result: fn(), dirs };
  } finally {
    fs.readdirSync = original;
    syncBuiltinESMExports();
  }
}

function expectError(root: string, file: string, line: number | undefined): AiProjenError {
  let caught: unknown;
  try {
    detect(root);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof AiProjenError, `expected an AiProjenError, got ${String(caught)}`);
  assert.equal(caught.file, file);
  if (line !== undefined) {
    assert.equal(caught.line, line);
    assert.ok(caught.message.startsWith(`${file}:${line}: `), caught.message);
  }
  return caught;
}

after(() => {
  for (const dir of made.splice(0)) removeFixture(dir);
});

// ---------------------------------------------------------------- fixtures

describe('detect: fixtures', () => {
  it('python-poetry: poetry, .python-version, fastapi, alembic, postgres, app package', () => {
    const profile = detect(project('python-poetry'));
    assert.equal(profile.name, 'poetry-api');
    assert.equal(profile.layout, 'single');
    assert.deepEqual(profile.languages, ['python']);
    assert.equal(profile.apps.length, 1);
    const py = pythonApp(profile);
    assert.equal(py.name, 'poetry-api');
    assert.equal(py.packageManager, 'poetry');
    assert.equal(py.lockFile, 'poetry.lock');
    assert.deepEqual(py.manifestFiles, ['pyproject.toml', 'poetry.lock']);
    assert.equal(py.pythonVersion, '3.11');
    assert.equal(py.pythonVersionSource, '.python-version');
    assert.equal(py.framework, 'fastapi');
    assert.deepEqual(py.tools, ['ruff', 'black', 'mypy', 'pytest']);
    assert.equal(py.packageName, 'app');
    assert.equal(py.srcLayout, false);
    assert.equal(py.migrations, 'alembic');
    assert.deepEqual(storesOf(profile), ['postgres']);
    assert.deepEqual(py.dependencies, ['alembic', 'black', 'fastapi', 'mypy', 'psycopg2-binary', 'pytest', 'ruff', 'sqlalchemy', 'uvicorn']);
    assert.deepEqual(py.devDependencies, ['black', 'mypy', 'pytest', 'ruff']);
    assert.equal(profile.existing.gitignore, false);
  });

  it('python-uv: uv, requires-python, flask, redis, src layout', () => {
    const profile = detect(project('python-uv'));
    assert.equal(profile.name, 'uv-service');
    assert.equal(profile.layout, 'single');
    const py = pythonApp(profile);
    assert.equal(py.packageManager, 'uv');
    assert.equal(py.lockFile, 'uv.lock');
    assert.deepEqual(py.manifestFiles, ['pyproject.toml', 'uv.lock']);
    assert.equal(py.pythonVersion, '3.12');
    assert.equal(py.pythonVersionSource, 'requires-python');
    assert.equal(py.framework, 'flask');
    assert.deepEqual(py.tools, ['ruff', 'pytest']);
    assert.equal(py.packageName, 'uv_service');
    assert.equal(py.srcLayout, true);
    assert.equal(py.migrations, undefined);
    assert.deepEqual(storesOf(profile), ['redis']);
    assert.deepEqual(py.dependencies, ['flask', 'pytest', 'redis', 'ruff']);
    assert.deepEqual(py.devDependencies, ['pytest', 'ruff']);
  });

  it('python-requirements: pip, default version, django, psycopg[binary], mysite', () => {
    const profile = detect(project('python-requirements'));
    assert.equal(profile.name, 'python-requirements');
    assert.equal(profile.layout, 'single');
    const py = pythonApp(profile);
    assert.equal(py.name, 'python-requirements');
    assert.equal(py.packageManager, 'pip');
    assert.equal(py.lockFile, undefined);
    assert.deepEqual(py.manifestFiles, ['requirements-dev.txt', 'requirements.txt']);
    assert.equal(py.pythonVersion, '3.12');
    assert.equal(py.pythonVersionSource, 'default');
    assert.equal(py.framework, 'django');
    assert.deepEqual(py.tools, ['black', 'pytest', 'flake8']);
    assert.equal(py.packageName, 'mysite');
    assert.equal(py.srcLayout, false);
    assert.equal(py.migrations, 'django');
    assert.deepEqual(storesOf(profile), ['postgres']);
    assert.deepEqual(py.dependencies, ['black', 'django', 'flake8', 'gunicorn', 'psycopg', 'pytest', 'pytest-django']);
    assert.deepEqual(py.devDependencies, ['black', 'flake8', 'pytest', 'pytest-django']);
  });

  it('ts-npm: npm, .nvmrc, express server, scripts', () => {
    const profile = detect(project('ts-npm'));
    assert.equal(profile.name, 'ts-npm-api');
    assert.equal(profile.layout, 'single');
    assert.deepEqual(profile.languages, ['typescript']);
    const node = nodeApp(profile);
    assert.equal(node.name, 'ts-npm-api');
    assert.equal(node.language, 'typescript');
    assert.equal(node.packageManager, 'npm');
    assert.equal(node.packageManagerVersion, undefined);
    assert.equal(node.lockFile, 'package-lock.json');
    assert.deepEqual(node.manifestFiles, ['package.json', 'package-lock.json']);
    assert.equal(node.nodeVersion, '20');
    assert.equal(node.nodeVersionSource, '.nvmrc');
    assert.equal(node.framework, 'express');
    assert.equal(node.kind, 'server');
    assert.deepEqual(Object.keys(node.scripts).sort(), ['build', 'lint', 'start', 'test']);
    assert.equal(node.scripts.build, 'tsc -p tsconfig.json');
    assert.deepEqual(storesOf(profile), []);
    assert.deepEqual(node.dependencies, ['@types/express', '@types/node', 'express', 'typescript']);
    assert.deepEqual(node.devDependencies, ['@types/express', '@types/node', 'typescript']);
  });

  it('ts-pnpm: packageManager field, .node-version, vite spa, scoped name', () => {
    const profile = detect(project('ts-pnpm'));
    assert.equal(profile.name, 'web');
    const node = nodeApp(profile);
    assert.equal(node.name, 'web');
    assert.equal(node.packageManager, 'pnpm');
    assert.equal(node.packageManagerVersion, '9.12.0');
    assert.equal(node.lockFile, 'pnpm-lock.yaml');
    assert.equal(node.nodeVersion, '22');
    assert.equal(node.nodeVersionSource, '.node-version');
    assert.equal(node.framework, 'vite');
    assert.equal(node.kind, 'spa');
    assert.deepEqual(Object.keys(node.scripts).sort(), ['build', 'dev', 'lint', 'test', 'typecheck']);
  });

  it('fullstack: backend (uv, fastapi, postgres) + frontend (npm, vite spa), layout multi', () => {
    const profile = detect(project('fullstack'));
    assert.equal(profile.name, 'fullstack');
    assert.equal(profile.layout, 'multi');
    assert.deepEqual(profile.languages, ['python', 'typescript']);
    assert.deepEqual(profile.apps.map((a) => [a.path, a.name, a.language]), [
      ['backend', 'backend', 'python'],
      ['frontend', 'frontend', 'typescript'],
    ]);
    const backend = pythonApp(profile, 'backend');
    assert.equal(backend.packageManager, 'uv');
    assert.equal(backend.lockFile, 'uv.lock');
    assert.equal(backend.pythonVersion, '3.12');
    assert.equal(backend.framework, 'fastapi');
    assert.equal(backend.migrations, 'alembic');
    assert.deepEqual(storesOf(profile, 'backend'), ['postgres']);
    assert.deepEqual(backend.tools, ['ruff', 'mypy', 'pytest']);
    assert.equal(backend.packageName, 'app');
    const frontend = nodeApp(profile, 'frontend');
    assert.equal(frontend.packageManager, 'npm');
    assert.equal(frontend.lockFile, 'package-lock.json');
    assert.equal(frontend.framework, 'vite');
    assert.equal(frontend.kind, 'spa');
    assert.equal(frontend.nodeVersion, DEFAULT_NODE_VERSION);
    assert.equal(frontend.nodeVersionSource, 'default');
    assert.equal(profile.existing.gitignore, true);
  });

  it('empty: layout none, no apps, name from the folder', () => {
    const profile = detect(project('empty'));
    assert.equal(profile.layout, 'none');
    assert.deepEqual(profile.apps, []);
    assert.deepEqual(profile.languages, []);
    assert.equal(profile.name, 'empty');
    assert.deepEqual(profile.existing, {
      dockerfiles: [], ownDockerfiles: [], ci: { jobs: [], runnerLabels: [] }, composeFiles: [], workflows: [], terraformFiles: [], makefile: false, agentsMd: false, gitignore: false,
      defaultBranch: { value: 'main', from: 'default' }, envTracked: false,
    });
  });

  it('root is absolute and paths are POSIX', () => {
    const dir = project('fullstack');
    const profile = detect(join(dir, 'backend', '..'));
    assert.equal(profile.root, dir);
  });

  for (const name of [...FIXTURES, ...MALFORMED_FIXTURES, 'empty']) {
    it(`writes nothing (${name})`, () => {
      const dir = project(name);
      const before = treeHash(dir);
      try {
        detect(dir);
      } catch {
        // Malformed fixtures throw; they must not write either.
      }
      assert.equal(treeHash(dir), before);
    });
  }
});

// ---------------------------------------------------------------- malformed manifests

describe('detect: malformed manifests', () => {
  it('package.json with a syntax error on line 4 names the file and line', () => {
    const error = expectError(project('malformed-package-json'), 'package.json', 4);
    assert.match(error.message, /invalid JSON/);
  });

  it('pyproject.toml with a TOML error names the file and line, with an excerpt', () => {
    const error = expectError(project('malformed-pyproject'), 'pyproject.toml', 10);
    assert.match(error.message, /invalid TOML/);
    assert.match(error.message, /line-length = 100 100/);
  });

  it('a malformed manifest in a sub-folder is reported with its relative path', () => {
    const dir = project('fullstack');
    write(dir, 'frontend/package.json', '{\n  "name": "x",\n  "version": "1.0.0",\n}\n');
    expectError(dir, 'frontend/package.json', 4);
  });

  it('a malformed Pipfile names the file and line', () => {
    const dir = project('empty');
    write(dir, 'Pipfile', '[packages]\nflask = "*"\n\n[requires\npython_version = "3.11"\n');
    expectError(dir, 'Pipfile', 4);
  });

  it('truncated package.json reports the last line', () => {
    const dir = project('empty');
    write(dir, 'package.json', '{\n  "name": "x",\n  "scripts": {\n');
    expectError(dir, 'package.json', 3);
  });

  it('package.json that is not an object is an error', () => {
    const dir = project('empty');
    write(dir, 'package.json', '[]\n');
    expectError(dir, 'package.json', 1);
  });

  it('other broken files (lock files, tsconfig) are not read as manifests', () => {
    const dir = project('ts-npm');
    write(dir, 'tsconfig.json', '{ // comments are fine in tsconfig\n}');
    write(dir, 'package-lock.json', '{ broken');
    assert.equal(detect(dir).layout, 'single');
  });

  it('a missing project folder is an AiProjenError', () => {
    assert.throws(() => detect('/nonexistent/ai-projen/project'), AiProjenError);
  });

  it('jsonErrorOffset finds the first error and accepts valid JSON', () => {
    assert.equal(jsonErrorOffset('{"a": [1, 2.5e3, true, null, "\\u00e9\\n"]}'), undefined);
    assert.equal(jsonErrorOffset('{"a": 1,}'), 8);
    assert.equal(jsonErrorOffset('{"a": tru}'), 6);
    assert.equal(jsonErrorOffset('{"a": 1} x'), 9);
    assert.equal(jsonErrorOffset(''), 0);
  });
});

// ---------------------------------------------------------------- walk

describe('detect: bounded walk', () => {
  it('ignores node_modules, .venv, .git, build output and .gitignore\'d folders', () => {
    const dir = project('fullstack');
    const manifest = json({ name: 'hidden', dependencies: { express: '4' } });
    write(dir, 'node_modules/left-pad/package.json', manifest);
    write(dir, 'frontend/node_modules/vite/package.json', manifest);
    write(dir, '.venv/lib/pyproject.toml', '[project]\nname = "hidden"\n');
    write(dir, 'venv/pyproject.toml', '[project]\nname = "hidden"\n');
    write(dir, '.git/package.json', manifest);
    write(dir, 'dist/package.json', manifest);
    write(dir, 'backend/__pycache__/requirements.txt', 'flask\n');
    write(dir, 'tmp/package.json', manifest); // tmp/ is in the fixture's .gitignore
    write(dir, 'crash.log', '');
    const profile = detect(dir);
    assert.deepEqual(profile.apps.map((a) => a.path), ['backend', 'frontend']);
  });

  it('never reads pruned or ignored folders (their size does not matter)', () => {
    const dir = project('fullstack');
    for (let i = 0; i < 50; i++) write(dir, `node_modules/pkg${i}/package.json`, '{}');
    write(dir, '.venv/lib/python3.12/site-packages/x.py');
    write(dir, '.git/objects/ab/cdef');
    write(dir, 'tmp/deep/x');
    write(dir, 'frontend/node_modules/react/index.js');
    const { dirs } = recordReaddirs(() => detect(dir));
    const offenders = dirs.filter((d) => /(^|\/)(node_modules|\.venv|\.git|tmp)(\/|$)/.test(d.slice(dir.length)));
    assert.deepEqual(offenders, []);
    assert.ok(dirs.length < 30, `read ${dirs.length} folders`);
  });

  it('respects the depth bound: folders up to three levels below the root', () => {
    const dir = project('empty');
    write(dir, 'a/b/c/d/package.json', json({ name: 'too-deep' }));
    assert.equal(detect(dir).layout, 'none');
    write(dir, 'x/y/z/package.json', json({ name: 'deep-enough', dependencies: { express: '4' } }));
    const profile = detect(dir);
    assert.deepEqual(profile.apps.map((a) => [a.path, a.name]), [['x/y/z', 'z']]);
    const walked = walk(dir).map((d) => d.path);
    assert.ok(walked.includes('a/b/c'));
    assert.ok(!walked.includes('a/b/c/d'));
  });

  it('supports simple .gitignore patterns', () => {
    const ignored = compileGitignore(['# comment', 'secret', 'out/', '/vendor', '*.log', 'gen/*', '!gen/keep', 'docs/**/draft', ''].join('\n'));
    assert.equal(ignored('secret', false), true);
    assert.equal(ignored('a/secret', true), true);
    assert.equal(ignored('out', true), true);
    assert.equal(ignored('out', false), false); // 'out/' only matches folders
    assert.equal(ignored('a/out', true), true);
    assert.equal(ignored('vendor', true), true);
    assert.equal(ignored('a/vendor', true), false); // anchored
    assert.equal(ignored('x.log', false), true);
    assert.equal(ignored('a/b/x.log', false), true);
    assert.equal(ignored('gen/a', true), true);
    assert.equal(ignored('gen', true), false);
    assert.equal(ignored('gen/keep', true), false);
    assert.equal(ignored('docs/draft', true), true);
    assert.equal(ignored('docs/a/b/draft', true), true);
    assert.equal(ignored('src', true), false);
  });

  it('applies .gitignore patterns while walking (dir/*, /anchored, name/)', () => {
    const dir = project('empty');
    write(dir, '.gitignore', 'generated/*\n/vendor\nscratch/\n');
    const manifest = json({ name: 'x', dependencies: { express: '4' } });
    write(dir, 'generated/api/package.json', manifest);
    write(dir, 'vendor/package.json', manifest);
    write(dir, 'apps/scratch/package.json', manifest);
    write(dir, 'apps/vendor/package.json', manifest);
    assert.deepEqual(detect(dir).apps.map((a) => a.path), ['apps/vendor']);
  });
});

// ---------------------------------------------------------------- Python

describe('detect: Python', () => {
  it('Pipfile -> pipenv, Pipfile.lock, python_version', () => {
    const dir = project('empty');
    write(dir, 'Pipfile', '[packages]\nflask = "*"\ncelery = { extras = ["redis"], version = "*" }\n\n[dev-packages]\npytest = "*"\n\n[requires]\npython_version = "3.11"\n');
    write(dir, 'Pipfile.lock', '{}');
    const profile = detect(dir);
    const py = pythonApp(profile);
    assert.equal(py.packageManager, 'pipenv');
    assert.equal(py.lockFile, 'Pipfile.lock');
    assert.deepEqual(py.manifestFiles, ['Pipfile', 'Pipfile.lock']);
    assert.equal(py.pythonVersion, '3.11');
    assert.equal(py.pythonVersionSource, 'requires-python');
    assert.equal(py.framework, 'flask');
    assert.deepEqual(py.devDependencies, ['pytest']);
    assert.deepEqual(storesOf(profile), ['redis']); // celery[redis]
  });

  it('pdm from [tool.pdm] or pdm.lock', () => {
    const dir = project('empty');
    write(dir, 'pyproject.toml', '[project]\nname = "p"\ndependencies = ["fastapi"]\n\n[tool.pdm.dev-dependencies]\ntest = ["pytest>=8"]\n');
    let py = pythonApp(detect(dir));
    assert.equal(py.packageManager, 'pdm');
    assert.deepEqual(py.devDependencies, ['pytest']);
    assert.equal(py.lockFile, undefined);
    write(dir, 'pyproject.toml', '[project]\nname = "p"\n');
    write(dir, 'pdm.lock', '');
    py = pythonApp(detect(dir));
    assert.equal(py.packageManager, 'pdm');
    assert.equal(py.lockFile, 'pdm.lock');
  });

  it('hatch from [tool.hatch], dev tools from hatch envs', () => {
    const dir = project('empty');
    write(dir, 'pyproject.toml', '[project]\nname = "h"\nrequires-python = "~=3.10"\ndependencies = ["Django>=5"]\n\n[tool.hatch.envs.default]\ndependencies = ["pytest", "mypy"]\n');
    const py = pythonApp(detect(dir));
    assert.equal(py.packageManager, 'hatch');
    assert.equal(py.pythonVersion, '3.10');
    assert.equal(py.framework, 'django');
    assert.deepEqual(py.tools, ['mypy', 'pytest']);
    assert.deepEqual(py.devDependencies, ['mypy', 'pytest']);
  });

  it('plain [project] with setuptools -> pip; tools from [tool.*] sections and config files', () => {
    const dir = project('empty');
    write(dir, 'pyproject.toml', '[build-system]\nrequires = ["setuptools"]\n\n[project]\nname = "Plain_Pkg"\ndependencies = ["asyncpg"]\n\n[project.optional-dependencies]\ntest = ["pytest-cov"]\nredis = ["redis"]\n\n[tool.black]\nline-length = 100\n\n[tool.pytest.ini_options]\naddopts = "-q"\n');
    write(dir, '.flake8', '[flake8]\n');
    write(dir, 'setup.cfg', '[isort]\nprofile = black\n');
    write(dir, 'plain_pkg/__init__.py');
    write(dir, 'tests/__init__.py');
    const profile = detect(dir);
    assert.equal(profile.name, 'plain-pkg');
    const py = pythonApp(profile);
    assert.equal(py.packageManager, 'pip');
    assert.deepEqual(py.tools, ['black', 'pytest', 'flake8', 'isort']);
    assert.equal(py.packageName, 'plain_pkg');
    assert.deepEqual(py.devDependencies, ['pytest-cov']); // 'redis' extra is runtime
    assert.deepEqual(storesOf(profile), ['postgres', 'redis']);
    assert.deepEqual(py.manifestFiles, ['pyproject.toml', 'setup.cfg']);
  });

  it('lock files beat [tool.*] tables; poetry.lock alone -> poetry', () => {
    const dir = project('empty');
    write(dir, 'pyproject.toml', '[project]\nname = "m"\n\n[tool.poetry]\npackage-mode = false\n');
    write(dir, 'uv.lock', 'version = 1\n');
    assert.equal(pythonApp(detect(dir)).packageManager, 'uv');
    const other = project('empty');
    write(other, 'pyproject.toml', '[project]\nname = "m"\n');
    write(other, 'poetry.lock', '');
    assert.equal(pythonApp(detect(other)).packageManager, 'poetry');
  });

  it('setup.py -> pip, install_requires read without executing it', () => {
    const dir = project('empty');
    write(dir, 'setup.py', 'from setuptools import setup\nsetup(\n    name="legacy",\n    install_requires=[\n        "Flask>=2",\n        "psycopg2",\n    ],\n)\n');
    const profile = detect(dir);
    const py = pythonApp(profile);
    assert.equal(py.packageManager, 'pip');
    assert.deepEqual(py.manifestFiles, ['setup.py']);
    assert.equal(py.framework, 'flask');
    assert.deepEqual(storesOf(profile), ['postgres']);
  });

  it('requirements/ folder (split requirements) is read, dev files classified by name', () => {
    const dir = project('empty');
    write(dir, 'requirements/base.txt', 'fastapi\nredis\n');
    write(dir, 'requirements/dev.txt', '-r base.txt\nruff\n');
    const py = pythonApp(detect(dir));
    assert.deepEqual(py.manifestFiles, ['requirements/base.txt', 'requirements/dev.txt']);
    assert.deepEqual(py.devDependencies, ['ruff']);
    assert.deepEqual(py.tools, ['ruff']);
  });

  it('.python-version takes precedence, from the app folder or above it', () => {
    const dir = project('fullstack');
    write(dir, '.python-version', 'pypy3.10-7.3.12\n');
    assert.equal(pythonApp(detect(dir), 'backend').pythonVersion, '3.10');
    write(dir, 'backend/.python-version', '3.13.0\n');
    const py = pythonApp(detect(dir), 'backend');
    assert.equal(py.pythonVersion, '3.13');
    assert.equal(py.pythonVersionSource, '.python-version');
  });

  it('parses requirement lines (extras, markers, URLs, options)', () => {
    assert.deepEqual(parseRequirement('psycopg[binary,pool]>=3.2 ; python_version >= "3.9"', false), { name: 'psycopg', extras: ['binary', 'pool'], dev: false });
    assert.equal(parseRequirement('Flask_SQLAlchemy==3.1', false)?.name, 'flask-sqlalchemy');
    assert.equal(parseRequirement('zope.interface', false)?.name, 'zope-interface');
    assert.equal(parseRequirement('Django  # pinned elsewhere', false)?.name, 'django');
    assert.equal(parseRequirement('mylib @ https://example.com/mylib.whl', false)?.name, 'mylib');
    assert.equal(parseRequirement('git+https://github.com/a/b.git#egg=b_lib', false)?.name, 'b-lib');
    assert.equal(parseRequirement('-r base.txt', false), undefined);
    assert.equal(parseRequirement('--index-url https://x', false), undefined);
    assert.equal(parseRequirement('# only a comment', false), undefined);
  });

  it('parses Python version constraints', () => {
    const cases: Array<[string, string | undefined]> = [
      ['>=3.11', '3.11'], ['^3.12', '3.12'], ['~=3.10', '3.10'], ['~3.11', '3.11'], ['==3.11.*', '3.11'],
      ['>=3.9,<3.13', '3.9'], ['>=3.9, <4.0', '3.9'], ['>= 3.10', '3.10'], ['3.11', '3.11'], ['>3.10', '3.10'],
      ['<3.13', undefined], ['*', undefined], ['>=3', undefined], ['', undefined],
    ];
    for (const [spec, expected] of cases) assert.equal(parsePythonRequirement(spec), expected, spec);
    assert.equal(parsePythonVersionFile('3.11.9\n'), '3.11');
    assert.equal(parsePythonVersionFile('3.13t\n'), '3.13');
    assert.equal(parsePythonVersionFile('system\n3.12.1\n'), '3.12');
    assert.equal(parsePythonVersionFile('# pyenv\n\n3.10\n'), '3.10');
    assert.equal(parsePythonVersionFile('system\n'), undefined);
  });

  it('a .python-version without a usable version falls back to requires-python', () => {
    const dir = project('python-uv');
    write(dir, '.python-version', 'system\n');
    const py = pythonApp(detect(dir));
    assert.equal(py.pythonVersion, '3.12');
    assert.equal(py.pythonVersionSource, 'requires-python');
  });

  it('no package found -> packageName undefined; tests/ is not a package', () => {
    const dir = project('empty');
    write(dir, 'requirements.txt', 'flask\n');
    write(dir, 'tests/__init__.py');
    write(dir, 'app.py', '');
    const py = pythonApp(detect(dir));
    assert.equal(py.packageName, undefined);
    assert.equal(py.srcLayout, false);
  });
});

// ---------------------------------------------------------------- Node

describe('detect: Node', () => {
  const base = { name: 'n', version: '1.0.0' };

  it('lock files: bun.lockb -> bun, bun.lock -> bun, yarn.lock -> yarn, pnpm-lock -> pnpm, none -> npm', () => {
    const cases: Array<[string | undefined, string]> = [
      ['bun.lockb', 'bun'], ['bun.lock', 'bun'], ['yarn.lock', 'yarn'], ['pnpm-lock.yaml', 'pnpm'], ['package-lock.json', 'npm'], [undefined, 'npm'],
    ];
    for (const [lock, manager] of cases) {
      const dir = project('empty');
      write(dir, 'package.json', json(base));
      if (lock) write(dir, lock, '');
      const node = nodeApp(detect(dir));
      assert.equal(node.packageManager, manager, String(lock));
      assert.equal(node.lockFile, lock);
      assert.equal(node.language, 'javascript');
    }
  });

  it('the packageManager field wins over lock files and carries the version', () => {
    const dir = project('empty');
    write(dir, 'package.json', json({ ...base, packageManager: 'yarn@4.5.0+sha224.abcdef' }));
    write(dir, 'package-lock.json', '{}');
    const node = nodeApp(detect(dir));
    assert.equal(node.packageManager, 'yarn');
    assert.equal(node.packageManagerVersion, '4.5.0');
    assert.equal(node.lockFile, undefined); // package-lock.json is not yarn's lock
    assert.deepEqual(parsePackageManagerField('pnpm@9.12.0'), { manager: 'pnpm', version: '9.12.0' });
    assert.deepEqual(parsePackageManagerField('bun'), { manager: 'bun' });
    assert.equal(parsePackageManagerField('deno@2.0.0'), undefined);
  });

  it('Node version: .nvmrc, .node-version, engines, default; lts/* means the default', () => {
    const dir = project('empty');
    write(dir, 'package.json', json({ ...base, engines: { node: '^18.17' } }));
    let node = nodeApp(detect(dir));
    assert.deepEqual([node.nodeVersion, node.nodeVersionSource], ['18', 'engines']);
    write(dir, '.node-version', 'v20.11.1\n');
    node = nodeApp(detect(dir));
    assert.deepEqual([node.nodeVersion, node.nodeVersionSource], ['20', '.node-version']);
    write(dir, '.nvmrc', 'lts/*\n');
    node = nodeApp(detect(dir));
    assert.deepEqual([node.nodeVersion, node.nodeVersionSource], [DEFAULT_NODE_VERSION, 'default']);
    write(dir, '.nvmrc', 'lts/iron\n');
    node = nodeApp(detect(dir));
    assert.deepEqual([node.nodeVersion, node.nodeVersionSource], ['20', '.nvmrc']);
    const bare = project('empty');
    write(bare, 'package.json', json(base));
    node = nodeApp(detect(bare));
    assert.deepEqual([node.nodeVersion, node.nodeVersionSource], [DEFAULT_NODE_VERSION, 'default']);
  });

  it('parses engines ranges and version files', () => {
    const engines: Array<[string, string | undefined]> = [
      // The newest maintained LTS the range admits, else the newest LTS line it admits (past its end of life).
      ['>=20', VERSIONS.nodeLts[0]], ['^18.17', '18'], ['20.x', '20'], ['>=18 <21', '20'], ['^18 || ^20', '20'], ['>= 20.0.0', VERSIONS.nodeLts[0]], ['~20.11.0', '20'],
      ['^22 || ^24', '24'], ['*', VERSIONS.nodeLts[0]], ['not a range', undefined],
    ];
    for (const [range, expected] of engines) assert.equal(parseEnginesNode(range), expected, range);
    assert.equal(parseNodeVersionFile('v20.11.1\n'), '20');
    assert.equal(parseNodeVersionFile('22\n'), '22');
    assert.equal(parseNodeVersionFile('lts/*'), undefined);
    assert.equal(parseNodeVersionFile('lts/jod'), '22');
    assert.equal(parseNodeVersionFile('node'), undefined);
    assert.equal(parseNodeVersionFile(''), undefined);
    assert.deepEqual(lowerBound('>=3.9,<4'), { major: 3, minor: 9 });
  });

  it('frameworks: server frameworks win; next and nest are servers; react alone is a spa', () => {
    const cases: Array<[Record<string, string>, string | undefined, 'server' | 'spa']> = [
      [{ next: '15', react: '18' }, 'next', 'server'],
      [{ '@nestjs/core': '10', express: '4' }, 'nest', 'server'],
      [{ express: '4', react: '18', vite: '5' }, 'express', 'server'],
      [{ fastify: '5' }, 'fastify', 'server'],
      [{ koa: '2' }, 'koa', 'server'],
      [{ hono: '4' }, 'hono', 'server'],
      [{ react: '18' }, 'react', 'spa'],
      [{ vue: '3', vite: '5' }, 'vite', 'spa'],
      [{ svelte: '5' }, 'svelte', 'spa'],
      [{ '@angular/core': '18' }, 'angular', 'spa'],
      [{ lodash: '4' }, undefined, 'server'],
    ];
    for (const [dependencies, framework, kind] of cases) {
      const dir = project('empty');
      write(dir, 'package.json', json({ ...base, dependencies }));
      const node = nodeApp(detect(dir));
      assert.equal(node.framework, framework, JSON.stringify(dependencies));
      assert.equal(node.kind, kind, JSON.stringify(dependencies));
    }
  });

  it('data stores from pg/postgres/ioredis/redis and prisma with a postgresql datasource', () => {
    const dir = project('empty');
    write(dir, 'package.json', json({ ...base, dependencies: { pg: '8', ioredis: '5' } }));
    assert.deepEqual(storesOf(detect(dir)), ['postgres', 'redis']);
    const prisma = project('empty');
    write(prisma, 'package.json', json({ ...base, dependencies: { '@prisma/client': '5' } }));
    assert.deepEqual(storesOf(detect(prisma)), []);
    write(prisma, 'prisma/schema.prisma', 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n');
    assert.deepEqual(storesOf(detect(prisma)), ['postgres']);
    write(prisma, 'prisma/schema.prisma', 'datasource db {\n  provider = "mysql"\n  url = env("DATABASE_URL")\n}\n');
    write(prisma, 'package.json', json({ ...base, dependencies: { '@prisma/client': '5', pg: '8', mongoose: '8' } }));
    assert.deepEqual(storesOf(detect(prisma)), ['mysql', 'mongodb'], 'the datasource wins over an installed pg; mongoose is its own store');
  });

  it('typescript from tsconfig.json or the typescript dependency', () => {
    const dir = project('empty');
    write(dir, 'package.json', json({ ...base, devDependencies: { typescript: '5' } }));
    assert.equal(nodeApp(detect(dir)).language, 'typescript');
    const other = project('empty');
    write(other, 'package.json', json(base));
    write(other, 'tsconfig.json', '{}');
    assert.equal(nodeApp(detect(other)).language, 'typescript');
  });
});

// ---------------------------------------------------------------- layout

describe('detect: layout and names', () => {
  it('apps/* + services/* + packages/* monorepo with a workspaces-only root', () => {
    const dir = project('empty');
    write(dir, 'package.json', json({
      name: '@acme/monorepo', private: true, packageManager: 'pnpm@9.1.0', workspaces: ['apps/*', 'packages/*'],
      scripts: { build: 'turbo build', test: 'turbo test' }, devDependencies: { turbo: '2', typescript: '5' },
    }));
    write(dir, 'pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
    write(dir, '.nvmrc', 'v20.11.1\n');
    write(dir, 'apps/api/package.json', json({ name: '@acme/api', dependencies: { fastify: '5', pg: '8' } }));
    write(dir, 'apps/api/tsconfig.json', '{}');
    write(dir, 'apps/web/package.json', json({ name: '@acme/web', dependencies: { next: '15', react: '18' } }));
    write(dir, 'packages/ui/package.json', json({ name: '@acme/ui', dependencies: { react: '18' } }));
    write(dir, 'services/worker/pyproject.toml', '[project]\nname = "worker"\ndependencies = ["celery[redis]"]\n');
    write(dir, 'apps/api/test/fixtures/package.json', '{ not json'); // test data is never an app
    const profile = detect(dir);
    assert.equal(profile.name, 'monorepo');
    assert.equal(profile.layout, 'multi');
    assert.deepEqual(profile.apps.map((a) => [a.path, a.name, a.language]), [
      ['apps/api', 'api', 'typescript'],
      ['apps/web', 'web', 'javascript'],
      ['packages/ui', 'ui', 'javascript'],
      ['services/worker', 'worker', 'python'],
    ]);
    assert.deepEqual(profile.languages, ['python', 'typescript', 'javascript']);
    const api = nodeApp(profile, 'apps/api');
    assert.equal(api.packageManager, 'pnpm');
    assert.equal(api.packageManagerVersion, '9.1.0');
    assert.equal(api.lockFile, undefined); // the lock lives at the workspace root
    assert.deepEqual([api.nodeVersion, api.nodeVersionSource], ['20', '.nvmrc']);
    assert.deepEqual(storesOf(profile, 'apps/api'), ['postgres']);
    assert.equal(nodeApp(profile, 'apps/web').framework, 'next');
    assert.deepEqual(storesOf(profile, 'services/worker'), ['redis']);
    // The workspace the members install from; the Python service is no member.
    assert.deepEqual(api.workspace, { root: '.', rootName: '@acme/monorepo', lockFile: 'pnpm-lock.yaml', configFiles: [], members: ['apps/api', 'apps/web', 'packages/ui'], localDependencies: [], buildOrder: [] });
    assert.equal(nodeApp(profile, 'packages/ui').library, undefined, 'nobody imports ui: not a library');
  });

  it('workspace members: the packages an app imports (transitively, built in dependency order) and libraries', () => {
    const dir = project('empty');
    write(dir, 'package.json', json({ name: 'mono', private: true, workspaces: { packages: ['apps/*', 'packages/*', '!packages/legacy'] } }));
    write(dir, 'package-lock.json', '{}');
    write(dir, '.npmrc', 'save-exact=true\n');
    write(dir, 'apps/web/package.json', json({ name: '@m/web', scripts: { dev: 'vite', build: 'vite build' }, dependencies: { react: '18', '@m/ui': '*' }, devDependencies: { vite: '5' } }));
    write(dir, 'packages/ui/package.json', json({ name: '@m/ui', main: 'dist/index.js', scripts: { build: 'tsc' }, dependencies: { '@m/tokens': '*', '@m/config': '*' } }));
    write(dir, 'packages/tokens/package.json', json({ name: '@m/tokens', main: 'dist/index.js', scripts: { build: 'tsc' }, dependencies: { '@m/config': '*' } }));
    write(dir, 'packages/config/package.json', json({ name: '@m/config', main: 'index.js' }));
    // Imported by web, but it serves something itself: a service, not a library.
    write(dir, 'packages/mock-api/package.json', json({ name: '@m/mock-api', scripts: { start: 'node server.js' }, dependencies: { express: '4' } }));
    write(dir, 'apps/admin/package.json', json({ name: '@m/admin', scripts: { start: 'node server.js' }, dependencies: { '@m/mock-api': '*', express: '4' } }));
    write(dir, 'packages/legacy/package.json', json({ name: '@m/legacy', main: 'index.js', dependencies: { lodash: '4' } }));
    const profile = detect(dir);
    const web = nodeApp(profile, 'apps/web');
    assert.deepEqual(web.workspace, {
      root: '.',
      rootName: 'mono',
      lockFile: 'package-lock.json',
      configFiles: ['.npmrc'],
      members: ['apps/admin', 'apps/web', 'packages/config', 'packages/mock-api', 'packages/tokens', 'packages/ui'],
      localDependencies: ['packages/config', 'packages/tokens', 'packages/ui'],
      buildOrder: ['packages/tokens', 'packages/ui'],
    });
    assert.equal(web.library, undefined);
    for (const library of ['packages/ui', 'packages/tokens', 'packages/config']) assert.equal(nodeApp(profile, library).library, true, library);
    assert.equal(nodeApp(profile, 'packages/mock-api').library, undefined);
    // Excluded by '!packages/legacy': detected as an app of its own, outside the workspace.
    assert.equal(nodeApp(profile, 'packages/legacy').workspace, undefined);
  });

  it('pnpm-workspace.yaml declares the members; a malformed one names the file and line', () => {
    const dir = project('empty');
    write(dir, 'package.json', json({ name: 'mono', private: true }));
    write(dir, 'pnpm-workspace.yaml', 'packages:\n  - "services/**"\n');
    write(dir, 'services/a/api/package.json', json({ name: 'a-api', dependencies: { fastify: '5' } }));
    write(dir, 'tools/cli/package.json', json({ name: 'cli', bin: 'cli.js' }));
    const profile = detect(dir);
    assert.deepEqual(nodeApp(profile, 'services/a/api').workspace?.members, ['services/a/api']);
    assert.equal(nodeApp(profile, 'services/a/api').workspace?.configFiles.includes('pnpm-workspace.yaml'), true);
    assert.equal(nodeApp(profile, 'tools/cli').workspace, undefined, 'not matched by the globs');
    write(dir, 'pnpm-workspace.yaml', 'packages:\n  - apps/*\n - bad: [\n');
    expectError(dir, 'pnpm-workspace.yaml', 3);
  });

  it('a workspaces-only root without sub-apps stays the (single) app', () => {
    const dir = project('empty');
    write(dir, 'package.json', json({ name: 'lonely', private: true, workspaces: ['apps/*'] }));
    const profile = detect(dir);
    assert.equal(profile.layout, 'single');
    assert.deepEqual(profile.apps.map((a) => a.path), ['.']);
  });

  it('a root app with its own code plus a sub-folder app -> multi, root app named after the project', () => {
    const dir = project('ts-npm');
    write(dir, 'worker/requirements.txt', 'redis\n');
    const profile = detect(dir);
    assert.equal(profile.layout, 'multi');
    assert.deepEqual(profile.apps.map((a) => [a.path, a.name]), [['.', 'ts-npm-api'], ['worker', 'worker']]);
  });

  it('a tooling-only package.json next to a Python root app is not an app', () => {
    const dir = project('python-uv');
    write(dir, 'package.json', json({ name: 'tooling', private: true, devDependencies: { prettier: '3', husky: '9' } }));
    const profile = detect(dir);
    assert.equal(profile.name, 'uv-service');
    assert.deepEqual(profile.apps.map((a) => a.language), ['python']);
  });

  it('a config-only root pyproject.toml is dropped when sub-folder apps exist', () => {
    const dir = project('fullstack');
    write(dir, 'pyproject.toml', '[tool.ruff]\nline-length = 100\n');
    assert.deepEqual(detect(dir).apps.map((a) => a.path), ['backend', 'frontend']);
  });

  it('docs/requirements.txt and examples are not apps; nested folders of an app are not apps', () => {
    const dir = project('python-poetry');
    write(dir, 'docs/requirements.txt', 'mkdocs\n');
    write(dir, 'examples/demo/package.json', json({ name: 'demo' }));
    const profile = detect(dir);
    assert.equal(profile.layout, 'single');
    const multi = project('fullstack');
    write(multi, 'frontend/e2e/package.json', json({ name: 'e2e' }));
    write(multi, 'backend/tools/requirements.txt', 'click\n');
    assert.deepEqual(detect(multi).apps.map((a) => a.path), ['backend', 'frontend']);
  });

  it('same folder basename in two places -> names from the whole path', () => {
    const dir = project('empty');
    write(dir, 'apps/web/package.json', json({ name: 'a', dependencies: { vite: '5' } }));
    write(dir, 'packages/web/package.json', json({ name: 'b', dependencies: { react: '18' } }));
    assert.deepEqual(detect(dir).apps.map((a) => a.name), ['apps-web', 'packages-web']);
  });

  it('normalises names to lowercase-hyphenated, at most 32 characters', () => {
    assert.equal(normaliseName('My_Cool.App!!'), 'my-cool-app');
    assert.equal(normaliseName('--a--b--'), 'a-b');
    assert.equal(normaliseName('a'.repeat(31) + '-bcd'), 'a'.repeat(31));
    assert.equal(normaliseName('___'), 'app');
    assert.equal(normaliseName('Café Crème'), 'cafe-creme');
    assert.equal(normaliseName('2024-site'), 'app-2024-site');
    const dir = project('empty');
    write(dir, 'package.json', json({ name: '@Scope/Some_Package.JS' }));
    assert.equal(detect(dir).name, 'some-package-js');
  });
});

// ---------------------------------------------------------------- existing infrastructure

describe('detect: workspace globs and dependency order', () => {
  it('workspacePattern: * is one folder level, ** any depth, ./ and trailing slashes ignored', () => {
    assert.ok(workspacePattern('apps/*').test('apps/api'));
    assert.ok(!workspacePattern('apps/*').test('apps/api/x'));
    assert.ok(workspacePattern('./packages/**/').test('packages/a/b'));
    assert.ok(workspacePattern('tools/cli').test('tools/cli'));
    assert.ok(!workspacePattern('tools/cli').test('tools/clix'));
    assert.ok(workspacePattern('libs/ui-*').test('libs/ui-kit') && !workspacePattern('libs/ui-*').test('libs/api'));
    assert.ok(!workspacePattern('a.b/*').test('aXb/c'), 'dots are literal');
  });

  it('matchMembers: negated globs exclude; the root is never a member', () => {
    assert.deepEqual(matchMembers(['apps/*', '!apps/old', '.'], ['.', 'apps/old', 'apps/web', 'apps/api', 'docs/site']), ['apps/api', 'apps/web']);
  });

  it('dependencyOrder: each member after what it needs, once, cycles included', () => {
    const needs: Record<string, string[]> = { app: ['ui', 'util'], ui: ['util', 'tokens'], tokens: ['util'], util: [], loop: ['app'] };
    assert.deepEqual(dependencyOrder((m) => needs[m] ?? [], 'app'), ['util', 'tokens', 'ui']);
    const cyclic: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a', 'b'] };
    assert.deepEqual(dependencyOrder((m) => cyclic[m] ?? [], 'a'), ['c', 'b']);
  });
});

describe('detect: existing infrastructure', () => {
  it('finds Dockerfiles, compose files, workflows, Terraform, Makefile, AGENTS.md, .gitignore', () => {
    const dir = project('fullstack');
    for (const file of [
      'Dockerfile', 'backend/Dockerfile', 'frontend/web.Dockerfile', 'Dockerfile.prod', 'Dockerfile.dockerignore',
      'compose.yaml', 'docker-compose.prod.yml', 'docker-compose.override.yaml', 'compose-notes.yml',
      '.github/workflows/ci.yml', '.github/workflows/deploy.yaml', '.github/workflows/README.md', '.github/dependabot.yml',
      'infra/terraform/main.tf', 'infra/terraform/.terraform/modules/x.tf', 'Makefile', 'AGENTS.md',
    ]) write(dir, file);
    const { existing } = detect(dir);
    assert.deepEqual(existing.dockerfiles, ['Dockerfile', 'Dockerfile.prod', 'backend/Dockerfile', 'frontend/web.Dockerfile']);
    assert.deepEqual(existing.composeFiles, ['compose.yaml', 'docker-compose.override.yaml', 'docker-compose.prod.yml']);
    assert.deepEqual(existing.workflows, ['.github/workflows/ci.yml', '.github/workflows/deploy.yaml']);
    assert.deepEqual(existing.terraformFiles, ['infra/terraform/main.tf']);
    assert.equal(existing.makefile, true);
    assert.equal(existing.agentsMd, true);
    assert.equal(existing.gitignore, true);
  });

  it('GNUmakefile counts as a Makefile', () => {
    const dir = project('empty');
    write(dir, 'GNUmakefile');
    assert.equal(detect(dir).existing.makefile, true);
  });
});

describe('detect: infrastructure written by ai-projen itself', () => {
  it('sees the Docker plugin\'s .docker/dockerfiles and the Terraform workspaces below the depth bound', () => {
    const dir = copyFixture('fullstack');
    mkdirSync(join(dir, '.docker/dockerfiles'), { recursive: true });
    writeFileSync(join(dir, '.docker/dockerfiles/backend.Dockerfile'), 'FROM python:3.12-slim\n');
    writeFileSync(join(dir, '.docker/dockerfiles/backend.Dockerfile.dockerignore'), '.git\n');
    mkdirSync(join(dir, 'infra/terraform/workspaces/base/tests'), { recursive: true });
    writeFileSync(join(dir, 'infra/terraform/workspaces/base/main.tf'), '');
    writeFileSync(join(dir, 'infra/terraform/workspaces/base/tests/base.tftest.hcl'), '');
    const { existing, apps } = detect(dir);
    assert.deepEqual(existing.dockerfiles, ['.docker/dockerfiles/backend.Dockerfile']);
    assert.deepEqual(existing.terraformFiles, ['infra/terraform/workspaces/base/main.tf']);
    assert.deepEqual(apps.map((app) => app.path), ['backend', 'frontend']);
  });
});
