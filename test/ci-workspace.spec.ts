// A Turborepo workspace in CI: one lint job and one test job at the workspace root run the tasks turbo.json
// defines (`turbo run lint typecheck`, `turbo run test`), with one install, instead of a job per member; a
// member whose script turbo.json does not define keeps its own job; without turbo, a job per member as before.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runTasks, taskOf, turboTasks } from '../generators/lib/toolchains/task-runners.js';
import { runState } from '../generators/lib/commit.js';
import { fixturePath, removeFixture, writeProject } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';

interface Workflow { jobs: Record<string, { defaults?: { run?: { 'working-directory'?: string } }; steps: Array<{ name?: string; run?: string }> }> }
const read = (root: string, file: string) => parseYaml(readFileSync(path.join(root, '.github/workflows', file), 'utf8')) as Workflow;
const appJobs = (workflow: Workflow) => Object.fromEntries(Object.entries(workflow.jobs)
  .filter(([id]) => !['lint-docker', 'lint-workflows', 'lint-terraform'].includes(id))
  .map(([id, job]) => [id, { dir: job.defaults?.run?.['working-directory'], runs: job.steps.flatMap((s) => (s.run && s.name !== 'Install dependencies' ? [s.run.trim()] : [])) }]));

describe('CI of a Turborepo workspace', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const workspace = (turbo?: string): string => {
    const root = mkdtempSync(path.join(tmpdir(), 'ai-projen-turbo-'));
    dirs.push(root);
    cpSync(fixturePath('ts-workspace'), root, { recursive: true });
    if (turbo !== undefined) {
      writeFileSync(path.join(root, 'turbo.json'), turbo);
      const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; scripts: Record<string, string> };
      pkg.devDependencies.turbo = '2.5.8';
      pkg.scripts = { build: 'turbo run build', test: 'turbo run test', lint: 'turbo run lint' };
      writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg, null, 2));
    }
    return root;
  };

  it('turbo.json tasks (v2 tasks, v1 pipeline, comments, member-scoped names left out); turbo run through each manager', () => {
    assert.deepEqual(turboTasks('{\n  // tasks\n  "tasks": { "build": {}, "lint": {}, "web#lint": {}, "test": {} }\n}'), ['build', 'lint', 'test']);
    assert.deepEqual(turboTasks('{ "pipeline": { "build": {}, "typecheck": {} } }'), ['build', 'typecheck']);
    assert.equal(turboTasks('{ not json'), undefined);
    assert.equal(runTasks('turbo', 'pnpm', ['lint', 'typecheck']), 'pnpm exec turbo run lint typecheck');
    assert.equal(runTasks('turbo', 'npm', ['test']), 'npx turbo run test');
    assert.equal(runTasks('turbo', 'yarn', ['test']), 'yarn turbo run test');
    assert.equal(runTasks('nx', 'npm', ['lint', 'typecheck']), 'npx nx run-many -t lint typecheck');
    assert.deepEqual([taskOf(['sh', '-c', 'cd ../.. && exec npx nx typecheck @acme/api']), taskOf(['pnpm', 'run', 'lint']), taskOf(['npm', 'test'])], ['typecheck', 'lint', 'test']);
  });

  it('one lint and one test job at the root run turbo; no job per member it covers', async () => {
    const root = workspace('{ "$schema": "https://turbo.build/schema.json", "tasks": { "build": { "dependsOn": ["^build"] }, "lint": { "dependsOn": ["^build"] }, "test": { "dependsOn": ["^build"] } } }\n');
    await runGenerator(generatorFile('github-actions'), 'ai-projen:github-actions', root, { yes: true });
    assert.deepEqual(appJobs(read(root, 'lint.yml')), { 'lint-workspace': { dir: '.', runs: ['npx turbo run lint'] } });
    assert.deepEqual(appJobs(read(root, 'test.yml')), { 'test-workspace': { dir: '.', runs: ['npx turbo run test'] } });
  });

  it('a member script turbo.json does not define keeps its own job; without turbo.json every member has its own', async () => {
    const partial = workspace('{ "tasks": { "build": {}, "test": {} } }\n');
    await runGenerator(generatorFile('github-actions'), 'ai-projen:github-actions', partial, { yes: true });
    const lint = appJobs(read(partial, 'lint.yml'));
    assert.deepEqual(Object.keys(lint).sort(), ['lint-api', 'lint-web'], 'lint is no turbo task: the members lint themselves');
    assert.deepEqual(Object.keys(appJobs(read(partial, 'test.yml'))), ['test-workspace']);

    const plain = workspace();
    await runGenerator(generatorFile('github-actions'), 'ai-projen:github-actions', plain, { yes: true });
    const tests = appJobs(read(plain, 'test.yml'));
    assert.ok(Object.keys(tests).length >= 2 && !('test-workspace' in tests), Object.keys(tests).join(', '));
    assert.ok(Object.values(tests).every((job) => job.dir !== '.'), 'each job in its member folder');
  });
});

// Shaped after create-nx-workspace's node-monorepo (npm workspaces, targets in each app's package.json "nx" field).
describe('CI of an Nx workspace', () => {
  it('one lint and one test job at the root run `nx run-many` for every project; no job per member', async () => {
    const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
    const app = (name: string) => ({
      [`apps/${name}/package.json`]: json({ name: `@acme/${name}`, version: '0.0.1', private: true, nx: { targets: { build: { executor: '@nx/esbuild:esbuild', options: { outputPath: `apps/${name}/dist`, main: `apps/${name}/src/main.ts` } }, serve: { executor: '@nx/js:node' } } }, dependencies: { express: '^5.1.0' } }),
      [`apps/${name}/eslint.config.mjs`]: 'export default [];\n',
      [`apps/${name}/jest.config.cts`]: 'module.exports = {};\n',
      [`apps/${name}/src/main.ts`]: "import express from 'express';\nexpress().listen(process.env.PORT ? Number(process.env.PORT) : 3000);\n",
    });
    const files: Record<string, string> = {
      'package.json': json({ name: '@acme/source', private: true, scripts: {}, dependencies: { express: '^5.1.0' }, devDependencies: { nx: '23.2.1' }, workspaces: ['apps/*'] }),
      'package-lock.json': '{"lockfileVersion": 3}\n',
      'nx.json': json({ plugins: [{ plugin: '@nx/eslint/plugin', options: { targetName: 'lint' } }, { plugin: '@nx/jest/plugin', options: { targetName: 'test' } }] }),
      ...app('api'),
      ...app('worker'),
    };
    const root = writeProject(files, 'nx');
    try {
      const state = runState((await runGenerator(generatorFile('github-actions'), 'ai-projen:github-actions', root, { yes: true })).env);
      assert.deepEqual(appJobs(read(root, 'lint.yml')), { 'lint-workspace': { dir: '.', runs: ['npx nx run-many -t lint'] } });
      assert.deepEqual(appJobs(read(root, 'test.yml')), { 'test-workspace': { dir: '.', runs: ['npx nx run-many -t test'] } });
      assert.ok(state.notes.some((n) => /workspace runs `npx nx run-many -t lint` and `npx nx run-many -t test` \(nx\.json\) for api, worker/.test(n)), state.notes.join('\n'));
      // build.yml builds each app with nx.
      assert.match(readFileSync(path.join(root, '.github/workflows/build.yml'), 'utf8'), /cd \.\.\/\.\. && exec npx nx build @acme\/api/);
    } finally {
      removeFixture(root);
    }
  });
});
