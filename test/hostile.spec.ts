// Hostile inputs through the real CLI: each case gets a clear message, a non-zero exit and a project
// tree that is byte-identical before and after (every file hashed), or, where a value is normalised,
// output in which the raw value appears nowhere.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFixture } from './helpers/fixtures.js';
import { snapshot } from './helpers/tree.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/ai-projen.js');

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function outsideFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'outside-')), name);
  writeFileSync(file, text);
  return file;
}

interface Case {
  title: string;
  fixture: string;
  args: string[];
  prepare?: (dir: string) => void;
  message: RegExp;
}

const write = (rel: string, text: string) => (dir: string): void => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
};

const rejected: Case[] = [
  { title: 'malformed package.json', fixture: 'malformed-package-json', args: ['docker', '--yes'], message: /package\.json:4: invalid JSON/ },
  { title: 'malformed pyproject.toml', fixture: 'malformed-pyproject', args: ['github-actions', '--yes'], message: /pyproject\.toml:\d+: / },
  { title: 'malformed .yo-rc.json (stored answers)', fixture: 'ts-npm', args: ['docker', '--yes'], prepare: write('.yo-rc.json', '{"generator-ai-projen": {"projectName": }}\n'), message: /\.yo-rc\.json:1: invalid JSON/ },
  { title: 'malformed .ai/index.yaml the generator must edit', fixture: 'ts-npm', args: ['docker', '--yes'], prepare: write('.ai/index.yaml', 'docs:\n  - a\n b: [\n'), message: /\.ai\/index\.yaml:\d+: invalid YAML/ },
  { title: 'AGENTS.md with an unbalanced section', fixture: 'python-uv', args: ['docker', '--yes'], prepare: write('AGENTS.md', '# A\n\n### INFRASTRUCTURE_COMMANDS\n'), message: /AGENTS\.md:3: / },
  {
    title: 'AGENTS.md with a duplicated block',
    fixture: 'python-uv',
    args: ['docker', '--yes'],
    prepare: write('AGENTS.md', '### INFRASTRUCTURE_COMMANDS\n<!-- BEGIN ai-projen:docker -->\n#### Docker\n<!-- END ai-projen:docker -->\n<!-- BEGIN ai-projen:docker -->\n#### Docker\n<!-- END ai-projen:docker -->\n### END_INFRASTRUCTURE_COMMANDS\n'),
    message: /AGENTS\.md:5: duplicated block/,
  },
  { title: 'Makefile with an unbalanced ai-projen block', fixture: 'ts-npm', args: ['docker', '--yes'], prepare: write('Makefile', 'x:\n\techo x\n# >>> ai-projen:docker >>>\n'), message: /Makefile:3: / },
  { title: 'AGENTS.md is a symlink outside the project', fixture: 'ts-npm', args: ['docker', '--yes'], prepare: (dir) => symlinkSync(outsideFile('AGENTS.md', '# x\n'), path.join(dir, 'AGENTS.md')), message: /AGENTS\.md.*outside the project/ },
  { title: 'Makefile is a symlink outside the project', fixture: 'ts-npm', args: ['github-actions', '--yes'], prepare: (dir) => symlinkSync(outsideFile('Makefile', 'x:\n\techo x\n'), path.join(dir, 'Makefile')), message: /Makefile.*outside the project/ },
  {
    title: 'read-only Makefile',
    fixture: 'ts-npm',
    args: ['docker', '--yes'],
    prepare: (dir) => {
      write('Makefile', 'build:\n\tnpm run build\n')(dir);
      chmodSync(path.join(dir, 'Makefile'), 0o444);
    },
    message: /Makefile: file is read-only/,
  },
  { title: '--install-path ../x', fixture: 'ts-npm', args: ['docker', '--yes', '--install-path', '../x'], message: /install-path.*\.\./ },
  { title: '--install-path as an absolute path', fixture: 'ts-npm', args: ['docker', '--yes', '--install-path', '/tmp/x'], message: /install-path.*must be relative/ },
  { title: 'an empty folder', fixture: 'empty', args: ['docker', '--yes'], message: /no Python or TypeScript project found/ },
  { title: 'an empty folder with an unknown --language', fixture: 'empty', args: ['docker', '--yes', '--language', 'cobol'], message: /--language: 'cobol'/ },
];

