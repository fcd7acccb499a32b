// ai-projen:docker: every fixture x the real validators (dockerfile-utils + stage check, compose-spec schema +
// references, make -n), the security points of the issue, idempotency, conflicts with the user's own files,
// the options, and unit tests of the pure context.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  buildContext,
  chain,
  composePaths,
  composeRel,
  defaultBackingServices,
  parseBackingServices,
  parseInstallPath,
  parseNodeVersion,
  parsePythonVersion,
  relPath,
  shellQuote,
  type DockerAnswers,
} from '../generators/docker/context.js';
import { runState, type FileResult, type RunState } from '../generators/lib/commit.js';
import { detect } from '../generators/lib/detect.js';
import { DOCKER_QUESTIONS } from '../generators/docker/index.js';
import { listMakeTargets } from '../generators/lib/makefile.js';
import { loadManifest, pluginsRoot } from '../generators/lib/manifest.js';
import { optionName } from '../generators/lib/questions.js';
import type { ProjectProfile, PythonApp } from '../generators/lib/profile.js';
import { serviceSpecs } from '../generators/lib/services.js';
import { VERSIONS } from '../generators/lib/versions.js';
import {
  contextCopySources,
  externalFroms,
  ignoreFileFor,
  isIgnored,
  isNonRoot,
  isPinned,
  parseDockerignore,
  prodStage,
  stageFindings,
} from './docker/checks.js';
import { cleanupFixtures, copyFixture, fixturePath, FIXTURES } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';
import { snapshot } from './helpers/tree.js';
import { dockerfileStages, formatFindings, isToolMissing, lintCompose, lintDockerfile, makeDryRun, skipIfMissing, type Finding } from './validators/all.js';

const NS = 'ai-projen:docker';
const STAGES = ['base', 'dev', 'lint', 'test', 'prod'] as const;
const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');

