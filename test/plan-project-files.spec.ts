// The project's own container and CI files as plan sources: a Dockerfile's EXPOSE/CMD/HEALTHCHECK, a compose
// service's ports/command/healthcheck, the package manager release it pins; where two sources disagree, the
// plan keeps the first, says which option picks another, and an interactive run asks. Files ai-projen wrote
// are never evidence.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { detect } from '../generators/lib/detect.js';
import { isGenerated } from '../generators/lib/generated.js';
import { composeFacts, dockerfileFacts, dockerInstructions, probedPath } from '../generators/lib/plan/container-files.js';
import { planApps, type AppPlan, type PythonPlan } from '../generators/lib/plan/index.js';
import { diskReader } from '../generators/lib/plan/reader.js';
import { pep440Range, satisfying, tomlKey } from '../generators/lib/toolchains/python/pins.js';
import { toolPin } from '../generators/lib/toolchains/python/index.js';
import { VERSIONS } from '../generators/lib/versions.js';
import { cleanupFixtures, removeFixture, writeProject } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';

const plansOf = (root: string): AppPlan[] => planApps(detect(root), diskReader(root));
const planAt = (root: string, appPath = '.'): PythonPlan => {
  const plan = plansOf(root).find((p) => p.path === appPath);
  assert.ok(plan, `no plan for ${appPath}`);
  return plan as PythonPlan;
};

// Shaped after the full-stack FastAPI template's backend: its own Dockerfile (uv image by tag, `fastapi run`),
// compose.yml probing the API's health route, compose.override.yml with the published port and a reload command.
const FASTAPI_OWN_FILES = {
  'backend/pyproject.toml': '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.10,<4.0"\ndependencies = ["fastapi[standard]<1.0.0,>=0.114.2", "alembic<2.0.0,>=1.12.1", "psycopg[binary]<4.0.0,>=3.1.13"]\n\n[tool.uv]\ndev-dependencies = ["pytest<8.0.0,>=7.4.3", "ruff<1.0.0,>=0.2.2"]\n',
  'backend/uv.lock': 'version = 1\nrevision = 2\nrequires-python = ">=3.10, <4.0"\n',
  'backend/app/__init__.py': '',
  'backend/app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI(title="app")\n',
  'backend/Dockerfile': [
    'FROM python:3.10',
    '',
    'ENV PYTHONUNBUFFERED=1',
    'WORKDIR /app/',
    '# Install uv',
    'COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /bin/',
    'ENV PATH="/app/.venv/bin:$PATH"',
    'RUN --mount=type=cache,target=/root/.cache/uv \\',
    '    uv sync --frozen --no-install-project',
    'COPY ./app /app/app',
    '',
    'CMD ["fastapi", "run", "--workers", "4", "app/main.py"]',
    '',
  ].join('\n'),
  'compose.yml': [
    'services:',
    '  db:',
    '    image: postgres:17',
    '  backend:',
    "    image: '${DOCKER_IMAGE_BACKEND?Variable not set}:${TAG-latest}'",
    '    restart: always',
    '    build:',
    '      context: ./backend',
    '    healthcheck:',
    '      test: ["CMD", "curl", "-f", "http://localhost:8000/api/v1/utils/health-check/"]',
    '      interval: 10s',
    '',
  ].join('\n'),
  'compose.override.yml': [
    'services:',
    '  backend:',
    '    restart: "no"',
    '    ports:',
    '      - "8000:8000"',
    '    build:',
    '      context: ./backend',
    '    command:',
    '      - fastapi',
    '      - run',
    '      - --reload',
    '      - "app/main.py"',
    '',
  ].join('\n'),
};

// Shaped after a Flask app deployed on a PaaS: the Procfile binds 5000, an older Dockerfile still EXPOSEs 8000.
const FLASK_DISAGREES = {
  'requirements.txt': 'Flask==3.0.0\ngunicorn==21.2.0\n',
  Procfile: 'web: gunicorn --bind 0.0.0.0:5000 app:app\n',
  'app.py': "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get('/healthz')\ndef healthz():\n    return 'ok'\n",
  Dockerfile: 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\nCMD ["sh", "-c", "gunicorn app:app"]\n',
};

