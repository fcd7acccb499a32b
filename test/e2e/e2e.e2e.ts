// `npm run test:e2e`: every corpus case built and run for real with Podman (see run-case.ts), the matrix
// printed at the end, and each case's cells held against test/e2e/baseline.json.
// AI_PROJEN_E2E_CASES=nest-api,vite-spa runs some cases only; AI_PROJEN_E2E_CACHE moves the cache;
// AI_PROJEN_E2E_KEEP=1 keeps the generated projects for a look.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipIfMissing } from '../validators/tools.js';
import { checkout, RECIPES, scaffold } from './corpus.js';
import { cacheDir, Engine } from './engine.js';
import { compareWithBaseline, formatMatrix, parseBaseline, type Cell } from './matrix.js';
import { CaseRun } from './run-case.js';
import { StandIns } from './standins.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const baselineFile = [path.join(here, 'baseline.json'), path.resolve(here, '../../../test/e2e/baseline.json')].find((f) => {
  try {
    readFileSync(f);
    return true;
  } catch {
    return false;
  }
})!;
const baseline = parseBaseline(readFileSync(baselineFile, 'utf8'));
const only = (process.env.AI_PROJEN_E2E_CASES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const recipes = RECIPES.filter((r) => only.length === 0 || only.includes(r.name));

describe('e2e: generated output built and run with Podman', function () {
  this.timeout(30 * 60_000);
  const cells: Cell[] = [];
  const ran: string[] = [];
  let engine: Engine | undefined;
  let standins: StandIns;
  const cache = cacheDir();
  const work = mkdtempSync(path.join(cache, 'run-'));
  const logs = path.join(work, 'logs');
  mkdirSync(logs, { recursive: true });

  before(async function () {
    engine = await skipIfMissing(this, () => Engine.open(cache));
    standins = new StandIns(engine, cache, path.join(logs, 'standins.log'));
    process.stderr.write(`e2e: work folder ${work} (logs in ${logs})\n`);
  });

  after(async function () {
    if (engine) {
      // Images a re-run rebuilt are left untagged: drop them, and the checkouts (AI_PROJEN_E2E_KEEP=1 keeps those).
      await engine.podman(['image', 'prune', '-f']);
      engine.close();
    }
    if (!process.env.AI_PROJEN_E2E_KEEP) rmSync(path.join(work, 'projects'), { recursive: true, force: true });
    if (cells.length === 0) return;
    writeFileSync(path.join(work, 'cells.json'), `${JSON.stringify(cells, null, 2)}\n`);
    process.stdout.write(`\n${formatMatrix(cells, baseline)}\n\n(cells with their details: ${path.join(work, 'cells.json')})\n\n`);
  });

  for (const recipe of recipes) {
    it(`${recipe.name}: ${recipe.about}`, async function () {
      const log = path.join(logs, `${recipe.name}.log`);
      const missing = await standins.ensure(recipe.needs ?? []);
      if (missing.length > 0) assert.fail(`${recipe.name}: the images its scaffold runs in are missing:\n${missing.join("\n")}`);
      const repo = await scaffold(recipe, cache, log);
      const dir = await checkout(repo, path.join(work, 'projects'), recipe.name, log);
      const caseCells = await new CaseRun(engine!, standins, recipe, dir, logs).run();
      cells.push(...caseCells);
      ran.push(recipe.name);
      const problems = compareWithBaseline(caseCells, baseline, [recipe.name]);
      if (problems.length > 0) assert.fail(`${recipe.name} does not match baseline.json (log: ${log}):\n\n${problems.join('\n\n')}`);
    });
  }
});
