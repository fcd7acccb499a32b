// From container to running service (terraform-aws): what a task is given at start, on a project shaped like
// the full-stack FastAPI template (a pydantic Settings class with required names, PostgreSQL through
// POSTGRES_SERVER/...), on the fixtures that read DATABASE_URL or Redis, and the two scripts that ship with it:
// the tasks' start script (refuses placeholders, composes the database URL) and `make infra-secrets`.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { detect } from '../generators/lib/detect.js';
import { planOf } from '../generators/lib/plan/index.js';
import { buildContext, runtimeConfig, UNSET_VALUE } from '../generators/terraform-aws/context.js';
import { cleanupFixtures, copyFixture, fixturePath, writeProject } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';
import { lintWorkflow, shellcheckScript, skipIfMissing, terraformTest, validateOnce } from './validators/all.js';

const FASTAPI_SETTINGS = `import secrets

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file="../.env", env_ignore_empty=True, extra="ignore")

    API_V1_STR: str = "/api/v1"
    SECRET_KEY: str = secrets.token_urlsafe(32)
    PROJECT_NAME: str
    SENTRY_DSN: str | None = None
    POSTGRES_SERVER: str
    POSTGRES_PORT: int = 5432
    POSTGRES_USER: str
    POSTGRES_PASSWORD: str = ""
    POSTGRES_DB: str = ""
    FIRST_SUPERUSER: str
    FIRST_SUPERUSER_PASSWORD: str


settings = Settings()  # type: ignore
`;

const fastapiProject = (): string =>
  writeProject(
    {
      'pyproject.toml': `[project]
name = "fastapi-settings"
version = "0.1.0"
requires-python = ">=3.10,<4.0"
dependencies = [
    "fastapi[standard]<1.0.0,>=0.114.2",
    "pydantic-settings<3.0.0,>=2.2.1",
    "sqlmodel<1.0.0,>=0.0.21",
    "psycopg[binary]<4.0.0,>=3.1.13",
    "alembic<2.0.0,>=1.12.1",
]

[dependency-groups]
dev = ["pytest<8.0.0,>=7.4.3", "ruff<1.0.0,>=0.2.2"]
`,
      'app/__init__.py': '',
      'app/core/__init__.py': '',
      'app/core/config.py': FASTAPI_SETTINGS,
      'app/main.py': `from fastapi import FastAPI

from app.core.config import settings

app = FastAPI(title=settings.PROJECT_NAME)


@app.get("/api/v1/utils/health-check/")
async def health_check() -> bool:
    return True
`,
      'alembic.ini': '[alembic]\nscript_location = app/alembic\n',
      'app/alembic/env.py': 'from app.core.config import settings\n',
    },
    'fastapi-settings',
  );

const service = (dir: string) => {
  const profile = detect(dir);
  const ctx = buildContext(profile, { projectName: 'shop', awsRegion: 'eu-west-1', environments: ['dev', 'prod'] });
  return ctx.services[0]!;
};

