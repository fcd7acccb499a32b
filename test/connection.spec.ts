// The connection to a database reaches the app in the variables it reads, the same names in the compose
// stacks and in CI's test job: DATABASE_URL only for an app that reads no variable ai-projen recognises.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cleanupFixtures, writeProject } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';

// Shaped after the full-stack FastAPI template: pydantic settings with separate POSTGRES_* fields.
const SETTINGS_APP = {
  'requirements.txt': 'fastapi==0.115.0\nuvicorn==0.30.6\npsycopg2-binary==2.9.9\npydantic-settings==2.5.2\n',
  'requirements-dev.txt': 'pytest==8.3.3\n',
  'app/__init__.py': '',
  'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {}\n',
  'app/config.py': 'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    POSTGRES_SERVER: str\n    POSTGRES_PORT: int = 5432\n    POSTGRES_USER: str\n    POSTGRES_PASSWORD: str\n    POSTGRES_DB: str\n',
  '.gitignore': '',
};

interface Compose { services: Record<string, { build?: unknown; environment?: Record<string, string> }> }

describe('connection variables', () => {
  after(() => cleanupFixtures());

  it('compose and the CI test job hand PostgreSQL to the variables the settings class reads', async () => {
    const root = writeProject(SETTINGS_APP);
    await runGenerator(generatorFile('app'), 'ai-projen:app', root, { yes: true, plugins: 'docker,github-actions' });
    const wanted = ['POSTGRES_SERVER', 'POSTGRES_PORT', 'POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'];
    const compose = parseYaml(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as Compose;
    const app = Object.values(compose.services).find((s) => s.build)!;
    assert.deepEqual(Object.keys(app.environment ?? {}), wanted);
    assert.equal(app.environment?.POSTGRES_SERVER, 'db');
    const test = parseYaml(readFileSync(path.join(root, '.github/workflows/test.yml'), 'utf8')) as { jobs: Record<string, { env?: Record<string, string>; services?: Record<string, unknown> }> };
    const job = Object.values(test.jobs).find((j) => j.services?.postgres)!;
    assert.deepEqual(job.env, { POSTGRES_SERVER: 'localhost', POSTGRES_PORT: '5432', POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: 'test' });
  });
});
