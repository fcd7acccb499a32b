// A project's own Dockerfile at a service's path is kept, and the rest of the output fits it: compose, Make and
// CI build only the stages it has (none: no target), compose probes it when it has no HEALTHCHECK, the ignore
// file lets through what it copies, and --check accepts the result.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { keptStages } from '../generators/docker/context.js';
import { runState, type RunState } from '../generators/lib/commit.js';
import { copyFixture, removeFixture } from './helpers/fixtures.js';
import { makeDryRun } from './validators/make.js';
import { skipIfMissing } from './validators/tools.js';
import { generatorFile, runGenerator } from './helpers/run.js';

// Shaped after the single-stage Dockerfiles Node projects commonly carry: the build output copied in, no stages.
const SINGLE_STAGE = 'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY dist ./dist\nEXPOSE 3000\nCMD ["node", "dist/index.js"]\n';

interface Service { build: { target?: string }; volumes?: unknown[]; healthcheck?: { test: string[] }; read_only?: boolean }

describe('a kept Dockerfile', () => {
  it('stages, copies and HEALTHCHECK of a project Dockerfile', () => {
    assert.deepEqual(keptStages(SINGLE_STAGE), { kept: true, lint: false, test: false, healthcheck: false, copies: ['package*.json', 'dist'] });
    const multi = 'FROM node:22 AS deps\nCOPY package.json ./\nFROM deps AS build\nCOPY --from=deps /x /y\nCOPY src/ ./src/\nFROM node:22-slim AS production\nHEALTHCHECK CMD curl -f http://localhost:3000/\nCMD ["node", "dist/main.js"]\n';
    assert.deepEqual(keptStages(multi), { kept: true, prod: 'production', lint: false, test: false, healthcheck: true, copies: ['package.json', 'src'] });
    assert.equal(keptStages('FROM a AS dev\nHEALTHCHECK CMD true\nFROM b\nHEALTHCHECK NONE\n').healthcheck, false, 'the last stage decides');
  });

  it('--dockerfile alongside: theirs stays byte for byte, ours is written next to it and is what compose and Make build', async () => {
    const dir = copyFixture('ts-npm');
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), SINGLE_STAGE);
      const run = await runGenerator(generatorFile('docker'), 'ai-projen:docker', dir, { yes: true, dockerfile: 'alongside' });
      assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), SINGLE_STAGE);
      const ours = '.docker/dockerfiles/ts-npm-api.Dockerfile';
      assert.match(readFileSync(path.join(dir, ours), 'utf8'), /^FROM .* AS dev$/m, 'ours, with its stages');
      const dev = (parseYaml(readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { build?: { dockerfile?: string; target?: string } }> }).services;
      const built = Object.values(dev).find((s) => s.build)!;
      assert.deepEqual([built.build!.dockerfile, built.build!.target], [ours, 'dev']);
      assert.match(readFileSync(path.join(dir, 'Makefile'), 'utf8'), /--target lint/);
      const notes = (runState(run.env) as RunState).notes;
      assert.ok(notes.some((n) => n.includes('Dockerfile is the project\'s own and stays untouched (--dockerfile alongside); ours is .docker/dockerfiles/ts-npm-api.Dockerfile')), notes.join('\n'));
      // CI builds ours too (the answer is stored and shared).
      await runGenerator(generatorFile('github-actions'), 'ai-projen:github-actions', dir, { yes: true });
      const build = parseYaml(readFileSync(path.join(dir, '.github/workflows/build.yml'), 'utf8')) as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }> };
      const push = Object.values(build.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('docker/build-push-action'));
      assert.deepEqual([push?.with?.file, push?.with?.target], [ours, 'prod']);
      // The answer is stored: a plain re-run keeps the layout and writes nothing.
      const again = await runGenerator(generatorFile('docker'), 'ai-projen:docker', dir, { yes: true });
      const rerun = (runState(again.env) as RunState).results ?? [];
      assert.ok(rerun.length > 0 && rerun.every((r) => r.action === 'identical'), JSON.stringify(rerun.filter((r) => r.action !== 'identical')));
      await assert.rejects(runGenerator(generatorFile('docker'), 'ai-projen:docker', dir, { yes: true, dockerfile: 'beside' }), /--dockerfile: 'beside' is not one of keep, replace, alongside/);
    } finally {
      removeFixture(dir);
    }
  });

  it("the project's compose file and its override: kept, Make loads both and addresses its service names", async function () {
    const dir = copyFixture('ts-npm');
    try {
      const theirs = 'services:\n  web:\n    build: .\n    ports:\n      - "3000:3000"\n';
      writeFileSync(path.join(dir, 'docker-compose.yml'), theirs);
      writeFileSync(path.join(dir, 'docker-compose.override.yml'), 'services:\n  web:\n    environment:\n      DEBUG: "1"\n');
      const run = await runGenerator(generatorFile('docker'), 'ai-projen:docker', dir, { yes: true });
      assert.equal(readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8'), theirs);
      const makefile = readFileSync(path.join(dir, 'Makefile'), 'utf8');
      assert.match(makefile, /^DOCKER_COMPOSE_OVERRIDE \?= docker-compose\.override\.yml$/m);
      assert.match(makefile, /^docker-up: .*\n\t\$\(COMPOSE\) -f \$\(DOCKER_COMPOSE_DEV\) -f \$\(DOCKER_COMPOSE_OVERRIDE\) up /m);
      assert.match(makefile, /^docker-up-prod: .*\n\t\$\(COMPOSE\) -f \$\(DOCKER_COMPOSE_PROD\) up /m, 'the prod stack is its own file only');
      assert.match(makefile, /^SERVICE \?= web$/m, "the project's name for the service");
      const notes = (runState(run.env) as RunState).notes;
      assert.ok(notes.some((n) => /docker-compose\.override\.yml exists: the Makefile's dev targets pass it after docker-compose\.yml/.test(n)), notes.join('\n'));
      assert.ok(!notes.some((n) => /merges it .* automatically/.test(n)));
      // make resolves the file list as compose would read it.
      const dry = spawnSync('make', ['-n', 'docker-up'], { cwd: dir, encoding: 'utf8' });
      if (dry.status === null) this.skip();
      assert.match(dry.stdout, /docker compose -f docker-compose\.yml -f docker-compose\.override\.yml up --detach --wait/);
    } finally {
      removeFixture(dir);
    }
  });

  it('--dockerfile replace: ours takes its path (with --yes, no --force), and the stages are ours', async () => {
    const dir = copyFixture('ts-npm');
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), SINGLE_STAGE);
      const run = await runGenerator(generatorFile('docker'), 'ai-projen:docker', dir, { yes: true, dockerfile: 'replace' });
      const text = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      assert.match(text, /^# Generated by ai-projen/m);
      assert.match(text, /^FROM .* AS prod$/m);
      assert.equal(((runState(run.env) as RunState).results ?? []).find((r) => r.path === 'Dockerfile')?.action, 'update');
    } finally {
      removeFixture(dir);
    }
  });

  it('compose, Make, CI and the ignore file fit a single-stage Dockerfile; it stays byte for byte; --check passes', async function () {
    const dir = copyFixture('ts-npm');
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), SINGLE_STAGE);
      await runGenerator(generatorFile('app'), 'ai-projen:app', dir, { yes: true });
      assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), SINGLE_STAGE);
      const compose = (file: string) => Object.values((parseYaml(readFileSync(path.join(dir, file), 'utf8')) as { services: Record<string, Service> }).services).find((s) => s.build)!;
      const dev = compose('docker-compose.yml');
      const prod = compose('docker-compose.prod.yml');
      assert.equal(dev.build.target, undefined, 'no dev stage: the last one');
      assert.equal(prod.build.target, undefined);
      assert.equal(dev.volumes, undefined, 'no source mounts over an image that is not a dev image');
      assert.equal(prod.read_only, undefined);
      // One shell string: an engine may split the words of a CMD test on spaces (Podman's Docker API does).
      assert.equal(prod.healthcheck?.test[0], 'CMD-SHELL');
      assert.equal(prod.healthcheck?.test.length, 2);
      const words = spawnSync('sh', ['-c', `for a in ${prod.healthcheck!.test[1]}; do printf '%s\\n' "$a"; done`], { encoding: 'utf8' }).stdout.trim().split('\n');
      assert.deepEqual(words.slice(0, 2), ['node', '-e']);
      assert.match(words[2] ?? '', /^fetch\('http:\/\/127\.0\.0\.1:3000\/health'\)/, 'sh gives node the probe as one argument');
      assert.equal(words.length, 3);
      assert.ok(dev.healthcheck);
      const ignore = readFileSync(path.join(dir, '.dockerignore'), 'utf8').split('\n');
      assert.ok(!ignore.includes('dist'), 'the Dockerfile copies dist');
      assert.ok(ignore.includes('**/node_modules'), 'the rest of the ignore file stays');
      const makefile = readFileSync(path.join(dir, 'Makefile'), 'utf8');
      assert.doesNotMatch(makefile, /--target (lint|test)/);
      const findings = await skipIfMissing(this, () => makeDryRun(makefile, ['docker-lint', 'docker-test'], { cwd: dir }));
      assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
      const build = parseYaml(readFileSync(path.join(dir, '.github/workflows/build.yml'), 'utf8')) as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }> };
      const push = Object.values(build.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('docker/build-push-action'));
      assert.equal(push?.with?.file, 'Dockerfile');
      assert.equal(push?.with?.target, undefined);
      await runGenerator(generatorFile('app'), 'ai-projen:app', dir, { check: true });
      // --force replaces it with ours, and everything builds our stages again.
      await runGenerator(generatorFile('app'), 'ai-projen:app', dir, { yes: true, force: true });
      assert.match(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^# Generated by ai-projen/m);
      assert.equal(compose('docker-compose.yml').build.target, 'dev');
    } finally {
      removeFixture(dir);
    }
  });
});