const HOSTILE_NAMES = ['x"; rm -rf / #', "it's", 'a$(whoami)', 'a`id`b', 'line\nbreak', 'x${{ github.token }}', 'a;b', 'a|b', 'a&b', 'back\\slash'];
for (const name of HOSTILE_NAMES) {
  rejected.push({ title: `project name ${JSON.stringify(name)}`, fixture: 'python-uv', args: ['docker', '--yes', '--project-name', name], message: /invalid project name/ });
}

describe('hostile input (through the CLI)', function () {
  this.timeout(120_000);

  for (const item of rejected) {
    it(`${item.title}: clear error, exit 1, nothing written`, () => {
      const dir = copyFixture(item.fixture as never);
      item.prepare?.(dir);
      const before = snapshot(dir);
      const { code, stderr } = cli(item.args, dir);
      assert.equal(code, 1, stderr);
      assert.match(stderr, item.message);
      assert.doesNotMatch(stderr, /\n\s+at [\w.<]+ \(/, 'no stack trace');
      assert.deepEqual(snapshot(dir), before);
    });
  }

  const normalised: Array<[string, string]> = [
    ['My Shop', 'my-shop'],
    ['UPPER_case', 'upper-case'],
    ['x'.repeat(100), 'x'.repeat(32)],
  ];
  for (const [raw, expected] of normalised) {
    it(`project name ${JSON.stringify(raw.length > 20 ? `${raw.slice(0, 12)}... (${raw.length} chars)` : raw)} is normalised to ${expected.length > 20 ? `${expected.length} chars` : expected}`, () => {
      const dir = copyFixture('ts-npm');
      const { code, stderr } = cli(['docker', '--yes', '--project-name', raw], dir);
      assert.equal(code, 0, stderr);
      const stored = JSON.parse(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8'))['generator-ai-projen'].projectName;
      assert.equal(stored, expected);
      const compose = readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
      assert.match(compose, new RegExp(`^name: ${expected}$`, 'm'));
      for (const [file] of Object.entries(snapshot(dir))) {
        if (raw !== expected) assert.ok(!readFileSync(path.join(dir, file), 'utf8').includes(raw), `${file} contains the raw name`);
      }
    });
  }

  it('keeps BOM, CRLF, a missing final newline and tabs of the files it merges', () => {
    const dir = copyFixture('python-poetry');
    writeFileSync(path.join(dir, 'AGENTS.md'), '\uFEFF# Agents\r\n\r\nRules.');
    writeFileSync(path.join(dir, 'Makefile'), 'build:\r\n\tpoetry build\r\n\r\nfmt:\r\n\tpoetry run black .');
    writeFileSync(path.join(dir, '.gitignore'), '*.log\r\n\t# tab-indented comment\r\n.env');
    const { code, stderr } = cli(['docker', '--yes'], dir);
    assert.equal(code, 0, stderr);
    const agents = readFileSync(path.join(dir, 'AGENTS.md'), 'utf8');
    assert.ok(agents.startsWith('\uFEFF# Agents\r\n\r\nRules.\r\n'), 'BOM and user text kept');
    assert.ok(!/[^\r]\n/.test(agents), 'CRLF throughout');
    const makefile = readFileSync(path.join(dir, 'Makefile'), 'utf8');
    assert.ok(makefile.startsWith('build:\r\n\tpoetry build\r\n\r\nfmt:\r\n\tpoetry run black .\r\n'));
    assert.ok(!/[^\r]\n/.test(makefile), 'CRLF throughout');
    const gitignore = readFileSync(path.join(dir, '.gitignore'), 'utf8');
    assert.ok(gitignore.startsWith('*.log\r\n\t# tab-indented comment\r\n.env\r\n'));
    assert.equal(gitignore.split(/\r\n/).filter((line) => line === '.env').length, 1, '.env not duplicated');
    const before = snapshot(dir);
    assert.equal(cli(['docker', '--yes'], dir).code, 0);
    assert.deepEqual(snapshot(dir), before, 'idempotent on CRLF/BOM files');
  });

  it('a run that fails half-way (composed: a later plugin rejects its input) writes nothing', () => {
    const dir = copyFixture('fullstack');
    const before = snapshot(dir);
    const { code, stderr } = cli(['app', '--yes', '--plugins', 'docker,github-actions', '--branches', 'main,$(reboot)'], dir);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /--branches/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('--language starts a new app in an empty folder', () => {
    const dir = copyFixture('empty');
    const { code, stderr } = cli(['docker', '--yes', '--language', 'python'], dir);
    assert.equal(code, 0, stderr);
    assert.match(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /FROM python:/);
  });
});