/** Writes a small project: path -> text, folders created as needed. */
function writeProject(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

async function runDocker(dir: string, options: Record<string, unknown> = { yes: true }): Promise<RunState> {
  const result = await runGenerator(generatorFile('docker'), NS, dir, options);
  return runState(result.env);
}

const actions = (state: RunState): Record<string, FileResult['action']> =>
  Object.fromEntries((state.results ?? []).map((file) => [file.path, file.action]));

interface ComposeBuild {
  context: string;
  dockerfile: string;
  target: string;
}
type ComposeService = { image?: string; build?: ComposeBuild; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; init?: boolean; ports?: string[] };
type ComposeDoc = { services: Record<string, ComposeService>; networks?: Record<string, unknown>; volumes?: Record<string, unknown>; version?: unknown };

/** What a run produced, located through the compose file (as docker compose would find it). */
interface Produced {
  dir: string;
  state: RunState;
  compose: { dev: string; prod: string };
  /** service -> Dockerfile and context, project-relative, from the dev compose file. */
  builds: Record<string, { dockerfile: string; context: string }>;
  makefile: string;
}

function produced(dir: string, state: RunState, composeDev = 'docker-compose.yml', composeProd = 'docker-compose.prod.yml'): Produced {
  const doc = parseYaml(read(dir, composeDev)) as ComposeDoc;
  const composeDir = path.posix.dirname(composeDev);
  const builds: Produced['builds'] = {};
  for (const [name, svc] of Object.entries(doc.services)) {
    if (!svc.build) continue;
    const context = path.posix.normalize(path.posix.join(composeDir, svc.build.context));
    builds[name] = { context, dockerfile: path.posix.normalize(path.posix.join(context, svc.build.dockerfile)) };
  }
  return { dir, state, compose: { dev: composeDev, prod: composeProd }, builds, makefile: read(dir, 'Makefile') };
}

// ---------------------------------------------------------------------------------------------------------
// The fixture x validator matrix, printed at the end of the spec.

type Cell = { pass: number; fail: number; skip?: string };
const matrix = new Map<string, Map<string, Cell>>();
const VALIDATORS = ['dockerfile-utils+stages', 'compose schema+refs', 'make -n', 'security', 'copy sources', 'names agree', 'idempotent'] as const;
function record(fixture: string, validator: (typeof VALIDATORS)[number], pass: number, fail: number, skip?: string): void {
  const row = matrix.get(fixture) ?? new Map<string, Cell>();
  matrix.set(fixture, row);
  row.set(validator, { pass, fail, ...(skip ? { skip } : {}) });
}

function printMatrix(): void {
  const rows = [...matrix.entries()].map(([fixture, cells]) => ({
    fixture,
    ...Object.fromEntries(VALIDATORS.map((v) => {
      const cell = cells.get(v);
      return [v, !cell ? '-' : cell.skip ? `SKIP (${cell.skip})` : `${cell.pass}/${cell.pass + cell.fail} ${cell.fail ? 'FAIL' : 'pass'}`];
    })),
  }));
  console.log('\nai-projen:docker fixture x validator matrix (checks passed / checks run):');
  console.table(rows);
}

/** Runs the checks, records passes and failures, and fails with every finding. */
function expectClean(fixture: string, validator: (typeof VALIDATORS)[number], results: Array<[string, Finding[]]>): void {
  const failed = results.filter(([, findings]) => findings.length > 0);
  record(fixture, validator, results.length - failed.length, failed.length);
  assert.deepEqual(failed.map(([what, findings]) => `${what}:\n${formatFindings(findings)}`), [], `${validator} findings`);
}

/** Every docker-* target of the block, with the pattern targets instantiated for each compose service. */
function dockerTargets(makefile: string, services: readonly string[]): string[] {
  const targets = listMakeTargets(makefile).filter((t) => t.startsWith('docker-'));
  return targets.flatMap((t) => (t.endsWith('-%') ? services.map((s) => t.replace('%', s)) : [t]));
}

// ---------------------------------------------------------------------------------------------------------

describe('ai-projen:docker', function () {
  this.timeout(900_000);
  after(() => {
    printMatrix();
    cleanupFixtures();
  });

  for (const fixture of FIXTURES) {
    describe(`fixture ${fixture}`, () => {
      let out: Produced;
      const profile = detect(fixturePath(fixture));

      before(async () => {
        const dir = copyFixture(fixture);
        out = produced(dir, await runDocker(dir));
      });

      it('writes one Dockerfile per app where serviceSpecs says, compose files, ignore files, .env.example and the merged blocks', () => {
        const specs = serviceSpecs(profile, { projectName: profile.name });
        assert.deepEqual(Object.keys(out.builds).sort(), specs.map((s) => s.name).sort());
        for (const spec of specs) {
          assert.equal(out.builds[spec.name]!.dockerfile, spec.dockerfile, `${spec.name}: compose builds the Dockerfile serviceSpecs names`);
          assert.equal(out.builds[spec.name]!.context, spec.context, `${spec.name}: build context is the app folder`);
          assert.ok(existsSync(path.join(out.dir, spec.dockerfile)), spec.dockerfile);
          assert.ok(ignoreFileFor(out.dir, spec.dockerfile, spec.context), `${spec.name}: an ignore file applies`);
          assert.match(read(out.dir, spec.dockerfile), /^# syntax=docker\/dockerfile:[\d.]+\n# Generated by ai-projen \(ai-projen:docker\)/);
        }
        const written = actions(out.state);
        for (const file of [out.compose.dev, out.compose.prod, '.env.example', 'Makefile', 'AGENTS.md', '.gitignore', '.ai/docs/docker-standards.md', '.ai/howtos/docker/how-to-add-a-service.md']) {
          assert.ok(written[file] === 'create' || written[file] === 'update', `${file}: ${written[file]}`);
        }
        assert.match(read(out.dir, 'Makefile'), /# >>> ai-projen:docker >>>[\s\S]*# <<< ai-projen:docker <<</);
        assert.match(read(out.dir, 'AGENTS.md'), /<!-- BEGIN ai-projen:docker -->\n#### Docker\n[\s\S]*<!-- END ai-projen:docker -->/);
        const gitignore = read(out.dir, '.gitignore').split('\n');
        for (const line of ['.env', '.env.*', '!.env.example']) assert.ok(gitignore.includes(line), line);
        assert.ok(gitignore.lastIndexOf('!.env.example') > gitignore.lastIndexOf('.env.*'), '!.env.example comes after .env.*');
      });

      it('every Dockerfile passes dockerfile-utils with zero errors and the stage/--from check', async () => {
        const results: Array<[string, Finding[]]> = [];
        for (const { dockerfile } of Object.values(out.builds)) {
          const text = read(out.dir, dockerfile);
          const findings = await lintDockerfile(text, { fileName: dockerfile, requiredStages: STAGES });
          const stages = dockerfileStages(text);
          const ordered = STAGES.every((s, i) => i === 0 || stages.indexOf(s) > stages.indexOf(STAGES[i - 1]!)) && stages.at(-1) === 'prod';
          if (!ordered) findings.push({ file: dockerfile, message: `stages out of order: ${stages.join(', ')}`, rule: 'stage/order' });
          results.push([dockerfile, findings]);
        }
        expectClean(fixture, 'dockerfile-utils+stages', results);
      });

      it('both compose files pass the compose-spec schema and the reference check', async () => {
        const results: Array<[string, Finding[]]> = [];
        for (const file of [out.compose.dev, out.compose.prod]) results.push([file, await lintCompose(read(out.dir, file), { fileName: file })]);
        expectClean(fixture, 'compose schema+refs', results);
      });

      it('make -n succeeds for every generated docker target (pattern targets included)', async function () {
        const services = Object.keys((parseYaml(read(out.dir, out.compose.dev)) as ComposeDoc).services);
        const targets = dockerTargets(out.makefile, services);
        assert.ok(targets.length >= 20, targets.join(' '));
        for (const required of ['docker-build', 'docker-up', 'docker-down', 'docker-logs', 'docker-clean', 'docker-rebuild', 'docker-shell', 'docker-exec', 'docker-ps', 'docker-lint', 'docker-test', 'docker-stats']) {
          assert.ok(targets.includes(required), required);
        }
        const findings = await skipIfMissing(this, async () => {
          try {
            return await makeDryRun(out.makefile, targets, { warnUndefinedVariables: true });
          } catch (error) {
            if (isToolMissing(error)) record(fixture, 'make -n', 0, 0, 'make missing');
            throw error;
          }
        });
        const failing = new Set(findings.map((f) => /^make -n (\S+):/.exec(f.message)?.[1] ?? f.message));
        record(fixture, 'make -n', targets.length - failing.size, failing.size);
        assert.deepEqual(findings, [], formatFindings(findings));
      });

      it('security: non-root prod user, pinned images (no latest), HEALTHCHECK, OCI labels, exec-form CMD, lock files kept by the ignore file', () => {
        const problems: string[] = [];
        let checks = 0;
        const check = (ok: boolean, what: string): void => {
          checks += 1;
          if (!ok) problems.push(what);
        };
        for (const [name, { dockerfile, context }] of Object.entries(out.builds)) {
          const text = read(out.dir, dockerfile);
          check(!/:latest\b/.test(text), `${dockerfile}: mentions :latest`);
          for (const from of externalFroms(text)) check(isPinned(from.image), `${dockerfile}:${from.line}: FROM ${from.raw} resolves to unpinned ${from.image}`);
          const prod = prodStage(text);
          check(isNonRoot(prod.user), `${dockerfile}: prod USER is ${prod.user ?? 'missing'}`);
          check(/^\d+:\d+$/.test(prod.user ?? ''), `${dockerfile}: prod USER is not numeric (${prod.user})`);
          check(Boolean(prod.healthcheck?.length), `${dockerfile}: prod has no exec-form HEALTHCHECK`);
          check(!(prod.healthcheck ?? []).some((w) => /curl/.test(w)), `${dockerfile}: HEALTHCHECK needs curl`);
          check(Boolean(prod.cmd?.trim().startsWith('[')), `${dockerfile}: prod CMD is not exec form (${prod.cmd})`);
          check(prod.labels, `${dockerfile}: prod has no OCI labels`);
          const ignoreFile = ignoreFileFor(out.dir, dockerfile, context)!;
          const rules = parseDockerignore(readFileSync(ignoreFile, 'utf8'));
          const app = profile.apps.find((a) => a.name === name)!;
          for (const kept of [...app.manifestFiles, ...(app.lockFile ? [app.lockFile] : [])]) check(!isIgnored(rules, kept), `${ignoreFile}: ignores ${kept}`);
          for (const dropped of ['.git/config', '.env', '.env.local', 'sub/.env', 'infra/terraform.tfstate', 'secrets/id.pem', app.language === 'python' ? '.venv/bin/python' : 'node_modules/x/index.js']) {
            check(isIgnored(rules, dropped), `${ignoreFile}: keeps ${dropped}`);
          }
          check(!isIgnored(rules, '.env.example'), `${ignoreFile}: drops .env.example`);
        }
        for (const file of [out.compose.dev, out.compose.prod]) {
          const doc = parseYaml(read(out.dir, file)) as ComposeDoc;
          check(!('version' in doc), `${file}: version key`);
          check(Object.keys(doc.networks ?? {}).length === 1, `${file}: one network`);
          for (const [name, svc] of Object.entries(doc.services)) {
            check(svc.init === true, `${file}: ${name} without init: true`);
            // App services use their image's HEALTHCHECK (one definition, in the Dockerfile); backing services declare theirs.
            check(svc.build ? !svc.healthcheck : Boolean(svc.healthcheck), `${file}: ${name} ${svc.build ? 'repeats its image\'s HEALTHCHECK' : 'without a healthcheck'}`);
            for (const [dep, how] of Object.entries(svc.depends_on ?? {})) check(how.condition === 'service_healthy', `${file}: ${name} -> ${dep} is not service_healthy`);
            if (svc.image && !svc.build) check(isPinned(svc.image), `${file}: ${name} image ${svc.image} is not pinned`);
          }
        }
        const prodCompose = read(out.dir, out.compose.prod);
        check(!/POSTGRES_PASSWORD: "\$\{POSTGRES_PASSWORD:-/.test(prodCompose), `${out.compose.prod}: a default database password`);
        record(fixture, 'security', checks - problems.length, problems.length);
        assert.deepEqual(problems, []);
      });

      it('every COPY from the build context names a file that exists and is not ignored', () => {
        const problems: string[] = [];
        let checks = 0;
        for (const { dockerfile, context } of Object.values(out.builds)) {
          const rules = parseDockerignore(readFileSync(ignoreFileFor(out.dir, dockerfile, context)!, 'utf8'));
          for (const { line, source } of contextCopySources(read(out.dir, dockerfile))) {
            if (source === '.') continue;
            checks += 1;
            if (!existsSync(path.join(out.dir, context, source))) problems.push(`${dockerfile}:${line}: COPY ${source}: not in ${context}`);
            else if (isIgnored(rules, source)) problems.push(`${dockerfile}:${line}: COPY ${source}: excluded by the ignore file`);
          }
        }
        record(fixture, 'copy sources', checks - problems.length, problems.length);
        assert.deepEqual(problems, []);
      });

      it('names agree: compose services and images, build targets, ports, healthchecks mirror the Dockerfiles', () => {
        const problems: string[] = [];
        let checks = 0;
        const check = (ok: boolean, what: string): void => {
          checks += 1;
          if (!ok) problems.push(what);
        };
        const specs = serviceSpecs(profile, { projectName: profile.name });
        const dev = parseYaml(read(out.dir, out.compose.dev)) as ComposeDoc;
        const prod = parseYaml(read(out.dir, out.compose.prod)) as ComposeDoc;
        for (const spec of specs) {
          const d = dev.services[spec.name];
          const p = prod.services[spec.name];
          check(d?.build?.target === 'dev' && p?.build?.target === 'prod', `${spec.name}: targets dev/prod`);
          check(d?.image === `${spec.image}:\${DEV_IMAGE_TAG:-dev}`, `${spec.name}: dev image ${d?.image}`);
          check(p?.image === `\${IMAGE_REGISTRY:-}${spec.image}:\${IMAGE_TAG:-local}`, `${spec.name}: prod image ${p?.image}`);
          check(Boolean(d?.ports?.[0]?.endsWith(`:${spec.port}`)), `${spec.name}: dev port ${d?.ports?.[0]}`);
          const text = read(out.dir, spec.dockerfile);
          check(text.includes(`EXPOSE ${spec.port}\n`), `${spec.name}: EXPOSE ${spec.port}`);
          const health = prodStage(text).healthcheck ?? [];
          const probe = spec.healthPath ? `:${spec.port}${spec.healthPath}` : `${spec.port}`;
          check(health.join(' ').includes(probe), `${spec.name}: HEALTHCHECK probes ${probe}`);
          check((stageFindings(text, 'dev').healthcheck ?? []).join(' ').includes(probe), `${spec.name}: the dev stage's HEALTHCHECK probes ${probe} too`);
          check(!p?.healthcheck && !d?.healthcheck, `${spec.name}: compose leaves the health check to the image`);
          check(out.makefile.includes(`--file ${spec.dockerfile} ${spec.context}\n`), `${spec.name}: Makefile builds ${spec.dockerfile} in ${spec.context}`);
        }
        const backing = defaultBackingServices(profile);
        check(('db' in dev.services) === backing.includes('db') && ('redis' in dev.services) === backing.includes('redis'), `backing services ${backing.join(',')}`);
        record(fixture, 'names agree', checks - problems.length, problems.length);
        assert.deepEqual(problems, []);
      });

      it('a second run is all identical and changes no byte', async () => {
        const before = snapshot(out.dir);
        const state = await runDocker(out.dir);
        const changed = (state.results ?? []).filter((f) => f.action !== 'identical');
        record(fixture, 'idempotent', (state.results ?? []).length - changed.length, changed.length);
        assert.deepEqual(changed, []);
        assert.deepEqual(snapshot(out.dir), before);
        assert.ok((state.results ?? []).length >= 12);
      });
    });
  }

  // Package managers and frameworks no fixture covers: small projects written by the test.
  describe('variants without a fixture', () => {
    const pkg = (extra: Record<string, unknown>): string => `${JSON.stringify({ name: 'v', version: '1.0.0', private: true, ...extra }, null, 2)}\n`;
    const VARIANTS: Record<string, { files: Record<string, string>; expect: RegExp[] }> = {
      'yarn-berry': {
        files: { 'package.json': pkg({ packageManager: 'yarn@4.6.0', scripts: { start: 'node index.js', test: 'node --test' }, dependencies: { express: '^4.21.1' } }), 'yarn.lock': '# yarn lockfile\n', '.yarnrc.yml': 'nodeLinker: node-modules\n', 'index.js': 'console.log(1)\n' },
        expect: [/corepack install --global "yarn@\$\{YARN_VERSION\}"/, /^ARG YARN_VERSION=4\.6\.0$/m, /yarn install --immutable/, /yarn workspaces focus --all --production/, /^COPY package\.json yarn\.lock \.yarnrc\.yml \.\/$/m, /^COPY \. \.$/m],
      },
      'yarn-classic': {
        files: { 'package.json': pkg({ packageManager: 'yarn@1.22.22', scripts: { start: 'node server.js' }, dependencies: { koa: '^2.15.0' } }), 'yarn.lock': '# yarn lockfile v1\n', 'server.js': 'console.log(1)\n' },
        expect: [/yarn install --frozen-lockfile/, /yarn install --production --frozen-lockfile/, /CMD \["node", "server\.js"\]/],
      },
      bun: {
        files: { 'package.json': pkg({ scripts: { dev: 'bun --watch src/index.ts', start: 'bun src/index.ts' }, dependencies: { hono: '^4.6.0' } }), 'bun.lock': '{}\n', 'src/index.ts': 'export default {}\n' },
        expect: [/^ARG BUN_IMAGE=oven\/bun:1\.1\.42$/m, /^FROM \$\{BUN_IMAGE\} AS base$/m, /bun install --frozen-lockfile/, /CMD \["bun", "-e", "require\('net'\)/, /^USER 1000:1000$/m, /^CMD \["bun", "src\/index\.ts"\]$/m, /^CMD \["bun", "-e", "console/m],
      },
      'node-no-lock': {
        files: { 'package.json': pkg({ scripts: { start: 'node server.js' }, dependencies: { fastify: '^5.0.0' } }), 'server.js': 'console.log(1)\n' },
        expect: [/^COPY package\.json \.\/$/m, /^    npm install$/m, /npm install --omit=dev/, /CMD \["node", "--watch", "server\.js"\]/],
      },
      next: {
        files: { 'package.json': pkg({ scripts: { dev: 'next dev', build: 'next build', start: 'next start' }, dependencies: { next: '^15.0.0', react: '^18.3.1' } }), 'package-lock.json': '{}\n', 'public/favicon.ico': '', 'next.config.mjs': 'export default {}\n', 'app/page.tsx': 'export default function P() { return null }\n' },
        expect: [/COPY --from=build \/app\/\.next \.\/\.next/, /COPY --from=build \/app\/public \.\/public/, /CMD \["next", "start", "--hostname", "0\.0\.0\.0", "--port", "3000"\]/, /CMD \["node", "-e", "fetch\('http:\/\/127\.0\.0\.1:3000\/'\)/],
      },
      pipenv: {
        files: { Pipfile: '[packages]\nflask = "*"\ngunicorn = "*"\n\n[dev-packages]\npytest = "*"\n\n[requires]\npython_version = "3.11"\n', 'Pipfile.lock': '{"_meta": {}, "default": {}, "develop": {}}\n', 'svc/__init__.py': '', 'svc/app.py': 'from flask import Flask\n\napp = Flask(__name__)\n' },
        expect: [/pipenv install --deploy --system$/m, /pipenv install --deploy --system --dev/, /CMD \["gunicorn", "--bind", "0\.0\.0\.0:5000", "--access-logfile", "-", "svc\.app:app"\]/, /^ARG PYTHON_VERSION=3\.11$/m],
      },
      pdm: {
        files: { 'pyproject.toml': '[project]\nname = "worker"\nversion = "0.1.0"\nrequires-python = ">=3.13"\ndependencies = ["aiohttp"]\n\n[tool.pdm]\ndistribution = true\n', 'pdm.lock': '# pdm lock\n', 'src/worker/__init__.py': '', 'src/worker/__main__.py': 'print(1)\n' },
        // It declares no optional dependencies: the project itself, editable, and no extra it does not have.
        expect: [/pip install \.$/m, /^    pip install --editable \.$/m, /CMD \["python", "-m", "worker"\]/, /^COPY --from=build \/opt\/venv \/opt\/venv$/m],
      },
      'hatch-no-lock': {
        files: { 'pyproject.toml': '[project]\nname = "tool"\nversion = "0.1.0"\ndependencies = ["fastapi", "uvicorn"]\n\n[tool.hatch.build]\nonly-packages = true\n', 'tool/__init__.py': '', 'tool/api.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' },
        expect: [/CMD \["uvicorn", "tool\.api:app", "--host", "0\.0\.0\.0", "--port", "8000", "--proxy-headers"\]/],
      },
      'poetry-no-lock': {
        files: { 'pyproject.toml': '[tool.poetry]\nname = "svc"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.12"\nflask = "*"\n', 'svc/__init__.py': '', 'svc/main.py': 'import flask\n\napp = flask.Flask(__name__)\n' },
        expect: [/^COPY pyproject\.toml \.\/$/m, /poetry install --only main --no-root/, /CMD \["flask", "--app", "svc\.main", "run"/],
      },
    };
    for (const [name, variant] of Object.entries(VARIANTS)) {
      it(`${name}: valid Dockerfile and compose files, COPY sources exist, non-root prod with a HEALTHCHECK`, async function () {
        const dir = copyFixture('empty');
        writeProject(dir, variant.files);
        const state = await runDocker(dir);
        const out = produced(dir, state);
        const [{ dockerfile, context }] = Object.values(out.builds) as [{ dockerfile: string; context: string }];
        const text = read(dir, dockerfile);
        assert.deepEqual(await lintDockerfile(text, { requiredStages: STAGES }), [], text);
        for (const re of variant.expect) assert.match(text, re);
        for (const file of [out.compose.dev, out.compose.prod]) assert.deepEqual(await lintCompose(read(dir, file)), []);
        const rules = parseDockerignore(readFileSync(ignoreFileFor(dir, dockerfile, context)!, 'utf8'));
        for (const { source } of contextCopySources(text)) {
          if (source === '.') continue;
          assert.ok(existsSync(path.join(dir, context, source)) && !isIgnored(rules, source), `COPY ${source}`);
        }
        const prod = prodStage(text);
        assert.ok(isNonRoot(prod.user) && prod.healthcheck?.length, JSON.stringify(prod));
        for (const from of externalFroms(text)) assert.ok(isPinned(from.image), from.image);
        const findings = await skipIfMissing(this, () => makeDryRun(out.makefile, dockerTargets(out.makefile, Object.keys(out.builds))));
        assert.deepEqual(findings, []);
      });
    }
  });

  // npm / pnpm / yarn workspaces: apps/api (server, imports @mono/shared), apps/web (Vite SPA), packages/shared (a library
  // with a build step). The lock file lives only at the workspace root.
  describe('Node workspaces', () => {
    const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
    const members = (manager: 'npm' | 'pnpm' | 'yarn'): Record<string, string> => {
      const local = manager === 'npm' ? '*' : 'workspace:*';
      return {
        'apps/api/package.json': json({ name: '@mono/api', version: '1.0.0', main: 'dist/index.js', scripts: { build: 'tsc', start: 'node dist/index.js', test: 'node --test' }, dependencies: { express: '^4.21.0', '@mono/shared': local }, devDependencies: { typescript: '^5.6.0' } }),
        'apps/api/tsconfig.json': '{}\n',
        'apps/api/src/index.ts': 'export {};\n',
        'apps/web/package.json': json({ name: '@mono/web', version: '1.0.0', scripts: { dev: 'vite', build: 'vite build' }, dependencies: { react: '^18.3.1' }, devDependencies: { vite: '^5.4.0' } }),
        'apps/web/src/main.tsx': 'export {};\n',
        'apps/web/index.html': '<!doctype html><script type="module" src="/src/main.tsx"></script>\n',
        'packages/shared/package.json': json({ name: '@mono/shared', version: '1.0.0', main: 'dist/index.js', scripts: { build: 'tsc' }, devDependencies: { typescript: '^5.6.0' } }),
        'packages/shared/src/index.ts': 'export const x = 1;\n',
      };
    };
    // Only the member, the members it imports and the root's own tooling are installed: the rest of the
    // workspace (another app's framework, a mobile app) stays out of its image.
    const WORKSPACES: Record<string, { files: Record<string, string>; install: RegExp; installProd: RegExp; lock: string }> = {
      npm: {
        files: { 'package.json': json({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }), 'package-lock.json': '{"lockfileVersion": 3}\n', ...members('npm') },
        install: /^    npm ci --workspace=@mono\/(api|web) --include-workspace-root$/m,
        installProd: /npm ci --omit=dev --workspace=@mono\/api --include-workspace-root/,
        lock: 'package-lock.json',
      },
      pnpm: {
        files: { 'package.json': json({ name: 'mono', private: true, packageManager: 'pnpm@9.12.0' }), 'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - packages/*\n', 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", '.npmrc': 'auto-install-peers=true\n', ...members('pnpm') },
        install: /pnpm install --frozen-lockfile --filter "@mono\/(api|web)\.\.\." --store-dir \/pnpm\/store$/m,
        installProd: /pnpm install --frozen-lockfile --prod --filter "@mono\/api\.\.\." --store-dir \/pnpm\/store/,
        lock: 'pnpm-lock.yaml',
      },
      'yarn-berry': {
        files: { 'package.json': json({ name: 'mono', private: true, packageManager: 'yarn@4.6.0', workspaces: { packages: ['apps/*', 'packages/*'] } }), 'yarn.lock': '# yarn lockfile\n', '.yarnrc.yml': 'nodeLinker: node-modules\n', ...members('yarn') },
        install: /^    yarn workspaces focus mono @mono\/(api|web)$/m,
        installProd: /yarn workspaces focus --production mono @mono\/api/,
        lock: 'yarn.lock',
      },
    };
    for (const [name, project] of Object.entries(WORKSPACES)) {
      it(`${name}: members build from the workspace root with its lock file; the library is no service; everything validates`, async function () {
        const dir = copyFixture('empty');
        writeProject(dir, project.files);
        const state = await runDocker(dir);
        const out = produced(dir, state);
        assert.deepEqual(Object.keys(out.builds).sort(), ['api', 'web'], 'packages/shared is a library: no image, no service');
        assert.ok(!(state.notes ?? []).some((note) => /no lock file/.test(note)), (state.notes ?? []).join('\n'));
        for (const file of [out.compose.dev, out.compose.prod]) assert.deepEqual(await lintCompose(read(dir, file)), []);

        for (const [service, { dockerfile, context }] of Object.entries(out.builds)) {
          assert.equal(context, '.', `${service}: context is the workspace root`);
          const text = read(dir, dockerfile);
          assert.deepEqual(await lintDockerfile(text, { requiredStages: STAGES }), [], text);
          assert.match(text, project.install);
          // The root manifests and lock file, then every member's package.json at its own path.
          const copies = contextCopySources(text).map((c) => c.source);
          for (const file of ['package.json', project.lock, 'apps/api/package.json', 'apps/web/package.json', 'packages/shared/package.json']) {
            assert.ok(copies.includes(file), `${service}: COPY ${file} (copies: ${copies.join(', ')})`);
          }
          const rules = parseDockerignore(readFileSync(ignoreFileFor(dir, dockerfile, context)!, 'utf8'));
          for (const source of copies.filter((c) => c !== '.')) {
            assert.ok(existsSync(path.join(dir, context, source)) && !isIgnored(rules, source), `${service}: COPY ${source} exists and is in the context`);
          }
          const prod = prodStage(text);
          assert.ok(isNonRoot(prod.user) && prod.healthcheck?.length, JSON.stringify(prod));
        }

        // api: shared is built first, copied into prod without its node_modules, and prod runs in the app's folder.
        const api = read(dir, out.builds.api!.dockerfile);
        assert.match(api, project.installProd);
        assert.ok(!(state.notes ?? []).some((note) => /installs the whole workspace/.test(note)), (state.notes ?? []).join('\n'));
        const run = name === 'npm' ? 'npm run build' : name === 'pnpm' ? 'pnpm run build' : 'yarn run build';
        assert.ok(api.includes(`RUN ["sh", "-c", "cd /app/packages/shared && ${run} && cd /app/apps/api && ${run}"]`), api);
        assert.match(api, /tar --create --file \/tmp\/packages\.tar --exclude=node_modules packages\/shared/);
        assert.match(api, /^COPY --from=workspace-files \/packages\/ \.\/$/m);
        assert.match(api, /^COPY --from=build \/app\/apps\/api\/dist \.\/apps\/api\/dist$/m);
        for (const folder of ['apps/api', 'packages/shared']) assert.ok(api.includes(`COPY --from=prod-deps /app/${folder}/node_modules ./${folder}/node_modules`), folder);
        const apiProd = api.slice(api.lastIndexOf(' AS prod'));
        assert.deepEqual([...apiProd.matchAll(/^WORKDIR (.+)$/gm)].map((m) => m[1]), ['/app', '/app/apps/api']);
        assert.match(apiProd, /^CMD \["node", "dist\/index\.js"\]$/m);

        // web: a static build of its own folder; it does not import shared, so shared's sources stay out of its context.
        const web = read(dir, out.builds.web!.dockerfile);
        assert.match(web, /^COPY --from=build \/app\/apps\/web\/dist \/usr\/share\/nginx\/html$/m);
        assert.match(web, /^COPY apps\/web\/\.docker\/nginx\/default\.conf \/etc\/nginx\/conf\.d\/default\.conf$/m);
        const webRules = parseDockerignore(readFileSync(ignoreFileFor(dir, out.builds.web!.dockerfile, '.')!, 'utf8'));
        assert.ok(isIgnored(webRules, 'packages/shared/src/index.ts') && isIgnored(webRules, 'apps/api/src/index.ts'));
        assert.ok(!isIgnored(webRules, 'packages/shared/package.json') && !isIgnored(webRules, 'apps/web/src/main.tsx'));
        const apiRules = parseDockerignore(readFileSync(ignoreFileFor(dir, out.builds.api!.dockerfile, '.')!, 'utf8'));
        assert.ok(!isIgnored(apiRules, 'packages/shared/src/index.ts') && isIgnored(apiRules, 'apps/web/src/main.tsx'));

        // Hot reload mounts the app and the packages it imports at their paths in the image.
        const compose = parseYaml(read(dir, out.compose.dev)) as { services: Record<string, { volumes?: string[] }> };
        assert.deepEqual(compose.services.api!.volumes, ['./apps/api:/app/apps/api', '/app/apps/api/node_modules', './packages/shared:/app/packages/shared', '/app/packages/shared/node_modules', '/app/packages/shared/dist'], 'the built package the dev server loads stays over the bind mount');
        const findings = await skipIfMissing(this, () => makeDryRun(out.makefile, dockerTargets(out.makefile, Object.keys(out.builds))));
        assert.deepEqual(findings, []);
        const again = await runDocker(dir);
        assert.deepEqual((again.results ?? []).filter((f) => f.action !== 'identical'), [], 'a second run is identical');
      });
    }
  });

  describe('Node workspaces a manager cannot focus', () => {
    const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
    const api = json({ name: '@mono/api', version: '1.0.0', scripts: { start: 'node index.js' }, dependencies: { express: '^4.21.0' } });
    it('Yarn Berry with an unnamed root and Yarn 1 install the whole workspace, and say so', async () => {
      for (const [root, lock, extra, install, why] of [
        [{ private: true, packageManager: 'yarn@4.6.0', workspaces: ['apps/*'] }, 'yarn.lock', { '.yarnrc.yml': 'nodeLinker: node-modules\n' }, /^    yarn install --immutable$/m, /has no name, which `yarn workspaces focus` needs/],
        [{ name: 'mono', private: true, packageManager: 'yarn@1.22.22', workspaces: ['apps/*'] }, 'yarn.lock', {}, /^    yarn install --frozen-lockfile$/m, /Yarn 1 cannot install one workspace member/],
      ] as const) {
        const dir = copyFixture('empty');
        writeProject(dir, { 'package.json': json(root), [lock]: '# yarn lockfile\n', ...extra, 'apps/api/package.json': api, 'apps/api/index.js': 'require("express")().listen(3000);\n' });
        const state = await runDocker(dir);
        const out = produced(dir, state);
        assert.match(read(dir, out.builds.api!.dockerfile), install);
        assert.ok((state.notes ?? []).some((note) => why.test(note) && /the image installs the whole workspace/.test(note)), (state.notes ?? []).join('\n'));
      }
    });
  });

  // Shaped after create-react-router's node-custom-server template: `node server.js` loads build/server.
  describe('a React Router app with its own server', () => {
    it('runs the server file and copies it beside the build', async () => {
      const dir = copyFixture('empty');
      writeProject(dir, {
        'package.json': `${JSON.stringify({ name: 'rr', private: true, type: 'module', scripts: { build: 'react-router build', dev: 'node server.js', start: 'cross-env NODE_ENV=production node server.js' }, dependencies: { '@react-router/express': '7.18.4', '@react-router/node': '7.18.4', express: '4.21.2', react: '19.2.6', 'react-dom': '19.2.6', 'react-router': '7.18.4' }, devDependencies: { '@react-router/dev': '7.18.4', vite: '8.3.8' } }, null, 2)}\n`,
        'package-lock.json': '{"lockfileVersion": 3}\n',
        'server.js': 'import express from "express";\nconst app = express();\napp.listen(process.env.PORT || 3000);\n',
        'app/routes.ts': 'import { index } from "@react-router/dev/routes";\nexport default [index("routes/home.tsx")];\n',
        'app/routes/home.tsx': 'export default function Home() { return null; }\n',
      });
      const out = produced(dir, await runDocker(dir));
      const text = read(dir, out.builds.rr!.dockerfile);
      assert.match(text, /^COPY --from=build \/app\/build \.\/build$/m);
      assert.match(text, /^COPY --from=build \/app\/server\.js \.\/server\.js$/m);
      assert.match(text, /^CMD \["node", "server\.js"\]$/m);
    });
  });

  // Shaped after create-nx-workspace's integrated layout (--workspaces=false --useProjectJson).
  describe('an Nx application with only a project.json', () => {
    it('installs the workspace at the root, builds with nx there and runs the entry the build target writes to dist/', async () => {
      const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
      const dir = copyFixture('empty');
      writeProject(dir, {
        'package.json': json({ name: '@acme/source', private: true, scripts: {}, dependencies: { express: '^5.1.0' }, devDependencies: { nx: '23.2.1', '@nx/esbuild': '23.2.1' } }),
        'package-lock.json': '{"lockfileVersion": 3}\n',
        'nx.json': json({ plugins: [{ plugin: '@nx/eslint/plugin', options: { targetName: 'lint' } }] }),
        'apps/api/project.json': json({ name: 'api', projectType: 'application', targets: { build: { executor: '@nx/esbuild:esbuild', options: { outputPath: 'dist/apps/api', main: 'apps/api/src/main.ts' } }, serve: { executor: '@nx/js:node' } } }),
        'apps/api/eslint.config.mjs': 'export default [];\n',
        'apps/api/src/main.ts': "import express from 'express';\nexpress().listen(process.env.PORT ? Number(process.env.PORT) : 3000);\n",
      });
      const state = await runDocker(dir);
      const out = produced(dir, state);
      assert.deepEqual(Object.keys(out.builds), ['api']);
      const text = read(dir, out.builds.api!.dockerfile);
      assert.deepEqual(await lintDockerfile(text, { requiredStages: STAGES }), [], text);
      assert.match(text, /^COPY package\.json package-lock\.json \.\/$/m);
      assert.match(text, /^    npm ci$/m);
      assert.match(text, /^RUN \["sh", "-c", "cd \.\.\/\.\. && exec npx nx build api"\]$/m);
      assert.match(text, /^COPY --from=build \/app\/dist\/apps\/api \.\/dist\/apps\/api$/m, 'the build output at the workspace root, by a resolved path');
      assert.doesNotMatch(text, /apps\/api\/package\.json/, 'the project has no package.json to copy');
      assert.match(text, /^CMD \["node", "\.\.\/\.\.\/dist\/apps\/api\/main\.js"\]$/m);
      assert.ok(!(state.notes ?? []).some((note) => /installs the whole workspace/.test(note)), (state.notes ?? []).join('\n'));
      const rules = parseDockerignore(readFileSync(ignoreFileFor(dir, out.builds.api!.dockerfile, '.')!, 'utf8'));
      assert.ok(isIgnored(rules, '.nx/cache/123/terminalOutput') && !isIgnored(rules, 'nx.json'), "Nx's local task cache stays out of the context");
    });
  });

  describe('Node workspaces without an app', () => {
    it('a workspace of libraries only is refused with a clear message and nothing written', async () => {
      const dir = copyFixture('empty');
      writeProject(dir, {
        'package.json': JSON.stringify({ name: 'kit', private: true, workspaces: ['packages/*'] }),
        'packages/ui/package.json': JSON.stringify({ name: '@kit/ui', main: 'dist/index.js', scripts: { build: 'tsc' }, dependencies: { '@kit/tokens': '*' } }),
        'packages/tokens/package.json': JSON.stringify({ name: '@kit/tokens', main: 'index.js', dependencies: { '@kit/ui': '*' } }),
      });
      const before = snapshot(dir);
      await assert.rejects(runDocker(dir), /nothing to containerise: packages\/tokens, packages\/ui are workspace libraries/);
      assert.deepEqual(snapshot(dir), before);
    });
  });

  describe('existing files of the user', () => {
    it('keeps a user compose.yaml (written to that path, not a second file) and a user docker-build target', async () => {
      const dir = copyFixture('python-uv');
      const userCompose = 'services:\n  web:\n    build: .\n    ports: ["5000:5000"]\n';
      writeFileSync(path.join(dir, 'compose.yaml'), userCompose);
      writeFileSync(path.join(dir, 'Makefile'), 'docker-build:\n\t@echo "my own docker build"\n');
      const state = await runDocker(dir);
      assert.equal(read(dir, 'compose.yaml'), userCompose, 'the user compose.yaml is kept');
      assert.equal(actions(state)['compose.yaml'], 'skip');
      assert.ok(!existsSync(path.join(dir, 'docker-compose.yml')), 'no second dev compose file next to compose.yaml');
      assert.ok(existsSync(path.join(dir, 'compose.prod.yaml')), 'the prod file follows the user\'s naming');
      const makefile = read(dir, 'Makefile');
      assert.ok(makefile.startsWith('docker-build:\n\t@echo "my own docker build"\n'));
      assert.equal(makefile.match(/^docker-build:/gm)?.length, 1, 'one docker-build rule: the user\'s');
      assert.match(makefile, /^DOCKER_COMPOSE_DEV \?= compose\.yaml$/m);
      assert.ok(state.notes.some((n) => n.includes("'docker-build' is kept")), state.notes.join('\n'));
      assert.ok(state.notes.some((n) => n.startsWith('compose.yaml exists')), state.notes.join('\n'));
      const findings = await makeDryRun(makefile, dockerTargets(makefile, ['uv-service', 'redis']), { warnUndefinedVariables: true }).catch((e: Error) => [{ message: e.message }]);
      assert.deepEqual(findings, []);
      // --force replaces it with the generated dev stack.
      await runDocker(dir, { yes: true, force: true });
      assert.match(read(dir, 'compose.yaml'), /^# Generated by ai-projen/);
    });

    it('keeps a Dockerfile the user edited after a first run; --check accepts that decision until the file changes again', async () => {
      const dir = copyFixture('ts-npm');
      await runDocker(dir);
      writeFileSync(path.join(dir, 'Dockerfile'), `${read(dir, 'Dockerfile')}# mine\n`);
      await assert.rejects(runDocker(dir, { check: true }), /out of date: 1 file\(s\) would change/, 'an edit nobody decided on yet');
      const state = await runDocker(dir, { yes: true, 'node-version': '22' });
      assert.equal(actions(state)['Dockerfile'], 'skip');
      assert.match(read(dir, 'Dockerfile'), /# mine\n$/);
      assert.match(read(dir, 'docker-compose.yml'), /^# Generated/, 'untouched generated files follow the new answers');
      await runDocker(dir, { check: true });
      writeFileSync(path.join(dir, 'Dockerfile'), `${read(dir, 'Dockerfile')}# more\n`);
      await assert.rejects(runDocker(dir, { check: true }), /out of date: 1 file\(s\) would change/);
    });
  });

  describe('options', () => {
    it('asks every question once interactively, then nothing on a re-run', async () => {
      const dir = copyFixture('fullstack');
      const first = await runGenerator(generatorFile('docker'), NS, dir, {}, {
        projectName: 'shop', ports: 'backend=8001', healthCheckPath: '/healthz', services: ['redis'], pythonVersion: '3.12', nodeVersion: '22', installPath: '.',
      });
      assert.deepEqual(first.askedQuestions.map((q) => q.name), ['projectName', 'ports', 'healthCheckPath', 'services', 'pythonVersion', 'nodeVersion', 'installPath']);
      assert.match(read(dir, 'docker-compose.yml'), /image: shop-backend:/);
      assert.match(read(dir, '.docker/dockerfiles/backend.Dockerfile'), /127\.0\.0\.1:8001\/healthz/);
      const second = await runGenerator(generatorFile('docker'), NS, dir, {});
      assert.deepEqual(second.askedQuestions, []);
    });

    it('a project without Python does not ask for a Python version', async () => {
      const dir = copyFixture('ts-npm');
      const run = await runGenerator(generatorFile('docker'), NS, dir, {}, { projectName: 'api' });
      assert.ok(!run.askedQuestions.some((q) => q.name === 'pythonVersion'));
      assert.ok(run.askedQuestions.some((q) => q.name === 'nodeVersion'));
    });

    it('--install-path ../x is rejected and nothing is written', async () => {
      const dir = copyFixture('ts-npm');
      const before = snapshot(dir);
      await assert.rejects(runDocker(dir, { yes: true, 'install-path': '../x' }), /--install-path: invalid path "\.\.\/x": it points outside the project root/);
      await assert.rejects(runDocker(dir, { yes: true, 'install-path': '/tmp/x' }), /--install-path: .*relative to the project root/);
      assert.deepEqual(snapshot(dir), before);
    });

    it('bad values are rejected with the option name and nothing is written', async () => {
      const dir = copyFixture('fullstack');
      const before = snapshot(dir);
      await assert.rejects(runDocker(dir, { yes: true, services: 'db,mysql' }), /--services: 'mysql'/);
      await assert.rejects(runDocker(dir, { yes: true, 'python-version': '3' }), /--python-version: '3'/);
      await assert.rejects(runDocker(dir, { yes: true, 'node-version': 'lts' }), /--node-version: 'lts'/);
      await assert.rejects(runDocker(dir, { yes: true, port: 'frontend=http' }), /--ports/);
      assert.deepEqual(snapshot(dir), before);
    });

    it('--install-path docker puts the Docker files in docker/ and everything still validates', async function () {
      const dir = copyFixture('fullstack');
      await runDocker(dir, { yes: true, 'install-path': 'docker' });
      const out = produced(dir, runState({}), 'docker/docker-compose.yml', 'docker/docker-compose.prod.yml');
      assert.deepEqual(out.builds, {
        backend: { dockerfile: 'docker/.docker/dockerfiles/backend.Dockerfile', context: 'backend' },
        frontend: { dockerfile: 'docker/.docker/dockerfiles/frontend.Dockerfile', context: 'frontend' },
      });
      assert.ok(existsSync(path.join(dir, 'docker/.env.example')));
      assert.ok(existsSync(path.join(dir, 'frontend/.docker/nginx/default.conf')), 'the nginx config stays inside the build context');
      for (const { dockerfile } of Object.values(out.builds)) {
        assert.deepEqual(await lintDockerfile(read(dir, dockerfile), { requiredStages: STAGES }), []);
        assert.ok(existsSync(path.join(dir, `${dockerfile}.dockerignore`)));
      }
      for (const file of [out.compose.dev, out.compose.prod]) assert.deepEqual(await lintCompose(read(dir, file)), []);
      assert.match(read(dir, 'docker/docker-compose.yml'), /^      - \.\.\/backend:\/app$/m);
      assert.match(out.makefile, /^DOCKER_COMPOSE_DEV \?= docker\/docker-compose\.yml$/m);
      const findings = await skipIfMissing(this, () => makeDryRun(out.makefile, dockerTargets(out.makefile, ['backend', 'frontend', 'db'])));
      assert.deepEqual(findings, []);
      const specs = serviceSpecs(detect(dir), { projectName: 'fullstack', installPath: 'docker' });
      assert.deepEqual(specs.map((s) => s.dockerfile), Object.values(out.builds).map((b) => b.dockerfile));
    });

    it('--services, --python-version, --node-version and --port shape the output', async () => {
      const dir = copyFixture('fullstack');
      await runDocker(dir, { yes: true, services: 'redis', 'python-version': '3.13', 'node-version': '20', port: 'backend=9000,frontend=8081' });
      const compose = parseYaml(read(dir, 'docker-compose.yml')) as ComposeDoc;
      assert.deepEqual(Object.keys(compose.services), ['backend', 'frontend', 'redis']);
      assert.deepEqual(Object.keys(compose.services.backend!.depends_on ?? {}), ['redis']);
      assert.match(read(dir, '.docker/dockerfiles/backend.Dockerfile'), /^ARG PYTHON_VERSION=3\.13$/m);
      assert.match(read(dir, '.docker/dockerfiles/backend.Dockerfile'), /"--port", "9000"/);
      assert.match(read(dir, '.docker/dockerfiles/frontend.Dockerfile'), /^ARG NODE_VERSION=20$/m);
      assert.match(read(dir, 'frontend/.docker/nginx/default.conf'), /listen 8081;/);
      assert.doesNotMatch(read(dir, 'Makefile'), /docker-db:/, 'no docker-db without a db service');
      const config = JSON.parse(read(dir, '.yo-rc.json'))['generator-ai-projen'];
      assert.deepEqual(
        { services: config.services, pythonVersion: config.pythonVersion, nodeVersion: config.nodeVersion, ports: config.ports, installPath: config.installPath },
        { services: ['redis'], pythonVersion: '3.13', nodeVersion: '20', ports: { backend: 9000, frontend: 8081 }, installPath: '.' },
      );
      // The stored answers are reused: a plain re-run changes nothing.
      const state = await runDocker(dir);
      assert.deepEqual((state.results ?? []).filter((f) => f.action !== 'identical'), []);
    });

    it('--services none drops the backing services, docker-db and docker-migrate still follow the migrations', async () => {
      const dir = copyFixture('python-poetry');
      await runDocker(dir, { yes: true, services: 'none' });
      const compose = parseYaml(read(dir, 'docker-compose.yml')) as ComposeDoc;
      assert.deepEqual(Object.keys(compose.services), ['poetry-api']);
      assert.equal(compose.volumes, undefined);
      const makefile = read(dir, 'Makefile');
      assert.doesNotMatch(makefile, /^docker-db:/m);
      assert.match(makefile, /^docker-migrate:[\s\S]*run --rm poetry-api alembic upgrade head$/m);
    });
  });

  it('PLUGIN_MANIFEST.yaml lists exactly the generator\'s options, in question order', () => {
    const manifest = loadManifest(pluginsRoot()).plugins.docker!;
    assert.deepEqual(manifest.options.map((o) => o.name), DOCKER_QUESTIONS.map((q) => optionName(q.name)));
    const types = Object.fromEntries(manifest.options.map((o) => [o.name, o.type]));
    for (const q of DOCKER_QUESTIONS) assert.equal(types[optionName(q.name)], q.kind === 'checkbox' ? 'list' : 'string', q.name);
    assert.equal(manifest.options.find((o) => o.name === 'install-path')?.default, '.');
  });

  describe('context.ts', () => {
    const root = fixturePath('fullstack');
    const fullstack = detect(root);
    const files = { backend: ['app', 'app/__init__.py', 'app/main.py', 'pyproject.toml', 'uv.lock', 'tests'], frontend: ['package.json', 'package-lock.json', 'src', 'index.html'] };
    const answers: DockerAnswers = { projectName: 'shop', services: ['db'] };

    it('derives every path from serviceSpecs and the install path', () => {
      const ctx = buildContext(fullstack, answers, files);
      assert.deepEqual(ctx.services.map((s) => [s.name, s.dockerfile, s.dockerignore, s.compose.context, s.compose.dockerfile]), [
        ['backend', '.docker/dockerfiles/backend.Dockerfile', '.docker/dockerfiles/backend.Dockerfile.dockerignore', './backend', '../.docker/dockerfiles/backend.Dockerfile'],
        ['frontend', '.docker/dockerfiles/frontend.Dockerfile', '.docker/dockerfiles/frontend.Dockerfile.dockerignore', './frontend', '../.docker/dockerfiles/frontend.Dockerfile'],
      ]);
      assert.deepEqual(ctx.services.map((s) => s.image), ['shop-backend', 'shop-frontend']);
      assert.equal(ctx.primary, 'backend');
      assert.deepEqual(ctx.hostPorts, [['BACKEND_HOST_PORT', 8000], ['FRONTEND_HOST_PORT', 8080]]);
      const sub = buildContext(fullstack, { ...answers, installPath: 'ops/docker/' }, files);
      assert.equal(sub.compose.dev, 'ops/docker/docker-compose.yml');
      assert.equal(sub.envExample, 'ops/docker/.env.example');
      assert.equal(sub.services[0]!.compose.context, '../../backend');
      assert.equal(sub.services[0]!.compose.dockerfile, '../ops/docker/.docker/dockerfiles/backend.Dockerfile');
      assert.deepEqual(sub.services[1]!.node!.nginxConf, { path: 'frontend/.docker/nginx/default.conf', inContext: '.docker/nginx/default.conf' });
    });

    it('python: uv variant, fastapi commands, tools, runtime paths, migrations and db URL driver', () => {
      const backend = buildContext(fullstack, answers, files).services[0]!;
      const py = backend.python!;
      assert.equal(py.variant, 'uv');
      assert.deepEqual(py.manifests, ['pyproject.toml', 'uv.lock']);
      assert.equal(py.venvStage, 'build');
      assert.deepEqual(py.cmd.dev, ['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000', '--reload']);
      assert.deepEqual(py.cmd.lint, ['sh', '-c', 'ruff check . && mypy app']);
      assert.deepEqual(py.cmd.test, ['python', '-m', 'pytest']);
      assert.deepEqual(py.runtimePaths, ['.']);
      assert.deepEqual(py.migrate, ['alembic', 'upgrade', 'head']);
      assert.match(backend.compose.environment.dev[0]![1], /^postgresql\+psycopg:\/\/\$\{POSTGRES_USER:-app\}:\$\{POSTGRES_PASSWORD:-app-dev-password\}@db:5432\/\$\{POSTGRES_DB:-shop\}$/);
      assert.match(backend.compose.environment.prod[0]![1], /\$\{POSTGRES_PASSWORD:\?set POSTGRES_PASSWORD in \.env\}/);
      assert.deepEqual(backend.compose.dependsOn, ['db']);
      assert.deepEqual(backend.healthcheck, ['python', '-c', "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=3)"]);
    });

    it('python: poetry, pip and django, flask without gunicorn, pdm fallback', () => {
      const poetryProfile = detect(fixturePath('python-poetry'));
      const poetry = buildContext(poetryProfile, { projectName: 'p' }, { '.': ['app/__init__.py', 'app/main.py', 'alembic.ini', 'alembic/env.py'] }).services[0]!.python!;
      assert.equal(poetry.variant, 'poetry');
      assert.equal(poetry.venvStage, 'base');
      assert.deepEqual(poetry.runtimePaths, ['.'], 'the whole context, filtered by the ignore file: entry modules, alembic/ and alembic.ini');
      assert.deepEqual(poetry.migrate, ['alembic', 'upgrade', 'head']);
      const django = detect(fixturePath('python-requirements'));
      const dj = buildContext(django, { projectName: 'm' }, { '.': ['manage.py', 'mysite/__init__.py', 'mysite/wsgi.py', 'requirements.txt', 'requirements-dev.txt'] }).services[0]!.python!;
      assert.equal(dj.variant, 'pip');
      assert.deepEqual([dj.runtimeRequirements, dj.devRequirements], [['requirements.txt'], ['requirements-dev.txt']]);
      assert.deepEqual(dj.cmd.prod, ['gunicorn', '--bind', '0.0.0.0:8000', '--access-logfile', '-', 'mysite.wsgi:application']);
      assert.deepEqual(dj.migrate, ['python', 'manage.py', 'migrate', '--noinput']);
      const uv = detect(fixturePath('python-uv'));
      const notes: string[] = [];
      const ctx = buildContext(uv, { projectName: 'u' }, { '.': ['src/uv_service/__init__.py', 'src/uv_service/app.py'] });
      notes.push(...ctx.notes);
      assert.deepEqual(ctx.services[0]!.python!.cmd.prod, ['flask', '--app', 'uv_service.app', 'run', '--host', '0.0.0.0', '--port', '5000'], 'flask run serves on 5000');
      assert.deepEqual(ctx.services[0]!.healthcheck, ['python', '-c', "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/health', timeout=3)"], 'the route the app serves');
      assert.ok(notes.some((n) => n.includes('gunicorn is not a dependency')));
      const pdm: ProjectProfile = { ...uv, apps: [{ ...(uv.apps[0] as PythonApp), packageManager: 'pdm', lockFile: 'pdm.lock' }] };
      const pdmCtx = buildContext(pdm, { projectName: 'u' }, { '.': ['pyproject.toml', 'pdm.lock'] });
      assert.equal(pdmCtx.services[0]!.python!.variant, 'pyproject');
      assert.ok(pdmCtx.notes.some((n) => n.includes('pdm projects are installed with pip')));
    });

    it('node: npm server entry and tsc watch, pnpm SPA with nginx, a missing lock file is not copied', () => {
      const npm = detect(fixturePath('ts-npm'));
      const server = buildContext(npm, { projectName: 'n' }, { '.': ['package.json', 'package-lock.json', 'src', 'src/index.ts', 'tsconfig.json'] }).services[0]!;
      assert.equal(server.kind, 'node-server');
      assert.deepEqual(server.node!.cmd.prod, ['node', 'dist/index.js']);
      assert.deepEqual(server.node!.prodCopy, [{ from: '/app/dist', to: './dist' }, { from: '/app/package.json', to: './package.json' }]);
      assert.deepEqual(server.node!.cmd.dev, ['sh', '-c', 'tsc -p tsconfig.json --watch --preserveWatchOutput & exec node --watch dist/index.js']);
      assert.equal(server.dockerignore, '.dockerignore');
      const pnpm = detect(fixturePath('ts-pnpm'));
      const spa = buildContext(pnpm, { projectName: 'w', nodeVersion: '24' }, { '.': ['package.json', 'src'] });
      const nd = spa.services[0]!.node!;
      assert.equal(spa.services[0]!.kind, 'spa');
      assert.equal(nd.version, '24');
      assert.equal(nd.pmVersion, '9.12.0', 'the declared packageManager version wins over the pinned default');
      assert.deepEqual(nd.manifests, ['package.json'], 'pnpm-lock.yaml is absent from the file list: not copied');
      assert.ok(spa.notes.some((n) => n.includes('no lock file')));
      assert.deepEqual(spa.services[0]!.healthcheck, ['wget', '-q', '--spider', 'http://127.0.0.1:8080/'], 'the app shell nginx serves; no invented route');
      assert.equal(spa.services[0]!.compose.healthcheck.dev[0], 'node');
    });

    it('answers: parsing and defaults', () => {
      assert.deepEqual(parseBackingServices('redis, postgres'), ['db', 'redis']);
      assert.deepEqual(parseBackingServices(''), []);
      assert.deepEqual(parseBackingServices('none'), []);
      assert.throws(() => parseBackingServices('mysql'), /--services: 'mysql'/);
      assert.equal(parsePythonVersion('3.12'), '3.12');
      assert.equal(parsePythonVersion('3.12.4'), '3.12.4');
      assert.throws(() => parsePythonVersion('3.12-slim'), /--python-version/);
      assert.equal(parseNodeVersion('v22'), '22');
      assert.throws(() => parseNodeVersion('22; rm -rf /'), /--node-version/);
      assert.equal(parseInstallPath('docker/', root), 'docker');
      assert.equal(parseInstallPath('', root), '.');
      assert.throws(() => parseInstallPath('../x', root), /--install-path: invalid path "..\/x": it points outside the project root/);
      assert.throws(() => parseInstallPath('a/../../x', root), /outside the project root/);
      assert.throws(() => parseInstallPath('/etc', root), /relative to the project root/);
      assert.throws(() => parseInstallPath('a b', root), /--install-path: 'a b'/);
      assert.deepEqual(defaultBackingServices(fullstack), ['db']);
      assert.deepEqual(defaultBackingServices(detect(fixturePath('python-uv'))), ['redis']);
    });

    it('helpers: paths, quoting, compose file reuse', () => {
      assert.equal(relPath('.', '.'), '.');
      assert.equal(relPath('docker', '.'), '..');
      assert.equal(composeRel('.', 'backend'), './backend');
      assert.equal(composeRel('docker', 'backend'), '../backend');
      assert.equal(shellQuote(['ruff', 'check', '.']), 'ruff check .');
      assert.equal(shellQuote(['echo', "it's"]), `echo 'it'\\''s'`);
      assert.deepEqual(chain([['a'], ['b', 'c d']]), ['sh', '-c', "a && b 'c d'"]);
      const reuse = (generated: string[]) => buildContext({ ...fullstack, existing: { ...fullstack.existing, composeFiles: ['docker-compose.yml'] } }, answers, files, generated).notes;
      assert.ok(reuse([]).some((n) => n.startsWith('docker-compose.yml exists')), 'a user compose file is reported');
      assert.ok(!reuse(['docker-compose.yml']).some((n) => n.startsWith('docker-compose.yml exists')), 'our own, from an earlier run, is not');
      assert.deepEqual(composePaths([], '.'), { dev: 'docker-compose.yml', prod: 'docker-compose.prod.yml', reused: [] });
      assert.deepEqual(composePaths(['compose.yaml'], '.'), { dev: 'compose.yaml', prod: 'compose.prod.yaml', reused: ['compose.yaml'] });
      assert.deepEqual(composePaths(['docker-compose.yml', 'docker-compose.production.yml', 'backend/compose.yaml'], '.'), {
        dev: 'docker-compose.yml', prod: 'docker-compose.production.yml', reused: ['docker-compose.yml', 'docker-compose.production.yml'],
      });
      assert.equal(VERSIONS.images.postgres.includes(':'), true);
    });

    it('the test helpers: .dockerignore matching and image pinning', () => {
      const rules = parseDockerignore('# c\n*.lock\n!uv.lock\n**/node_modules\n.env.*\n!.env.example\n/build/\n');
      assert.equal(isIgnored(rules, 'poetry.lock'), true);
      assert.equal(isIgnored(rules, 'uv.lock'), false);
      assert.equal(isIgnored(rules, 'a/b/node_modules/x.js'), true);
      assert.equal(isIgnored(rules, '.env.local'), true);
      assert.equal(isIgnored(rules, '.env.example'), false);
      assert.equal(isIgnored(rules, 'build/out.js'), true);
      assert.equal(isIgnored(rules, 'src/build.py'), false);
      assert.equal(isPinned('python:3.12-slim-bookworm'), true);
      assert.equal(isPinned('python'), false);
      assert.equal(isPinned('ghcr.io/astral-sh/uv:latest'), false);
      assert.equal(isPinned('localhost:5000/app'), false);
      assert.equal(isPinned('app@sha256:abc'), true);
      assert.deepEqual(externalFroms('ARG V=3.12\nFROM python:${V}-slim AS base\nFROM base AS dev\n').map((f) => f.image), ['python:3.12-slim']);
    });

    it('refuses app folders that cannot be carried safely into the Makefile', () => {
      const odd = { ...fullstack, apps: [{ ...fullstack.apps[0]!, path: 'back end' }] };
      assert.throws(() => buildContext(odd, answers, {}), /app folder 'back end'/);
    });
  });
});