describe('terraform-aws: runtime config of the tasks', function () {
  this.timeout(600_000);
  after(() => cleanupFixtures());

  describe('what each service is given (context.ts, pure)', () => {
    it('a pydantic Settings class: required plain names from tfvars, credentials from SSM, PostgreSQL in its own variables', () => {
      const s = service(fastapiProject());
      assert.deepEqual(s.settings, ['PROJECT_NAME', 'FIRST_SUPERUSER']);
      // SECRET_KEY has a default in the code (a random one per start): a signing key still comes from SSM.
      assert.deepEqual(s.secrets, ['SECRET_KEY', 'FIRST_SUPERUSER_PASSWORD']);
      assert.deepEqual(s.database?.env, [
        { part: 'host', name: 'POSTGRES_SERVER' },
        { part: 'port', name: 'POSTGRES_PORT' },
        { part: 'user', name: 'POSTGRES_USER' },
        { part: 'password', name: 'POSTGRES_PASSWORD' },
        { part: 'database', name: 'POSTGRES_DB' },
      ]);
      assert.equal(s.cache, undefined);
      assert.deepEqual(s.migrate, ['alembic', 'upgrade', 'head']);
      // An optional DSN keeps the app's default (off: it is in neither list above), and the run says so.
      assert.ok(s.notes.some((note) => note.includes('API_V1_STR, SENTRY_DSN') && note.includes('leaves them unset')), s.notes.join('\n'));
    });

    it('an app that reads DATABASE_URL gets it composed at start; Redis through REDIS_URL', () => {
      const fullstack = service(fixturePath('fullstack'));
      assert.deepEqual(fullstack.database, { engine: 'postgres', scheme: 'postgresql+psycopg', env: [{ part: 'url', name: 'DATABASE_URL' }] });
      assert.deepEqual([fullstack.settings, fullstack.secrets], [[], []], 'DATABASE_URL is the database wiring, not an SSM parameter');
      const uv = service(fixturePath('python-uv'));
      assert.deepEqual(uv.cache, { env: [{ part: 'url', name: 'REDIS_URL' }] });
      assert.equal(uv.database, undefined);
    });

    it('SQLite and MongoDB are notes, never a database the app does not use; MySQL is declared on RDS', () => {
      const profile = detect(fixturePath('python-requirements'));
      const plan = planOf(profile)[0]!;
      const withStores = (stores: string[]) => runtimeConfig('web', { ...plan, dataStores: stores.map((value) => ({ value, from: 'settings.py:1' })) } as never, profile.apps[0]!);
      const sqlite = withStores(['sqlite']);
      assert.equal(sqlite.database, undefined);
      assert.ok(sqlite.notes.some((note) => /SQLite .*no durable disk/.test(note)), sqlite.notes.join('\n'));
      assert.ok(withStores(['mongodb']).notes.some((note) => note.includes('MongoDB')));
      assert.equal(withStores(['mysql']).database?.engine, 'mysql', 'MySQL is declared on RDS');
    });

    it('a Flask app on MySQL (PyMySQL): RDS MySQL, a mysql+pymysql URL, a MySQL service container in CI', async function () {
      const dir = writeProject({
        'requirements.txt': 'flask==3.1.0\nflask-sqlalchemy==3.1.1\nsqlalchemy==2.0.36\npymysql==1.1.1\ngunicorn==23.0.0\npytest==8.3.4\n',
        'app.py': 'import os\n\nfrom flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\napp = Flask(__name__)\napp.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]\ndb = SQLAlchemy(app)\n\n\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n',
        'tests/test_app.py': 'def test_nothing():\n    assert True\n',
      }, 'mysql-flask');
      const s = service(dir);
      assert.deepEqual(s.database, { engine: 'mysql', scheme: 'mysql+pymysql', env: [{ part: 'url', name: 'DATABASE_URL' }] });
      await runGenerator(generatorFile('app'), 'ai-projen:app', dir, { yes: true, plugins: 'github-actions,terraform-aws', registry: 'ecr', environments: 'dev,prod' });
      const test = parse(readFileSync(path.join(dir, '.github/workflows/test.yml'), 'utf8')) as { jobs: Record<string, { services?: Record<string, { image: string; ports: string[] }>; env?: Record<string, string> }> };
      const job = Object.values(test.jobs)[0]!;
      assert.deepEqual(Object.keys(job.services ?? {}), ['mysql']);
      assert.equal(job.services!.mysql!.ports[0], '3306:3306');
      assert.equal(job.env?.DATABASE_URL, 'mysql+pymysql://test:test@127.0.0.1:3306/test');
      assert.deepEqual(await skipIfMissing(this, () => lintWorkflow(readFileSync(path.join(dir, '.github/workflows/test.yml'), 'utf8'), '.github/workflows/test.yml')), []);
      for (const workspace of ['base', 'runtime']) {
        const failed = await skipIfMissing(this, () => terraformTest(path.join(dir, 'infra/terraform/workspaces', workspace)));
        assert.deepEqual(failed, [], workspace);
      }
      assert.match(readFileSync(path.join(dir, 'infra/terraform/workspaces/base/data-stores.tf'), 'utf8'), /database_engine {5}= "mysql"/);
    });

    it("a kept Dockerfile's ENTRYPOINT (a setup script) stays in front of what the task runs", () => {
      const files = {
        'requirements.txt': 'flask==3.1.0\ngunicorn==23.0.0\n',
        'app.py': 'import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ["SECRET_KEY"]\n',
        Dockerfile: 'FROM python:3.12-slim\nCOPY . /app\nENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
        'docker-entrypoint.sh': '#!/bin/sh\nexec "$@"\n',
      };
      const plan = planOf(detect(writeProject(files, 'entrypoint-kept')))[0]!;
      assert.deepEqual(plan.imageEntrypoint, { value: { entrypoint: ['./docker-entrypoint.sh'], cmd: ['gunicorn', '-b', '0.0.0.0:8000', 'app:app'] }, from: 'Dockerfile:3' });
      const kept = service(writeProject(files, 'entrypoint-kept2'));
      assert.deepEqual([kept.entrypoint, kept.start], [['./docker-entrypoint.sh'], ['./docker-entrypoint.sh', 'gunicorn', '-b', '0.0.0.0:8000', 'app:app']]);
      // Ours is built next to theirs: the image runs the plan's start command, with no ENTRYPOINT of theirs.
      const profile = detect(writeProject(files, 'entrypoint-alongside'));
      const ours = runtimeConfig('web', planOf(profile)[0]!, profile.apps[0]!, 'alongside');
      assert.deepEqual(ours.entrypoint, []);
      assert.equal(ours.start[0], 'gunicorn');
      // An init in front of CMD (tini) is no setup script.
      const tini = planOf(detect(writeProject({ ...files, Dockerfile: 'FROM python:3.12-slim\nENTRYPOINT ["tini", "--"]\nCMD ["gunicorn", "app:app"]\n' }, 'entrypoint-tini')))[0]!;
      assert.equal(tini.imageEntrypoint, undefined);
    });

    it("what a migration tool's config reads (Prisma's shadow database for migrate dev) is no task setting", () => {
      const dir = writeProject({
        'package.json': JSON.stringify({ name: 'prisma-shadow', scripts: { start: 'node dist/server.js', build: 'tsc' }, dependencies: { fastify: '5.0.0', '@prisma/client': '6.19.0' }, devDependencies: { prisma: '6.19.0', typescript: '5.6.3' } }),
        'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        'prisma.config.ts': 'const shadowUrl = process.env.SHADOW_DATABASE_URL;\nexport default { migrate: { shadowDatabaseUrl: shadowUrl } };\n',
        'src/server.ts': 'import Fastify from "fastify";\nconst token = process.env.API_TOKEN;\nconst app = Fastify();\napp.listen({ port: 3000, host: "0.0.0.0" });\n',
      }, 'prisma-shadow');
      const env = planOf(detect(dir))[0]!.env;
      assert.equal(env.find((v) => v.name === 'SHADOW_DATABASE_URL')?.required, false, 'prisma.config.ts is a tool\'s config');
      assert.equal(env.find((v) => v.name === 'API_TOKEN')?.required, true, "the server's own read stays required");
      const s = service(dir);
      assert.deepEqual(s.secrets, ['API_TOKEN']);
      assert.ok(!s.settings.includes('SHADOW_DATABASE_URL'));
    });
  });

  describe('the generated workspaces, planned offline (terraform test with a mocked AWS provider)', () => {
    let dir: string;
    before(async function () {
      dir = fastapiProject();
      await runGenerator(generatorFile('terraform-aws'), 'ai-projen:terraform-aws', dir, { yes: true, environments: 'dev,prod', oidcRepo: 'acme/shop' });
    });

    it('tfvars list the required plain settings to fill in', () => {
      const tfvars = readFileSync(path.join(dir, 'infra/terraform/shared/dev.tfvars'), 'utf8');
      assert.match(tfvars, /app_environment = \{\n {2}"fastapi-settings" = \{\n {4}PROJECT_NAME {4}= ""\n {4}FIRST_SUPERUSER = ""\n {2}\}\n\}/);
      assert.match(tfvars, /database_instance_class = "db.t4g.micro"/);
    });

    for (const workspace of ['base', 'runtime', 'bootstrap']) {
      it(`${workspace}: validate, and its shipped tests pass (secrets, RDS wiring, migration task)`, async function () {
        const ws = path.join(dir, 'infra/terraform/workspaces', workspace);
        const invalid = await skipIfMissing(this, () => validateOnce(ws));
        assert.deepEqual(invalid, []);
        const failed = await skipIfMissing(this, () => terraformTest(ws));
        assert.deepEqual(failed, []);
      });
    }

    it('the runtime tests fail when a credential would reach the task as a plain value', async function () {
      const ws = path.join(dir, 'infra/terraform/workspaces/runtime');
      const ecs = readFileSync(path.join(ws, 'ecs.tf'), 'utf8');
      const broken = ecs.replace('if part == "password"]', 'if part == "never"]');
      assert.notEqual(broken, ecs);
      writeFileSync(path.join(ws, 'ecs.tf'), broken);
      try {
        const failed = await skipIfMissing(this, () => terraformTest(ws));
        assert.ok(failed.some((f) => /credentials/.test(f.message)), JSON.stringify(failed).slice(0, 2000));
      } finally {
        writeFileSync(path.join(ws, 'ecs.tf'), ecs);
      }
    });
  });

  describe('container-start.sh (run by sh as the ECS task starts)', () => {
    let script: string;
    before(async () => {
      const dir = copyFixture('fullstack');
      await runGenerator(generatorFile('terraform-aws'), 'ai-projen:terraform-aws', dir, { yes: true });
      script = path.join(dir, 'infra/terraform/workspaces/runtime/container-start.sh');
    });
    const start = (env: Record<string, string>, command: string[]) =>
      spawnSync('sh', ['-c', readFileSync(script, 'utf8'), 'backend', ...command], { env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8' });
    const rds = { RDS_HOST: 'db.internal', RDS_PORT: '5432', RDS_DB_NAME: 'shop', RDS_URL_SCHEME: 'postgresql+psycopg', RDS_USERNAME: 'app' };

    it('passes shellcheck', async function () {
      assert.deepEqual(await skipIfMissing(this, () => shellcheckScript(readFileSync(script, 'utf8'), { shell: 'sh' })), []);
    });

    it('refuses to start while a credential holds the placeholder, naming it but not printing values', () => {
      const result = start({ AI_PROJEN_REQUIRED: 'SECRET_KEY API_TOKEN', AI_PROJEN_UNSET: UNSET_VALUE, AI_PROJEN_PARAMETERS: '/shop/dev/backend', SECRET_KEY: 's3cr3t-value', API_TOKEN: UNSET_VALUE }, ['echo', 'started']);
      assert.equal(result.status, 78);
      assert.match(result.stderr, /API_TOKEN is not set: store it in SSM \(\/shop\/dev\/backend\/API_TOKEN\) with make infra-secrets/);
      assert.ok(!result.stderr.includes('s3cr3t-value') && !result.stdout.includes('started'));
    });

    for (const runtime of ['python3', 'node']) {
      it(`composes the database URL with ${runtime}, percent-encoding the password, and hides the parts from the app`, () => {
        const bin = path.join(path.dirname(script), `.bin-${runtime}`);
        mkdirSync(bin, { recursive: true });
        // Only this runtime on the PATH (plus sh and printenv), as in an image that has one of them.
        // The runtime's real binary (not a version manager's shim, which needs more than this PATH).
        const real = runtime === 'node' ? process.execPath : spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
        const which = (name: string) => (name === runtime ? real : spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim());
        for (const tool of [runtime, 'printenv', 'env', 'sh']) {
          writeFileSync(path.join(bin, tool), `#!/bin/sh\nexec ${which(tool)} "$@"\n`);
          chmodSync(path.join(bin, tool), 0o755);
        }
        const password = 'p@ss:w/o?r#d%20 "x"';
        const result = spawnSync('sh', ['-c', readFileSync(script, 'utf8'), 'backend', 'env'], {
          env: { PATH: bin, ...rds, RDS_PASSWORD: password, AI_PROJEN_URL_VARS: 'DATABASE_URL SQLALCHEMY_DATABASE_URI' },
          encoding: 'utf8',
        });
        assert.equal(result.status, 0, result.stderr);
        const env = Object.fromEntries(result.stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
        const url = new URL(env.DATABASE_URL!);
        assert.equal(url.protocol, 'postgresql+psycopg:');
        assert.equal(decodeURIComponent(url.password), password);
        assert.equal(decodeURIComponent(url.username), 'app');
        assert.equal(`${url.hostname}:${url.port}${url.pathname}`, 'db.internal:5432/shop');
        assert.equal(env.SQLALCHEMY_DATABASE_URI, env.DATABASE_URL);
        for (const name of ['RDS_PASSWORD', 'RDS_USERNAME', 'AI_PROJEN_URL_VARS']) assert.ok(!(name in env), `${name} reaches the app`);
      });
    }

    it('without anything to check or compose, runs the command as is', () => {
      const result = start({}, ['sh', '-c', 'echo "ran $0 $1"', 'a', 'b']);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.trim(), 'ran a b');
    });
  });

  describe('make infra-secrets (scripts/put-secrets.sh)', () => {
    let dir: string;
    let bin: string;
    before(async () => {
      dir = fastapiProject();
      await runGenerator(generatorFile('terraform-aws'), 'ai-projen:terraform-aws', dir, { yes: true, environments: 'dev,prod' });
      // A stand-in AWS CLI: records its arguments and the file a `file://` value names.
      bin = path.join(dir, '.bin');
      mkdirSync(bin);
      writeFileSync(path.join(bin, 'aws'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> "$AWS_LOG"\nfor a in "$@"; do case $a in file://*) { cat "\${a#file://}"; echo; } >> "$AWS_VALUES";; esac; done\n`);
      chmodSync(path.join(bin, 'aws'), 0o755);
    });
    const run = (file: string, target = 'infra-secrets') => {
      const log = path.join(dir, `aws-${Math.random().toString(36).slice(2)}.log`);
      const values = `${log}.values`;
      const result = spawnSync('make', ['-s', target, 'ENV=prod', `FILE=${file}`], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, AWS_LOG: log, AWS_VALUES: values } });
      const read = (f: string) => { try { return readFileSync(f, 'utf8'); } catch { return ''; } };
      return { ...result, calls: read(log).trim().split('\n').filter(Boolean), values: read(values).trim().split('\n').filter(Boolean) };
    };

    it('passes shellcheck', async function () {
      assert.deepEqual(await skipIfMissing(this, () => shellcheckScript(readFileSync(path.join(dir, 'infra/terraform/scripts/put-secrets.sh'), 'utf8'), { shell: 'bash' })), []);
    });

    it('stores each credential as a SecureString from the file, never on a command line or in the output', function () {
      if (spawnSync('make', ['--version']).status !== 0) this.skip();
      const file = path.join(dir, 'prod.secrets.env');
      writeFileSync(file, '# prod\nSECRET_KEY="k3y-with spaces"\nexport FIRST_SUPERUSER_PASSWORD=\'pw#1\'\nPROJECT_NAME=Shop\n');
      const result = run(file);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(result.calls, [
        'ssm put-parameter --region us-east-1 --name /fastapi-settings/prod/fastapi-settings/SECRET_KEY --type SecureString --overwrite --value file://' + result.calls[0]!.split('file://')[1],
        'ssm put-parameter --region us-east-1 --name /fastapi-settings/prod/fastapi-settings/FIRST_SUPERUSER_PASSWORD --type SecureString --overwrite --value file://' + result.calls[1]!.split('file://')[1],
      ]);
      assert.deepEqual(result.values, ['k3y-with spaces', 'pw#1']);
      for (const secret of ['k3y-with spaces', 'pw#1']) assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret) && !result.calls.join(' ').includes(secret));
      assert.match(result.stdout, /2 of 2 parameter\(s\) set for prod/);
    });

    it('fails, naming what is missing, when the file lacks a credential', function () {
      if (spawnSync('make', ['--version']).status !== 0) this.skip();
      const file = path.join(dir, 'partial.env');
      writeFileSync(file, 'fastapi-settings/SECRET_KEY=only-this\nnot a line\n');
      const result = run(file);
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /not in .*partial\.env: fastapi-settings\/FIRST_SUPERUSER_PASSWORD/);
      assert.match(result.stderr, /partial\.env:2: not a NAME=value line/);
      assert.ok(!result.stderr.includes('only-this'));
      assert.deepEqual(result.values, ['only-this']);
    });
  });
});
