// Unit tests of the e2e harness's pure parts: the matrix against the baseline, the stand-in lookup, the
// base images of a Dockerfile, the .env a case's compose stacks get. (The harness itself: npm run test:e2e.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../generators/lib/manifest.js';
import { RECIPES } from './e2e/corpus.js';
import { cellId, compareWithBaseline, formatMatrix, parseBaseline, type Cell } from './e2e/matrix.js';
import { baseImages, dotEnv } from './e2e/run-case.js';
import { qualify, recipeFor } from './e2e/standins.js';

const cell = (row: string, step: Cell['step'], status: Cell['status']): Cell => ({ row, step, status, ms: 1500, detail: `${status} detail` });

describe('e2e harness', () => {
  describe('baseline', () => {
    it('a failing or blocked cell must be listed; a listed cell must still fail', () => {
      const cells = [cell('a', 'generate', 'pass'), cell('a/web', 'prod-health', 'fail'), cell('a', 'compose-dev', 'blocked'), cell('a', 'migrate', 'n/a')];
      assert.deepEqual(compareWithBaseline(cells, { 'a/web prod-health': 'no health route', 'a compose-dev': 'needs prod-health' }, ['a']), []);
      const problems = compareWithBaseline(cells, { 'a generate': 'was broken', 'a migrate': 'was missing' }, ['a']);
      assert.equal(problems.length, 4);
      assert.match(problems.join('\n'), /a\/web prod-health: fail and not in baseline/);
      assert.match(problems.join('\n'), /a compose-dev: blocked and not in baseline/);
      assert.match(problems.join('\n'), /a generate: passes now: take it out/);
      assert.match(problems.join('\n'), /a migrate: has nothing to check: take it out/);
    });

    it('a listed cell that no longer exists is stale only when its case ran', () => {
      const baseline = { 'a/old build-dev': 'gone', 'b generate': 'other case' };
      assert.deepEqual(compareWithBaseline([cell('a', 'generate', 'pass')], baseline, ['a']), ['a/old build-dev: listed in baseline.json but the run has no such cell: take it out']);
    });

    it('entries need a reason and a known step', () => {
      assert.throws(() => parseBaseline('{"a generate": ""}'), /needs a reason/);
      assert.throws(() => parseBaseline('{"a deploy": "x"}'), /not "<row> <step>"/);
      assert.throws(() => parseBaseline('[]'), /expected an object/);
      assert.deepEqual(parseBaseline('{"a/b lint": "why"}'), { 'a/b lint': 'why' });
    });

    it('the committed baseline parses and names only corpus cases', () => {
      const baseline = parseBaseline(readFileSync(path.join(packageRoot(), 'test/e2e/baseline.json'), 'utf8'));
      const cases = new Set(RECIPES.map((r) => r.name));
      for (const id of Object.keys(baseline)) assert.ok(cases.has(id.split(/[ /]/)[0]!), `${id}: no such case`);
    });
  });

  it('the matrix shows every row and step with its status, time and baseline mark', () => {
    const cells = [cell('a', 'generate', 'pass'), cell('a/web', 'build-dev', 'fail'), cell('a', 'migrate', 'n/a')];
    const table = formatMatrix(cells, { [cellId(cells[1]!)]: 'why' });
    const lines = table.split('\n');
    assert.match(lines[0]!, /^case\s+generate\s+build-dev\s+migrate$/);
    assert.match(lines[2]!, /^a\s+ok 1\.5s/);
    assert.match(lines[3]!, /^a\/web\s+FAIL\* 1\.5s$/);
    assert.match(table, /1 pass, 1 fail, 0 blocked, 1 n\/a/);
  });

  describe('stand-ins', () => {
    it('qualifies short references the way Docker does', () => {
      assert.equal(qualify('node:22-bookworm-slim'), 'docker.io/library/node:22-bookworm-slim');
      assert.equal(qualify('nginxinc/nginx-unprivileged:1.27.4-alpine'), 'docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine');
      assert.equal(qualify('ghcr.io/astral-sh/uv:0.5.11'), 'ghcr.io/astral-sh/uv:0.5.11');
      assert.equal(qualify('localhost/x:1'), 'localhost/x:1');
    });

    it('knows which recipe builds an image, and says why when none does', () => {
      assert.equal((recipeFor('node:22-bookworm-slim') as { args: Record<string, string> }).args.NODE_VERSION, '22.23.5');
      assert.equal((recipeFor('node:20.18.1-slim') as { args: Record<string, string> }).args.NODE_VERSION, '20.18.1');
      assert.equal((recipeFor('postgres:16.6-alpine') as { kind: string }).kind, 'postgres');
      assert.equal((recipeFor('mysql:8.4') as { kind: string }).kind, 'mariadb');
      assert.match((recipeFor('node:17-slim') as { missing: string }).missing, /no Node.js stand-in for node:17-slim/);
      assert.match((recipeFor('ghcr.io/astral-sh/uv:0.5.11') as { missing: string }).missing, /no stand-in for ghcr.io\/astral-sh\/uv/);
    });
  });

  it('reads the base images of a Dockerfile: ARG defaults applied, stages and numeric --from skipped', () => {
    const dockerfile = [
      '# syntax=docker/dockerfile:1.12',
      'ARG NODE_VERSION=22',
      'ARG UV=0.5.11',
      'FROM ghcr.io/astral-sh/uv:${UV} AS uv',
      'FROM node:${NODE_VERSION}-bookworm-slim AS base',
      'FROM base AS build',
      'COPY --from=uv /uv /usr/local/bin/',
      'COPY --from=0 /x /y',
      'COPY --link --from=nginx:1.27 /etc/nginx /etc/nginx',
      'FROM \\',
      '  node:${NODE_VERSION}-bookworm-slim AS prod',
    ].join('\n');
    assert.deepEqual(baseImages(dockerfile), ['ghcr.io/astral-sh/uv:0.5.11', 'node:22-bookworm-slim', 'nginx:1.27']);
  });

  it('writes .env from .env.example with free host ports and the secrets compose requires', () => {
    const example = '# comment\nWEB_HOST_PORT=3000\nPOSTGRES_PASSWORD=\nOTHER=1';
    const env = dotEnv(example, new Map([['WEB_HOST_PORT', 41000]]), { POSTGRES_PASSWORD: 'e2e', OTHER: 'no', API_KEY: 'k' });
    assert.equal(env, '# comment\nWEB_HOST_PORT=41000\nPOSTGRES_PASSWORD=e2e\nOTHER=1\nAPI_KEY=k');
    // Settings the app needs that .env.example leaves commented out are filled in, as a user would.
    assert.equal(dotEnv('# AUTH_SECRET (env.ts:6)\n# AUTH_SECRET=\n# see docs', new Map(), {}), '# AUTH_SECRET (env.ts:6)\nAUTH_SECRET=e2e-auth-secret\n# see docs');
  });
});
