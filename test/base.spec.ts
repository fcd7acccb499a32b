// The common base, exercised through a minimal probe generator: answers, owned-block merges,
// one staged commit, conflicts, --yes / --force / --dry-run / --check / --json, bad input writes nothing.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runState, type RunState } from '../generators/lib/commit.js';
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
    const { generatedFiles, ...answers } = config['generator-ai-projen'];
    assert.deepEqual(answers, { projectName: 'ts-npm-api', greeting: 'hello' });
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