describe('plan: the project\'s own container files', () => {
  after(() => cleanupFixtures());
  const make = (files: Record<string, string>) => writeProject(files);

  it('reads Dockerfile instructions: continuations, comments, the last stage, exec and shell CMD, HEALTHCHECK', () => {
    const text = 'FROM node:22 AS build\nEXPOSE 9999\nRUN npm ci \\\n  # a comment inside\n  && npm run build\nFROM node:22-slim\nEXPOSE 3000/tcp 9229\nHEALTHCHECK --interval=10s CMD wget -qO- http://127.0.0.1:3000/api/health || exit 1\nCMD node dist/server.js\n';
    assert.deepEqual(dockerInstructions(text).map((i) => [i.keyword, i.line]), [['FROM', 1], ['EXPOSE', 2], ['RUN', 3], ['FROM', 6], ['EXPOSE', 7], ['HEALTHCHECK', 8], ['CMD', 9]]);
    assert.equal(dockerInstructions(text)[2]!.args, 'npm ci  && npm run build');
    const facts = dockerfileFacts('Dockerfile', text);
    assert.deepEqual(facts.ports, [{ port: 3000, from: 'Dockerfile:7' }, { port: 9229, from: 'Dockerfile:7' }], 'the build stage\'s EXPOSE 9999 is not the image\'s');
    assert.deepEqual(facts.command, { value: ['node', 'dist/server.js'], from: 'Dockerfile:9' });
    assert.deepEqual(facts.health, { path: '/api/health', from: 'Dockerfile:8' });
    // An ENTRYPOINT script owns the command line; an init in front of CMD does not.
    assert.equal(dockerfileFacts('Dockerfile', 'FROM x\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n').command, undefined);
    assert.deepEqual(dockerfileFacts('Dockerfile', 'FROM x\nENTRYPOINT ["tini", "--"]\nCMD ["gunicorn", "app:app"]\n').command?.value, ['gunicorn', 'app:app']);
    assert.equal(dockerfileFacts('Dockerfile', 'FROM x\nCMD gunicorn app:app && echo done\n').command, undefined, 'shell syntax is not a plain command');
  });

  it('reads the compose services that build the app folder: ports (short and long), command, healthcheck', () => {
    const text = 'services:\n  api:\n    build: ./api\n    ports:\n      - "127.0.0.1:8080:5000"\n      - target: 5001\n    command: python -m api --port 5000\n    healthcheck:\n      test: ["CMD-SHELL", "python -c \\"import urllib.request; urllib.request.urlopen(\'http://localhost:5000/status\')\\""]\n  other:\n    build:\n      context: ./other\n';
    const [api, ...rest] = composeFacts('compose.yaml', text, 'api');
    assert.equal(rest.length, 0, 'only the service that builds api/');
    assert.deepEqual(api!.ports.map((p) => p.port), [5000, 5001]);
    assert.equal(api!.ports[0]!.from, 'compose.yaml:4');
    assert.deepEqual(api!.command, { value: ['python', '-m', 'api', '--port', '5000'], from: 'compose.yaml:7' });
    assert.deepEqual(api!.health, { path: '/status', from: 'compose.yaml:8' });
    assert.deepEqual(composeFacts('compose.yaml', 'services: [', 'api'), [], 'a compose file that does not parse says nothing');
    assert.deepEqual(probedPath('curl -fsS http://localhost:8000'), { path: '/', port: 8000 });
    assert.equal(probedPath('pg_isready -U postgres'), undefined);
  });

  it('FastAPI template: start from its Dockerfile CMD, port from compose.override.yml, health from compose.yml, dev from the override, uv from its image tag', () => {
    const plan = planAt(make(FASTAPI_OWN_FILES), 'backend');
    assert.deepEqual(plan.start, { value: ['fastapi', 'run', '--workers', '4', 'app/main.py'], from: 'backend/Dockerfile:12' });
    assert.deepEqual(plan.port, { value: 8000, from: 'compose.override.yml:4' });
    assert.deepEqual(plan.health, { value: { kind: 'http', path: '/api/v1/utils/health-check/' }, from: 'compose.yml:9' });
    assert.deepEqual(plan.dev, { value: ['fastapi', 'run', '--reload', 'app/main.py'], from: 'compose.override.yml:8' });
    assert.deepEqual(plan.toolchain, { manager: 'uv', version: { value: '0.5.11', from: 'backend/Dockerfile:6' } });
    assert.deepEqual(plan.ambiguities, []);
  });

  it('files ai-projen generated are output, not evidence: a re-run plans from the project', () => {
    const root = make(FASTAPI_OWN_FILES);
    const before = planAt(root, 'backend');
    writeFileSync(path.join(root, 'backend/Dockerfile'), '# syntax=docker/dockerfile:1\n# Generated by ai-projen (ai-projen:docker) for the "backend" service.\nFROM python:3.12-slim\nEXPOSE 9999\nCMD ["uvicorn", "x:app", "--port", "9999"]\n');
    writeFileSync(path.join(root, 'compose.yml'), '# Generated by ai-projen (ai-projen:docker): the development stack.\nservices:\n  backend:\n    build: ./backend\n    ports: ["9998:9998"]\n');
    rmSync(path.join(root, 'compose.override.yml'));
    const after = planAt(root, 'backend');
    assert.ok(isGenerated(readFileSync(path.join(root, 'backend/Dockerfile'), 'utf8')));
    // Back to what the project itself says: FastAPI's conventions and its own route, nothing of ours.
    assert.deepEqual(after.port, { value: 8000, from: 'convention: uvicorn serves on 8000' });
    assert.deepEqual(after.start, { value: ['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000', '--proxy-headers'], from: 'backend/app/main.py:3' });
    assert.notDeepEqual(after.start, before.start);
    assert.deepEqual(after.toolchain.version, { value: VERSIONS.tools.uv, from: 'default' }, 'no pin left: ours');
  });

  it('a Procfile and a Dockerfile that disagree on the port: the Procfile wins, the note names --ports, the plan lists both', () => {
    const plan = planAt(make(FLASK_DISAGREES));
    assert.deepEqual(plan.port, { value: 5000, from: 'Procfile:1' });
    assert.deepEqual(plan.ambiguities, [{ field: 'port', option: 'ports', choices: [{ value: 5000, from: 'Procfile:1' }, { value: 8000, from: 'Dockerfile:5' }] }]);
    const note = plan.notes.find((n) => n.includes('more than one port'));
    assert.ok(note, plan.notes.join('\n'));
    assert.match(note, /5000 \(Procfile:1\), 8000 \(Dockerfile:5\).*--ports \S+=8000 picks another/);
    assert.deepEqual(plan.start.value, ['gunicorn', '--bind', '0.0.0.0:5000', 'app:app'], 'the Dockerfile\'s `sh -c` CMD is no plain command');
    assert.deepEqual(plan.health.value, { kind: 'http', path: '/healthz' });
    // An option settles it: no ambiguity left, no note.
    const root = make(FLASK_DISAGREES);
    const [chosen] = planApps(detect(root), diskReader(root), { ports: { [detect(root).apps[0]!.name]: 8000 } });
    assert.deepEqual(chosen!.port, { value: 8000, from: 'option --ports' });
    assert.deepEqual(chosen!.ambiguities, []);
    assert.deepEqual(chosen!.start.value, ['gunicorn', '--bind', '0.0.0.0:8000', 'app:app'], 'the server listens where the image publishes');
    assert.ok(!chosen!.notes.some((n) => n.includes('more than one port')));
  });

  it('interactive: the generator asks which declared port, stores the answer, and the next run does not ask', async () => {
    // The project's compose.yaml publishes 8000 (our stack is docker-compose.yml: no file of theirs is touched).
    const { Dockerfile: _theirs, ...files } = FLASK_DISAGREES;
    const root = make({ ...files, 'compose.yaml': 'services:\n  web:\n    build: .\n    ports:\n      - "8000:8000"\n', '.gitignore': '' });
    const name = detect(root).apps[0]!.name;
    assert.equal(planAt(root).ambiguities.length, 1);
    await runGenerator(generatorFile('docker'), 'ai-projen:docker', root, { yes: false }, { port: 8000 });
    const stored = JSON.parse(readFileSync(path.join(root, '.yo-rc.json'), 'utf8'))['generator-ai-projen'] as Record<string, unknown>;
    assert.deepEqual(stored.ports, { [name]: 8000 });
    assert.match(readFileSync(path.join(root, 'Dockerfile'), 'utf8'), /^EXPOSE 8000$/m);
    // --yes on the same project: the stored answer stands, nothing asks.
    const again = planApps(detect(root), diskReader(root), { ports: stored.ports as Record<string, number> }).find((p) => p.name === name)!;
    assert.deepEqual(again.port, { value: 8000, from: 'option --ports' });
    assert.deepEqual(again.ambiguities, []);
  });
});

