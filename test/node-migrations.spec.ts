// Node migration tools in the plan: Drizzle (config + generated SQL), Knex (knexfile), TypeORM (the project's
// migration:run script); each names its data store, and a tool without committed migrations is a note, not
// a command that cannot work.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detect } from '../generators/lib/detect.js';
import { planApps, type NodePlan } from '../generators/lib/plan/index.js';
import { diskReader } from '../generators/lib/plan/reader.js';
import { cleanupFixtures, writeProject } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';

const planOf = (files: Record<string, string>): NodePlan => {
  const root = writeProject(files);
  const plans = planApps(detect(root), diskReader(root));
  assert.equal(plans.length, 1);
  return plans[0] as NodePlan;
};
const pkg = (dependencies: Record<string, string>, devDependencies: Record<string, string> = {}, scripts: Record<string, string> = {}) =>
  JSON.stringify({ name: 'api', version: '1.0.0', scripts: { start: 'node ./bin/www', ...scripts }, dependencies: { express: '5.1.0', ...dependencies }, devDependencies });

// Shaped after an express-generator app with Drizzle: drizzle.config.js, db/schema.js, drizzle/0000_init.sql.
const DRIZZLE = {
  'package.json': pkg({ 'drizzle-orm': '0.45.4', pg: '8.23.1' }, { 'drizzle-kit': '0.31.11' }),
  'bin/www': "#!/usr/bin/env node\nvar app = require('../app');\nvar port = process.env.PORT || '3000';\napp.listen(port);\n",
  'app.js': "var express = require('express');\nvar app = express();\napp.get('/', function (req, res) { res.send('ok'); });\nmodule.exports = app;\n",
  'drizzle.config.js': "const { defineConfig } = require('drizzle-kit');\n\nmodule.exports = defineConfig({\n  dialect: 'postgresql',\n  schema: './db/schema.js',\n  out: './drizzle',\n  dbCredentials: { url: process.env.DATABASE_URL },\n});\n",
  'db/schema.js': "const { pgTable, serial } = require('drizzle-orm/pg-core');\nexports.notes = pgTable('notes', { id: serial('id').primaryKey() });\n",
  'drizzle/0000_init.sql': 'CREATE TABLE "notes" ("id" serial PRIMARY KEY NOT NULL);\n',
  'drizzle/meta/_journal.json': '{"version":"7","dialect":"postgresql","entries":[]}\n',
};

describe('plan: Node migration tools', () => {
  after(() => cleanupFixtures());

  it('Drizzle: drizzle-kit migrate for the SQL in `out`, postgres from the dialect, DATABASE_URL from the config', () => {
    const plan = planOf(DRIZZLE);
    assert.deepEqual(plan.migrate, { value: ['drizzle-kit', 'migrate'], from: 'drizzle/ (drizzle.config.js)' });
    assert.deepEqual(plan.dataStores, [{ value: 'postgres', from: 'drizzle.config.js:4' }]);
    assert.ok(plan.env.some((v) => v.name === 'DATABASE_URL'));
    const { 'drizzle/0000_init.sql': _sql, ...ungenerated } = DRIZZLE;
    const none = planOf(ungenerated);
    assert.equal(none.migrate, undefined, 'nothing generated: nothing to apply');
    assert.ok(none.notes.some((n) => /drizzle\.config\.js writes migrations to drizzle\/, which has none: run `drizzle-kit generate`/.test(n)), none.notes.join('\n'));
    const sqlite = planOf({ ...DRIZZLE, 'package.json': pkg({ 'drizzle-orm': '0.45.4', 'better-sqlite3': '12.0.0' }, { 'drizzle-kit': '0.31.11' }), 'drizzle.config.js': DRIZZLE['drizzle.config.js'].replace("'postgresql'", "'sqlite'") });
    assert.deepEqual(sqlite.dataStores.map((s) => s.value), ['sqlite'], 'the dialect, and no Postgres from a client that is not there');
  });

  it('Knex: knex migrate:latest with the knexfile (named when it is not knexfile.js), the store from its client', () => {
    const js = planOf({ 'package.json': pkg({ knex: '3.3.0', mysql2: '3.15.0' }), 'app.js': 'module.exports = {};\n', 'knexfile.js': "module.exports = {\n  client: 'mysql2',\n  connection: process.env.DATABASE_URL,\n};\n", 'migrations/20250101_init.js': 'exports.up = () => {};\n' });
    assert.deepEqual(js.migrate, { value: ['knex', 'migrate:latest'], from: 'knexfile.js' });
    assert.deepEqual(js.dataStores, [{ value: 'mysql', from: 'knexfile.js:2' }]);
    const ts = planOf({ 'package.json': pkg({ knex: '3.3.0', pg: '8.23.1' }), 'app.js': 'module.exports = {};\n', 'knexfile.ts': "export default { client: 'pg' };\n" });
    assert.deepEqual(ts.migrate?.value, ['knex', 'migrate:latest', '--knexfile', 'knexfile.ts']);
    assert.deepEqual(ts.dataStores.map((s) => s.value), ['postgres']);
  });

  it('TypeORM: the project\'s migration:run script, else a note saying what to add', () => {
    const scripted = planOf({ 'package.json': pkg({ typeorm: '0.3.27', pg: '8.23.1' }, {}, { 'migration:run': 'typeorm-ts-node-commonjs migration:run -d src/data-source.ts', 'migration:generate': 'typeorm-ts-node-commonjs migration:generate' }), 'app.js': 'module.exports = {};\n' });
    assert.deepEqual(scripted.migrate?.value, ['npm', 'run', 'migration:run']);
    assert.match(scripted.migrate!.from, /package\.json:\d+ \(scripts\.migration:run\)/);
    const bare = planOf({ 'package.json': pkg({ typeorm: '0.3.27', pg: '8.23.1' }), 'app.js': 'module.exports = {};\n' });
    assert.equal(bare.migrate, undefined);
    assert.ok(bare.notes.some((n) => n.includes('typeorm migration:run')), bare.notes.join('\n'));
  });

  it('rendered: docker-migrate runs drizzle-kit migrate in the dev stack, which has the database and DATABASE_URL', async () => {
    const root = writeProject({ ...DRIZZLE, '.gitignore': 'node_modules\n', 'package-lock.json': '{"lockfileVersion":3,"packages":{}}\n' });
    await runGenerator(generatorFile('docker'), 'ai-projen:docker', root, { yes: true });
    const makefile = readFileSync(path.join(root, 'Makefile'), 'utf8');
    assert.match(makefile, /^docker-migrate:.*\n\t\$\(COMPOSE\) -f \$\(DOCKER_COMPOSE_DEV\) run --rm \S+ drizzle-kit migrate$/m);
    const compose = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
    assert.match(compose, /^ {2}db:$/m);
    assert.match(compose, /DATABASE_URL: "postgresql:\/\/\$\{POSTGRES_USER/);
  });
});
