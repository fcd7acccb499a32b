// Unit tests of the e2e harness's pure parts: the matrix against the baseline, the stand-in lookup, the
// base images of a Dockerfile, the .env a case's compose stacks get, the runner stand-in of the ci-test cell. (The harness itself: npm run test:e2e.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../generators/lib/manifest.js';
import { RECIPES } from './e2e/corpus.js';
import { cellId, compareWithBaseline, formatMatrix, parseBaseline, type Cell } from './e2e/matrix.js';
import { containerDir, droppedImageEnv, selectTestJob, serviceContainers, splitOptions, stepCommand, stepsToRun, type SelectedJob } from './e2e/ci-job.js';
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
  describe('ci-test: the runner stand-in', () => {
    // Shaped like what the github-actions plugin writes (templates/workflows/test.yml.ejs).
    const header = [
      '# Generated by ai-projen:github-actions. Regenerate: npx ai-projen github-actions',
      'name: Test',
      'on:',
      '  pull_request:',
      '    branches: ["main"]',
      'jobs:',
    ];
    const nodeJob = (extraSteps: string[] = []) => [
      '  test-prisma-api:',
      '    name: Test prisma-api (TypeScript, Node ${{ matrix.node-version }})',
      '    runs-on: ubuntu-24.04',
      '    timeout-minutes: 20',
      '    strategy:',
      '      fail-fast: false',
      '      matrix:',
      '        node-version: ["26", "24"]',
      '    services:',
      '      postgres:',
      '        image: postgres:16.6-alpine',
      '        env:',
      '          POSTGRES_USER: postgres',
      '          POSTGRES_PASSWORD: postgres',
      '          POSTGRES_DB: test',
      '        ports:',
      '          - "5432:5432"',
      '        options: >-',
      '          --health-cmd "pg_isready -U postgres"',
      '          --health-interval 5s',
      '          --health-timeout 5s',
      '          --health-retries 10',
      '      redis:',
      '        image: redis:7.4.2-alpine',
      '        ports:',
      '          - "6379:6379"',
      '        options: >-',
      '          --health-cmd "redis-cli ping"',
      '          --health-interval 5s',
      '          --health-timeout 5s',
      '          --health-retries 10',
      '    env:',
      '      SKIP_ENV_VALIDATION: "1"',
      '      DATABASE_URL: postgresql://postgres:postgres@localhost:5432/test',
      '    defaults:',
      '      run:',
      '        working-directory: .',
      '    steps:',
      '      - name: Check out',
      '        uses: actions/checkout@v4',
      '        with:',
      '          persist-credentials: false',
      '      - name: Set up Node.js ${{ matrix.node-version }}',
      '        uses: actions/setup-node@v4',
      '        with:',
      '          node-version: ${{ matrix.node-version }}',
      '          cache: npm',
      '      - name: Install dependencies',
      '        run: npm ci',
      ...extraSteps,
      '      - name: Tests',
      '        run: npm test',
    ];
    const pythonJob = [
      '  test-api:',
      '    name: Test api (Python ${{ matrix.python-version }})',
      '    runs-on: ubuntu-24.04',
      '    strategy:',
      '      matrix:',
      '        python-version: ["3.12"]',
      '    defaults:',
      '      run:',
      '        working-directory: services/api',
      '    steps:',
      '      - name: Check out',
      '        uses: actions/checkout@v4',
      '      - name: Install poetry',
      '        run: pipx install "poetry==2.1.1"',
      '      - name: Set up Python ${{ matrix.python-version }}',
      '        uses: actions/setup-python@v5',
      '        with:',
      '          python-version: ${{ matrix.python-version }}',
      '      - name: Install dependencies',
      '        run: poetry install --no-interaction --no-root',
      '      - name: Tests',
      '        run: poetry run pytest',
    ];
    const turboJob = [
      '  test-workspace:',
      '    name: Test workspace (TypeScript, Node ${{ matrix.node-version }})',
      '    runs-on: ubuntu-24.04',
      '    strategy:',
      '      matrix:',
      '        node-version: ["26"]',
      '    env:',
      '      SKIP_ENV_VALIDATION: "1"',
      '    defaults:',
      '      run:',
      '        working-directory: .',
      '    steps:',
      '      - name: Check out',
      '        uses: actions/checkout@v4',
      '      - name: Set up pnpm',
      '        uses: pnpm/action-setup@v4',
      '      - name: Install dependencies',
      '        run: pnpm install --frozen-lockfile',
      '      - name: turbo run test',
      '        run: pnpm exec turbo run test',
    ];
    const yaml = (...jobs: string[][]) => [...header, ...jobs.flatMap((j) => [...j, ''])].join('\n');
    const job = (text: string, appPath: string, command: string[]): SelectedJob => {
      const selected = selectTestJob(text, appPath, command);
      assert.ok(!('problem' in selected), 'problem' in selected ? selected.problem : '');
      return selected;
    };

    it("picks the job working in the app's folder that runs the plan's test command, or the Turborepo / Nx root job", () => {
      const text = yaml(nodeJob(), pythonJob);
      assert.equal(job(text, '.', ['npm', 'test']).id, 'test-prisma-api');
      assert.equal(job(text, 'services/api', ['poetry', 'run', 'pytest']).id, 'test-api');
      assert.match((selectTestJob(text, '.', ['npm', 'run', 'test:ci']) as { problem: string }).problem, /no job in \. runs `npm run test:ci`/);
      assert.match((selectTestJob(text, 'web', ['npm', 'test']) as { problem: string }).problem, /no job in web/);
      const turbo = job(yaml(turboJob), 'apps/api', ['pnpm', 'test']);
      assert.equal(turbo.id, 'test-workspace');
      assert.equal(turbo.root, '.');
      assert.match(turbo.why, /turbo run test/);
      const nx = job(yaml(turboJob.map((line) => line.replace('turbo run test', 'nx run-many -t test'))), 'apps/api', ['sh', '-c', 'cd ../.. && exec npx nx test @acme/api']);
      assert.deepEqual([nx.id, nx.root], ['test-workspace', '.']);
      assert.match(nx.why, /nx run-many -t test \(the workspace's Nx runs apps\/api's test\)/);
      assert.match((selectTestJob('name: Test\n', '.', ['npm', 'test']) as { problem: string }).problem, /no job/);
    });

    it('runs every run: step after the last "Install" step, in order, with the job env under the step env', () => {
      const today = stepsToRun(job(yaml(nodeJob()), '.', ['npm', 'test']).job);
      assert.ok(!('problem' in today));
      assert.deepEqual(today.steps.map((s) => [s.name, s.run, s.workingDirectory]), [['Tests', 'npm test', '.']]);
      assert.deepEqual(today.steps[0]!.env, { SKIP_ENV_VALIDATION: '1', DATABASE_URL: 'postgresql://postgres:postgres@localhost:5432/test' });
      // The steps being added between install and test run too, in order; a uses: step after install is listed as not run.
      const more = stepsToRun(job(yaml(nodeJob([
        '      - name: Generate the Prisma client',
        '        run: npx prisma generate',
        '      - name: Apply the database migrations',
        '        run: npx prisma migrate deploy',
        '        env:',
        '          DATABASE_URL: postgresql://postgres:postgres@localhost:5432/migrations',
        '      - name: Upload coverage',
        '        uses: actions/upload-artifact@v4',
      ])), '.', ['npm', 'test']).job);
      assert.ok(!('problem' in more));
      assert.deepEqual(more.steps.map((s) => s.name), ['Generate the Prisma client', 'Apply the database migrations', 'Tests']);
      assert.equal(more.steps[1]!.env.DATABASE_URL, 'postgresql://postgres:postgres@localhost:5432/migrations');
      assert.equal(more.steps[1]!.env.SKIP_ENV_VALIDATION, '1');
      assert.equal(more.steps[2]!.env.DATABASE_URL, 'postgresql://postgres:postgres@localhost:5432/test');
      assert.deepEqual(more.skipped, ['Upload coverage (uses: actions/upload-artifact@v4)']);
      // "Install poetry" comes before the setup: the installation is the last Install step.
      const python = stepsToRun(job(yaml(pythonJob), 'services/api', ['poetry', 'run', 'pytest']).job);
      assert.ok(!('problem' in python));
      assert.deepEqual(python.steps.map((s) => [s.name, s.run, s.workingDirectory]), [['Tests', 'poetry run pytest', 'services/api']]);
      const turbo = stepsToRun(job(yaml(turboJob), 'apps/api', ['pnpm', 'test']).job);
      assert.ok(!('problem' in turbo));
      assert.deepEqual(turbo.steps.map((s) => s.run), ['pnpm exec turbo run test']);
    });

    it('refuses what it cannot run as GitHub would: no install step, another shell, an unevaluated expression', () => {
      const parsed = (steps: string[]) => (parseYaml(yaml(['  t:', '    steps:', ...steps])) as { jobs: { t: SelectedJob['job'] } }).jobs.t;
      assert.match((stepsToRun(parsed(['      - name: Tests', '        run: npm test'])) as { problem: string }).problem, /no step named "Install/);
      // One matrix leg is run: its first value stands for ${{ matrix.<key> }}.
      const leg = stepsToRun({ ...parsed(['      - name: Install dependencies', '        run: npm ci', '      - name: Tests', '        run: echo "${{ matrix.node-version }}"']), strategy: { matrix: { 'node-version': ['26', '24'] } } });
      assert.deepEqual((leg as { steps: Array<{ run: string }> }).steps.map((s) => s.run), ['echo "26"']);
      assert.match((stepsToRun(parsed(['      - name: Install dependencies', '        run: npm ci', '      - name: Tests', '        shell: pwsh', '        run: npm test'])) as { problem: string }).problem, /shell pwsh/);
      assert.match((stepsToRun(parsed(['      - name: Install dependencies', '        run: npm ci', '      - name: Tests', '        run: npm test', '        env:', '          TOKEN: ${{ secrets.TOKEN }}'])) as { problem: string }).problem, /secrets\.TOKEN/);
    });

    it("starts the job's services with their env, the host ports the workflow maps and its health options", () => {
      const services = serviceContainers(job(yaml(nodeJob()), '.', ['npm', 'test']).job, 'e2e-ci-prisma-api-1');
      assert.ok(!('problem' in services));
      assert.deepEqual(services.map((s) => [s.service, s.image, s.container, s.hostPorts, s.hasHealthCheck]), [
        ['postgres', 'postgres:16.6-alpine', 'e2e-ci-prisma-api-1-postgres', [5432], true],
        ['redis', 'redis:7.4.2-alpine', 'e2e-ci-prisma-api-1-redis', [6379], true],
      ]);
      assert.deepEqual(services[0]!.args, [
        'run', '-d', '--pull=never', '--name', 'e2e-ci-prisma-api-1-postgres',
        '-e', 'POSTGRES_USER=postgres', '-e', 'POSTGRES_PASSWORD=postgres', '-e', 'POSTGRES_DB=test',
        '-p', '5432:5432',
        '--health-cmd', 'pg_isready -U postgres', '--health-interval', '5s', '--health-timeout', '5s', '--health-retries', '10',
        'docker.io/library/postgres:16.6-alpine',
      ]);
      assert.deepEqual(serviceContainers(job(yaml(turboJob), 'apps/api', ['pnpm', 'test']).job, 'x'), []);
      const random = (parseYaml('services:\n  db:\n    image: postgres:16\n    ports: ["5432"]\n') as SelectedJob['job']);
      assert.match((serviceContainers(random, 'x') as { problem: string }).problem, /publishes no fixed host port/);
      assert.deepEqual(splitOptions(`--health-cmd "pg_isready -U \\"postgres\\"" --name='a b' x\\ y`), ['--health-cmd', 'pg_isready -U "postgres"', '--name=a b', 'x y']);
      assert.throws(() => splitOptions('--health-cmd "pg_isready'), /unterminated/);
    });

    it("runs a step in the image's folder for the working-directory, without the image's app settings, by bash -e -c", () => {
      assert.equal(containerDir('/app', '.', '.'), '/app');
      assert.equal(containerDir('/app', 'services/api', 'services/api'), '/app');
      // A workspace member's test image works in /app/<member>: the root job runs at /app.
      assert.equal(containerDir('/app/apps/api', 'apps/api', '.'), '/app');
      assert.equal(containerDir('/app', '.', 'packages/db'), '/app/packages/db');
      assert.equal(containerDir('/app/apps/api', 'apps/api', 'apps/api'), '/app/apps/api');
      // An app whose build context is its own folder: the image holds that folder only.
      assert.equal(containerDir('/app', 'api', '.'), undefined);
      assert.equal(containerDir('/app', 'api', 'api/tests'), '/app/tests');
      const dropped = droppedImageEnv(['NODE_VERSION=26.12.1', 'NODE_EXTRA_CA_CERTS=/x.crt', 'NPM_CONFIG_FUND=false', 'PATH=/app/node_modules/.bin:/usr/bin', 'NODE_ENV=development', 'HOST=0.0.0.0', 'PORT=3000', 'VIRTUAL_ENV=/opt/venv', 'PYTHONUNBUFFERED=1', 'PYTHONPATH=/app/src']);
      assert.deepEqual(dropped, ['NODE_ENV', 'HOST', 'PORT', 'PYTHONPATH']);
      const step = { name: 'Tests', run: 'npm test', env: { PORT: '4000', DATABASE_URL: 'postgresql://localhost/test' }, workingDirectory: '.' };
      assert.deepEqual(stepCommand(step, dropped), ['env', '-u', 'NODE_ENV', '-u', 'HOST', '-u', 'PYTHONPATH', 'CI=true', 'GITHUB_ACTIONS=true', 'PORT=4000', 'DATABASE_URL=postgresql://localhost/test', 'bash', '-e', '-c', 'npm test']);
    });
  });
});