describe('toolchains: the release a project pins', () => {
  it('PEP 440 requirements as semver ranges', () => {
    assert.equal(pep440Range('==0.5.11'), '0.5.11');
    assert.equal(pep440Range('>=0.5,<0.6'), '>=0.5.0 <0.6.0');
    assert.equal(pep440Range('~=0.4.2'), '>=0.4.2 <0.5.0');
    assert.equal(pep440Range('~=2.1'), '>=2.1.0 <3.0.0');
    assert.equal(pep440Range('==0.4.*'), '0.4.x');
    assert.equal(pep440Range('>=0.4, !=0.4.5'), '>=0.4.0');
    assert.equal(pep440Range('latest'), undefined);
  });

  it('ours when it satisfies the requirement, else the lowest release it allows, else ours with a note', () => {
    assert.deepEqual(satisfying('>=0.5', '0.12.9', 'pyproject.toml:9', 'uv'), { version: '0.12.9', from: 'pyproject.toml:9 (>=0.5: 0.12.9 satisfies it)' });
    assert.deepEqual(satisfying('==0.4.30', '0.12.9', 'uv.toml:1', 'uv'), { version: '0.4.30', from: 'uv.toml:1 (==0.4.30)' });
    assert.deepEqual(satisfying('>=0.4,<0.5', '0.12.9', 'uv.toml:1', 'uv').version, '0.4.0');
    assert.match(satisfying('<0.1', '0.12.9', 'uv.toml:1', 'uv').note ?? '', /does not satisfy "<0.1".*pin an exact version/);
    assert.match(satisfying('nightly', '0.12.9', 'uv.toml:1', 'uv').note ?? '', /not understood/);
  });

  it('uv: required-version (uv.toml, then [tool.uv]), then a uv image tag or setup-uv version in the project\'s files; poetry: requires-poetry', () => {
    const pyproject = '[project]\nname = "x"\n\n[tool.uv]\nrequired-version = "==0.6.3"\n';
    assert.deepEqual(tomlKey(pyproject, 'tool.uv', 'required-version'), { value: '==0.6.3', offset: pyproject.indexOf('required-version') });
    assert.equal(tomlKey(pyproject, '', 'required-version'), undefined, 'a key of another table');
    assert.deepEqual(toolPin('uv', { 'pyproject.toml': pyproject }), { version: '0.6.3', from: 'pyproject.toml:5 (==0.6.3)' });
    assert.deepEqual(toolPin('uv', { 'uv.toml': 'required-version = "==0.7.0"\n', 'pyproject.toml': pyproject }).version, '0.7.0', 'uv.toml first, as uv reads it');
    const workflow = 'jobs:\n  test:\n    steps:\n      - uses: astral-sh/setup-uv@v5\n        with:\n          version: "0.4.18"\n';
    assert.deepEqual(toolPin('uv', { '.github/workflows/ci.yml': workflow }), { version: '0.4.18', from: '.github/workflows/ci.yml:4' });
    assert.deepEqual(toolPin('uv', {}), { version: VERSIONS.tools.uv, from: 'default' });
    assert.deepEqual(toolPin('poetry', { 'pyproject.toml': '[tool.poetry]\nrequires-poetry = "==2.0.1"\n' }).version, '2.0.1');
    assert.deepEqual(toolPin('pip', {}), { version: '', from: 'default' });
  });

  it('the pin reaches the images and CI: UV_VERSION in the Dockerfile, setup-uv\'s version in the workflows', async () => {
    const root = writeProject({
      'pyproject.toml': '[project]\nname = "svc"\nversion = "0.1.0"\ndependencies = ["fastapi>=0.110", "uvicorn>=0.29"]\n\n[tool.uv]\nrequired-version = "==0.6.3"\n\n[dependency-groups]\ndev = ["pytest>=8"]\n',
      'uv.lock': 'version = 1\nrevision = 1\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {}\n',
      '.gitignore': '',
    });
    try {
      await runGenerator(generatorFile('app'), 'ai-projen:app', root, { yes: true });
      assert.match(readFileSync(path.join(root, 'Dockerfile'), 'utf8'), /^ARG UV_VERSION=0\.6\.3$/m);
      const workflows = ['lint.yml', 'test.yml'].map((f) => readFileSync(path.join(root, '.github/workflows', f), 'utf8')).join('\n');
      assert.match(workflows, /uses: astral-sh\/setup-uv@\S+\n\s+with:\n\s+version: "0\.6\.3"/);
      assert.doesNotMatch(workflows, new RegExp(`version: "${VERSIONS.tools.uv.replace(/\./g, '\\.')}"`));
      // The generated files are not a pin of their own: the plan still names pyproject.toml.
      assert.equal(planAt(root).toolchain.version.from, 'pyproject.toml:7 (==0.6.3)');
    } finally {
      removeFixture(root);
    }
  });
});
