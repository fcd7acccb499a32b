// The common base, exercised through a minimal probe generator: answers, owned-block merges,
// one staged commit, conflicts, --yes / --force / --dry-run / --check / --json, bad input writes nothing.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { driftOf, runState, type RunState } from '../generators/lib/commit.js';
import { blobId } from '../generators/lib/three-way.js';
import { copyFixture } from './helpers/fixtures.js';
import { runGenerator } from './helpers/run.js';
import { snapshot } from './helpers/tree.js';

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers/probe-generator.js');
const NS = 'ai-projen:probe';
const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');

async function runProbe(dir: string, options: Record<string, unknown> = { yes: true }, answers?: Record<string, unknown>) {
  const result = await runGenerator(probe, NS, dir, options, answers);
  return { result, state: runState(result.env) as RunState };
}

const actions = (state: RunState): Record<string, string> =>
  Object.fromEntries((state.results ?? []).map((file) => [file.path, file.action]));

describe('common base (probe generator)', () => {
  it('writes templates, owned blocks and answers on a first run', async () => {
    const dir = copyFixture('ts-npm');
    const { state } = await runProbe(dir);
    assert.match(read(dir, 'probe.yml'), /^name: ts-npm-api$/m);
    assert.match(read(dir, 'probe.yml'), /greeting: hello/);
    const agents = read(dir, 'AGENTS.md');
    assert.match(agents, /### INFRASTRUCTURE_COMMANDS\n[\s\S]*<!-- BEGIN ai-projen:probe -->\n#### Probe[\s\S]*<!-- END ai-projen:probe -->[\s\S]*### END_INFRASTRUCTURE_COMMANDS/);
    const makefile = read(dir, 'Makefile');
    assert.match(makefile, /# >>> ai-projen:probe >>>[\s\S]*probe-hello: ## Say hello\n\t@echo "hello ts-npm-api"[\s\S]*# <<< ai-projen:probe <<</);
    assert.match(read(dir, '.gitignore'), /^\.env$/m);
    const config = JSON.parse(read(dir, '.yo-rc.json'));
    const { generatedFiles, generatedWith, ...answers } = config['generator-ai-projen'];
    assert.deepEqual(answers, { projectName: 'ts-npm-api', greeting: 'hello' });
    // What the run generated from: the generator's templates and the project's inputs.
    assert.match(`${generatedWith.templates} ${generatedWith.inputs}`, /^[0-9a-f]{16} [0-9a-f]{16}$/);
    // Only whole files are recorded (merged files are never conflicts): their hash tells a later run they are untouched.
    assert.deepEqual(Object.keys(generatedFiles), ['.ai/docs/probe-standards.md', 'once.txt', 'probe.yml']);
    assert.equal(actions(state)['probe.yml'], 'create');
    assert.equal(actions(state)['Makefile'], 'create');
  });

  it('is idempotent: a second run is all identical and changes no byte', async () => {
    const dir = copyFixture('python-poetry');
    await runProbe(dir);
    const before = snapshot(dir);
    const { state } = await runProbe(dir);
    assert.deepEqual(snapshot(dir), before);
    assert.ok((state.results ?? []).length >= 5);
    for (const file of state.results ?? []) assert.equal(file.action, 'identical', file.path);
  });

  it('keeps user content around its blocks and replaces only its own block', async () => {
    const dir = copyFixture('ts-npm');
    writeFileSync(path.join(dir, 'Makefile'), 'build:\r\n\tnpm run build\r\n');
    writeFileSync(path.join(dir, 'AGENTS.md'), '# Agents\r\n\r\nUser notes.\r\n');
    await runProbe(dir);
    await runProbe(dir, { yes: true, greeting: 'hi' });
    const makefile = read(dir, 'Makefile');
    assert.ok(makefile.startsWith('build:\r\n\tnpm run build\r\n'));
    assert.equal(makefile.match(/# >>> ai-projen:probe >>>/g)?.length, 1);
    assert.ok(!/[^\r]\n/.test(makefile), 'CRLF kept in the Makefile');
    const agents = read(dir, 'AGENTS.md');
    assert.ok(agents.startsWith('# Agents\r\n\r\nUser notes.\r\n'));
    assert.equal(agents.match(/BEGIN ai-projen:probe/g)?.length, 1);
    assert.match(read(dir, 'probe.yml'), /greeting: hi/, 'unchanged generated file is updated with the new answer');
  });

  it('installs docs and lists them in an existing .ai/index.yaml, keeping its comments and CRLF', async () => {
    const dir = copyFixture('python-uv');
    mkdirSync(path.join(dir, '.ai'));
    writeFileSync(path.join(dir, '.ai/index.yaml'), '# Index of agent docs\r\nproject: uv-service # the name\r\ndocs:\r\n  - README.md\r\n');
    await runProbe(dir);
    assert.match(read(dir, '.ai/docs/probe-standards.md'), /^# Probe standards/);
    assert.equal(
      read(dir, '.ai/index.yaml'),
      '# Index of agent docs\r\nproject: uv-service # the name\r\ndocs:\r\n  - README.md\r\ninfrastructure:\r\n  probe:\r\n    - .ai/docs/probe-standards.md\r\n',
    );
    const before = snapshot(dir);
    await runProbe(dir);
    assert.deepEqual(snapshot(dir), before);
  });

  it('does not create .ai/index.yaml when the project has none', async () => {
    const dir = copyFixture('ts-npm');
    await runProbe(dir);
    assert.ok(existsSync(path.join(dir, '.ai/docs/probe-standards.md')));
    assert.ok(!existsSync(path.join(dir, '.ai/index.yaml')));
  });

  it('a user target with the same name wins, and is reported', async () => {
    const dir = copyFixture('ts-npm');
    writeFileSync(path.join(dir, 'Makefile'), 'probe-hello:\n\t@echo mine\n');
    const { state } = await runProbe(dir);
    const makefile = read(dir, 'Makefile');
    assert.equal(makefile.match(/^probe-hello:/gm)?.length, 1);
    assert.match(makefile, /^probe-bye:/m);
    assert.ok(state.notes.some((note) => note.includes("'probe-hello' is kept")));
  });

  it('never overwrites a file the user changed with --yes; --force does', async () => {
    const dir = copyFixture('python-uv');
    await runProbe(dir);
    writeFileSync(path.join(dir, 'probe.yml'), 'mine: true\n');
    writeFileSync(path.join(dir, 'once.txt'), 'my own\n');
    const { state } = await runProbe(dir, { yes: true, greeting: 'hey' });
    assert.equal(read(dir, 'probe.yml'), 'mine: true\n');
    assert.equal(actions(state)['probe.yml'], 'skip');
    assert.equal(read(dir, 'once.txt'), 'my own\n', 'write-once files stay the user\'s, even with --force');
    await runProbe(dir, { yes: true, force: true });
    assert.match(read(dir, 'probe.yml'), /greeting: hey/);
    assert.equal(read(dir, 'once.txt'), 'my own\n');
  });

  it('a file --yes kept is a decision: --check accepts it while it stays as kept; the reason says whose it is', async () => {
    const dir = copyFixture('python-uv');
    writeFileSync(path.join(dir, 'probe.yml'), 'theirs: true\n');
    const { state } = await runProbe(dir, { yes: true });
    assert.equal(read(dir, 'probe.yml'), 'theirs: true\n');
    const kept = state.results?.find((r) => r.path === 'probe.yml');
    assert.deepEqual([kept?.action, kept?.reason], ['skip', 'already in the project (ai-projen never wrote it): kept; rerun with --force to replace it']);
    const stored = JSON.parse(read(dir, '.yo-rc.json'))['generator-ai-projen'] as { keptFiles?: Record<string, string> };
    assert.deepEqual(Object.keys(stored.keptFiles ?? {}), ['probe.yml']);
    await runProbe(dir, { check: true });
    // Changed since it was kept: the project changed, --check says so again.
    writeFileSync(path.join(dir, 'probe.yml'), 'theirs: edited\n');
    await assert.rejects(runProbe(dir, { check: true }), /out of date: 1 file\(s\)/);
    // --force replaces it, and the decision is gone.
    await runProbe(dir, { yes: true, force: true });
    assert.match(read(dir, 'probe.yml'), /greeting/);
    assert.equal((JSON.parse(read(dir, '.yo-rc.json'))['generator-ai-projen'] as { keptFiles?: unknown }).keptFiles, undefined);
    // A file ai-projen wrote and the user edited is "changed by you".
    writeFileSync(path.join(dir, 'probe.yml'), 'mine: true\n');
    const again = await runProbe(dir, { yes: true });
    assert.equal(again.state.results?.find((r) => r.path === 'probe.yml')?.reason, 'changed by you: kept; rerun with --force to overwrite');
  });

  describe('drift that means something, upgrades that merge', () => {
    const gitInit = (dir: string) => {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
      git('init', '-q');
      return git;
    };
    const result = (state: RunState, file: string) => state.results?.find((r) => r.path === file);

    it('drift (pure): not ours, edited by you, templates newer, project changed', () => {
      const ours = 'greeting: hello\n';
      const fp = (templates: string, inputs: string) => ({ templates, inputs });
      const record = (previous: ReturnType<typeof fp> | undefined, next: ReturnType<typeof fp>) => ({ previous, next, save: () => undefined });
      assert.equal(driftOf(undefined, 'theirs\n', record(fp('a', 'x'), fp('a', 'x'))), 'not-ours');
      assert.equal(driftOf(blobId(ours), 'mine\n', record(fp('a', 'x'), fp('b', 'x'))), 'edited');
      assert.equal(driftOf(blobId(ours), ours, record(fp('a', 'x'), fp('b', 'x'))), 'templates-newer');
      assert.equal(driftOf(blobId(ours), ours, record(fp('a', 'x'), fp('a', 'y'))), 'inputs-changed');
      // A file that is not there yet follows the generator's side too; no record of the last run: the generator changed.
      assert.equal(driftOf(undefined, undefined, record(fp('a', 'x'), fp('a', 'y'))), 'inputs-changed');
      assert.equal(driftOf(blobId(ours), ours, record(undefined, fp('a', 'x'))), 'templates-newer');
    });

    it('--check names why each file would change: the project changed, the templates are newer, you edited it', async () => {
      const dir = copyFixture('ts-npm');
      await runProbe(dir);
      await runProbe(dir, { check: true });
      await assert.rejects(runProbe(dir, { check: true, greeting: 'hi' }), /out of date: 2 file\(s\)/);
      // Why, per file (the same results --json prints), from a dry run that classifies like --check.
      const stored = () => JSON.parse(read(dir, '.yo-rc.json'));
      const withStored = (edit: (config: Record<string, any>) => void) => {
        const config = stored();
        edit(config['generator-ai-projen']);
        writeFileSync(path.join(dir, '.yo-rc.json'), `${JSON.stringify(config, null, 2)}\n`);
      };
      // Templates newer: the last run was made by other templates (its fingerprint differs) and the file is untouched.
      withStored((c) => { c.generatedWith.templates = '0000000000000000'; });
      const templatesRun = await runProbe(dir, { yes: true, 'dry-run': true });
      assert.equal(result(templatesRun.state, 'probe.yml')?.drift, undefined, 'identical output: no drift, whatever the fingerprint');
      withStored((c) => { c.greeting = 'hi'; c.generatedWith.templates = '0000000000000000'; });
      const both = await runProbe(dir, { yes: true, 'dry-run': true });
      assert.equal(result(both.state, 'probe.yml')?.drift, 'templates-newer');
      withStored((c) => { c.greeting = 'hello'; });
      await runProbe(dir);
      withStored((c) => { c.greeting = 'hi'; });
      const project = await runProbe(dir, { yes: true, 'dry-run': true });
      assert.equal(result(project.state, 'probe.yml')?.drift, 'inputs-changed');
      writeFileSync(path.join(dir, 'probe.yml'), `${read(dir, 'probe.yml')}# mine\n`);
      const edited = await runProbe(dir, { yes: true, 'dry-run': true });
      assert.equal(result(edited.state, 'probe.yml')?.drift, 'edited');
      assert.equal(result(edited.state, 'Makefile')?.drift, undefined, 'merged blocks carry no file-level drift');
    });

    it('merges an edited generated file with the new generation (3-way, clean)', async () => {
      const dir = copyFixture('ts-npm');
      const git = gitInit(dir);
      await runProbe(dir);
      // The user adds a line at the end; the next generation changes another one.
      writeFileSync(path.join(dir, 'probe.yml'), `${read(dir, 'probe.yml')}owner: me\n`);
      const { state } = await runProbe(dir, { yes: true, greeting: 'hi' });
      assert.deepEqual([result(state, 'probe.yml')?.action, result(state, 'probe.yml')?.reason], ['update', 'merged: your edits and the new templates']);
      assert.match(read(dir, 'probe.yml'), /greeting: hi\napps:\n {2}- ts-npm-api\nowner: me\n$/);
      // The merge is decided: a re-run writes nothing and --check is clean.
      const before = snapshot(dir);
      await runProbe(dir);
      assert.deepEqual(snapshot(dir), before);
      await runProbe(dir, { check: true });
      // The base of the next upgrade is what this run generated, kept in git's object store.
      const recorded = JSON.parse(read(dir, '.yo-rc.json'))['generator-ai-projen'].generatedFiles['probe.yml'];
      assert.match(git('cat-file', 'blob', recorded).toString(), /greeting: hi\napps:/);
    });

    it('a conflicting upgrade: kept with --yes; --on-conflict merge writes standard markers and exits 1', async () => {
      const dir = copyFixture('ts-npm');
      gitInit(dir);
      await runProbe(dir);
      writeFileSync(path.join(dir, 'probe.yml'), read(dir, 'probe.yml').replace('greeting: hello', 'greeting: hey'));
      const edited = read(dir, 'probe.yml');
      const kept = await runProbe(dir, { yes: true, greeting: 'hi' });
      assert.deepEqual([result(kept.state, 'probe.yml')?.action, result(kept.state, 'probe.yml')?.reason], ['skip', 'changed by you and by the templates: kept; --on-conflict merge writes the conflict markers, --force overwrites']);
      assert.equal(read(dir, 'probe.yml'), edited);
      await assert.rejects(runProbe(dir, { yes: true, greeting: 'hi', 'on-conflict': 'abort' }), /--on-conflict abort: 1 file\(s\) you changed would change too \(probe\.yml\); nothing was written/);
      assert.equal(read(dir, 'probe.yml'), edited);
      await assert.rejects(runProbe(dir, { yes: true, greeting: 'hi', 'on-conflict': 'merge' }), /1 file\(s\) merged with conflicts \(probe\.yml\): resolve the <<<<<<< markers/);
      assert.match(read(dir, 'probe.yml'), /<<<<<<< probe\.yml \(yours\)\ngreeting: hey\n=======\ngreeting: hi\n>>>>>>> probe\.yml \(ai-projen\)\n/);
      // Unresolved markers are no decision: --check still reports the file.
      await assert.rejects(runProbe(dir, { check: true, greeting: 'hi' }), /out of date/);
      await assert.rejects(runProbe(dir, { yes: true, 'on-conflict': 'sometimes' }), /--on-conflict: 'sometimes' is not one of merge, skip, overwrite, abort/);
      await runProbe(dir, { yes: true, greeting: 'hi', 'on-conflict': 'overwrite' });
      assert.match(read(dir, 'probe.yml'), /^greeting: hi$/m);
      assert.doesNotMatch(read(dir, 'probe.yml'), /<<<<<<<|hey/);
    });

    it('without git there is no stored base: an edited file is kept, as before', async () => {
      const dir = copyFixture('ts-npm');
      await runProbe(dir);
      writeFileSync(path.join(dir, 'probe.yml'), read(dir, 'probe.yml').replace('apps:\n', 'owner: me\napps:\n'));
      const { state } = await runProbe(dir, { yes: true, greeting: 'hi' });
      assert.equal(result(state, 'probe.yml')?.action, 'skip');
      assert.match(read(dir, 'probe.yml'), /greeting: hello\nowner: me/);
    });
  });

  it('--dry-run writes nothing and collects unified diffs', async () => {
    const dir = copyFixture('ts-pnpm');
    const before = snapshot(dir);
    const { state } = await runProbe(dir, { yes: true, 'dry-run': true });
    assert.deepEqual(snapshot(dir), before);
    assert.equal(actions(state)['probe.yml'], 'create');
    assert.ok(state.diffs.some((diff) => diff.includes('+++ b/probe.yml') && diff.includes('+greeting: hello')));
  });

  it('--check fails listing what would change, and passes on an up-to-date project', async () => {
    const dir = copyFixture('ts-pnpm');
    await assert.rejects(runProbe(dir, { check: true }), /out of date: \d+ file\(s\) would change/);
    assert.ok(!existsSync(path.join(dir, 'probe.yml')));
    await runProbe(dir);
    await runProbe(dir, { check: true });
    writeFileSync(path.join(dir, 'probe.yml'), 'edited\n');
    await assert.rejects(runProbe(dir, { check: true }), /out of date: 1 file\(s\)/);
  });

  it('persists answers and asks nothing already answered on a re-run', async () => {
    const dir = copyFixture('ts-npm');
    const first = await runGenerator(probe, NS, dir, {}, { projectName: 'shop', greeting: 'hi' });
    assert.ok(first.askedQuestions.length >= 1, 'the first interactive run asks');
    assert.match(read(dir, 'probe.yml'), /name: shop/);
    const second = await runGenerator(probe, NS, dir, {});
    assert.deepEqual(second.askedQuestions, []);
    assert.match(read(dir, 'probe.yml'), /name: shop/);
  });

  describe('bad input: clear error, zero files written', () => {
    const cases: Array<[string, (dir: string) => void, Record<string, unknown>, RegExp]> = [
      ['malformed package.json', () => {}, { yes: true }, /package\.json:4/],
      ['unbalanced AGENTS.md markers', (dir) => writeFileSync(path.join(dir, 'AGENTS.md'), '# A\n\n### INFRASTRUCTURE_COMMANDS\n\nno end\n'), { yes: true }, /AGENTS\.md:3/],
      ['invalid project name', () => {}, { yes: true, 'project-name': 'x"; rm -rf / #' }, /invalid project name/],
      ['invalid option value', () => {}, { yes: true, greeting: 'Hello World' }, /--greeting/],
      ['malformed .yo-rc.json', (dir) => writeFileSync(path.join(dir, '.yo-rc.json'), '{\n  "generator-ai-projen": {,\n}\n'), { yes: true }, /\.yo-rc\.json:2/],
      ['read-only Makefile (checked before any write, even as root)', (dir) => {
        writeFileSync(path.join(dir, 'Makefile'), 'build:\n\techo build\n');
        chmodSync(path.join(dir, 'Makefile'), 0o444);
      }, { yes: true }, /Makefile: file is read-only/],
      ['AGENTS.md symlinked outside the project', (dir) => {
        const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'outside-')), 'AGENTS.md');
        writeFileSync(outside, '# elsewhere\n');
        symlinkSync(outside, path.join(dir, 'AGENTS.md'));
      }, { yes: true }, /AGENTS\.md.*outside the project/],
    ];
    for (const [title, prepare, options, message] of cases) {
      it(title, async () => {
        const dir = copyFixture(title === 'malformed package.json' ? 'malformed-package-json' : 'ts-npm');
        prepare(dir);
        const before = snapshot(dir);
        await assert.rejects(runProbe(dir, options), message);
        assert.deepEqual(snapshot(dir), before);
      });
    }

    it('an empty folder: no Python or TypeScript project found', async () => {
      const dir = copyFixture('empty');
      await assert.rejects(runProbe(dir), /no Python or TypeScript project found/);
      assert.deepEqual(snapshot(dir), {});
    });
  });
});
