import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listMakeTargets, upsertMakefileBlock } from '../generators/lib/makefile.js';
import { skeleton } from '../generators/lib/skeletons.js';
import { throwsAt as throwsAtIn } from './helpers/errors.js';

// What a plugin's .mk.ejs template renders (recipes use TABs).
const DOCKER = [
  'DOCKER_COMPOSE ?= docker compose',
  '',
  '.PHONY: docker-build docker-up docker-logs-%',
  '',
  '## Build every image of the dev stack',
  'docker-build: ## Build the images',
  '\t$(DOCKER_COMPOSE) build',
  '',
  'docker-up: docker-build ## Start the dev stack',
  '\t$(DOCKER_COMPOSE) up -d \\',
  '    --wait',
  '',
  '\t@echo started',
  '',
  'docker-logs-%: ## Tail the logs of one service (make docker-logs-api)',
  '\t$(DOCKER_COMPOSE) logs -f $*',
  '',
].join('\n');
const CI = '.PHONY: ci-lint\nci-lint: ## Lint like CI\n\t@echo lint\n';

const makeAvailable = spawnSync('make', ['--version']).status === 0;

/** Runs GNU make on `text` written to a temp file; returns its exit status and output. */
function runMake(text: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ai-projen-mk-'));
  try {
    const file = path.join(dir, 'Makefile');
    writeFileSync(file, text);
    const r = spawnSync('make', ['--no-print-directory', '-f', file, ...args], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `make -n <target>` succeeds for every target, and make prints no warning at all. */
function assertMakeClean(this: Mocha.Context, text: string, targets: string[]): void {
  if (!makeAvailable) this.skip(); // reported as pending: "make" is not installed
  for (const target of targets) {
    const r = runMake(text, ['-n', target]);
    assert.equal(r.status, 0, `make -n ${target} failed:\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /warning/i, `make -n ${target}:\n${r.stderr}`);
  }
}

const throwsAt = (fn: () => unknown, line: number, pattern: RegExp, file = 'Makefile'): void => throwsAtIn(fn, line, pattern, file);

describe('makefile: upsertMakefileBlock', () => {
  describe('missing Makefile', () => {
    const { text, skippedTargets } = upsertMakefileBlock(skeleton('Makefile'), 'docker', DOCKER);

    it('creates a header with .DEFAULT_GOAL := help, a help target and the block', () => {
      assert.deepEqual(skippedTargets, []);
      assert.match(text, /^\.DEFAULT_GOAL := help$/m);
      assert.match(text, /^help: ## /m);
      assert.match(text, /\n\n# >>> ai-projen:docker >>>\nDOCKER_COMPOSE \?= docker compose\n/);
      assert.ok(text.endsWith('\t$(DOCKER_COMPOSE) logs -f $*\n# <<< ai-projen:docker <<<\n'));
      assert.deepEqual(listMakeTargets(text), ['help', 'docker-build', 'docker-up', 'docker-logs-%']);
    });

    it('keeps the TAB recipes of the template', () => {
      assert.match(text, /\n\t\$\(DOCKER_COMPOSE\) build\n/);
      assert.ok(!/^ +\$\(DOCKER_COMPOSE\)/m.test(text));
    });

    it('is idempotent', () => {
      assert.deepEqual(upsertMakefileBlock(text, 'docker', DOCKER), { text, skippedTargets: [] });
    });

    it('passes make -n for every target without warnings', function () {
      assertMakeClean.call(this, text, ['help', 'docker-build', 'docker-up', 'docker-logs-api']);
    });

    it('`make help` lists every target with its ## comment', function () {
      if (!makeAvailable) this.skip();
      const full = upsertMakefileBlock(text, 'github-actions', CI).text;
      const r = runMake(full, []); // the default goal
      assert.equal(r.status, 0, r.stderr);
      for (const [target, help] of [
        ['help', 'List the available targets'],
        ['docker-build', 'Build the images'],
        ['docker-up', 'Start the dev stack'],
        ['docker-logs-%', 'Tail the logs of one service (make docker-logs-api)'],
        ['ci-lint', 'Lint like CI'],
      ]) {
        assert.match(r.stdout, new RegExp(`^  ${target?.replace(/[.%-]/g, '\\$&')} +${help?.replace(/[()]/g, '\\$&')}$`, 'm'), r.stdout);
      }
      assert.doesNotMatch(r.stdout, /DEFAULT_GOAL|PHONY|DOCKER_COMPOSE/);
    });
  });

  describe('existing Makefile', () => {
    const user = 'APP = demo\n\nbuild:   \n\tgo build ./...  \n\n.PHONY: build\n';

    it('appends the block after one blank line, user part byte-identical, no help added', () => {
      const { text } = upsertMakefileBlock(user, 'docker', DOCKER);
      assert.ok(text.startsWith(user + '\n# >>> ai-projen:docker >>>\n'), text);
      assert.ok(!/^help:/m.test(text));
      assert.equal(upsertMakefileBlock(text, 'docker', DOCKER).text, text);
    });

    it('replaces its block in place on re-run, leaving other blocks and user text alone', () => {
      const first = upsertMakefileBlock(user, 'docker', DOCKER).text;
      const withCi = upsertMakefileBlock(first, 'github-actions', CI).text + '\n# user tail\ntail:\n\t@echo tail\n';
      const changed = DOCKER.replace('Build the images', 'Build all images');
      const { text } = upsertMakefileBlock(withCi, 'docker', changed);
      assert.equal(text, withCi.replace('Build the images', 'Build all images'));
      assert.equal(upsertMakefileBlock(text, 'docker', changed).text, text);
    });

    it('terminates a last line without final newline only because it appends', () => {
      const { text } = upsertMakefileBlock('build:\n\techo hi', 'docker', CI);
      assert.ok(text.startsWith('build:\n\techo hi\n\n# >>> ai-projen:docker >>>\n'), text);
    });

    it('keeps a missing final newline after its own end marker', () => {
      const text = upsertMakefileBlock('x:\n\techo\n', 'ci', CI).text.replace(/\n$/, '');
      const out = upsertMakefileBlock(text, 'ci', CI.replace('lint', 'lint2')).text;
      assert.ok(out.endsWith('# <<< ai-projen:ci <<<'), out);
    });

    it('keeps CRLF line endings and a BOM', () => {
      const crlf = '\uFEFF' + user.replace(/\n/g, '\r\n');
      const { text } = upsertMakefileBlock(crlf, 'docker', DOCKER);
      assert.ok(text.startsWith(crlf + '\r\n# >>> ai-projen:docker >>>\r\n'));
      assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
      assert.equal(upsertMakefileBlock(text, 'docker', DOCKER).text, text);
    });

    it('treats targets of other plugin blocks as ours, not as user targets', () => {
      const first = upsertMakefileBlock(skeleton('Makefile'), 'github-actions', CI).text;
      const { skippedTargets } = upsertMakefileBlock(first, 'other', CI.replace('Lint like CI', 'again'));
      assert.deepEqual(skippedTargets, []);
    });
  });

  describe('user target with the same name as ours', () => {
    const user = [
      'docker-build: ## My own build',
      '\tdocker build -t mine .',
      '',
      'docker-logs-%:',
      '\tdocker logs $*',
      '',
    ].join('\n');
    const { text, skippedTargets } = upsertMakefileBlock(user, 'docker', DOCKER);
    const block = text.slice(text.indexOf('# >>> ai-projen:docker'));

    it('reports it and does not emit our rule, recipe, ## help or .PHONY entry', () => {
      assert.deepEqual(skippedTargets, ['docker-build', 'docker-logs-%']);
      assert.ok(text.startsWith(user), 'user part unchanged');
      assert.doesNotMatch(block, /^docker-build:/m);
      assert.doesNotMatch(block, /^docker-logs-%:/m);
      assert.doesNotMatch(block, /Build every image|Build the images|logs -f/);
      assert.match(block, /^\.PHONY: docker-up$/m);
      // docker-up's recipe (with its continuation line and the line after a blank) is kept.
      assert.match(block, /^docker-up: docker-build ## Start the dev stack\n\t\$\(DOCKER_COMPOSE\) up -d \\\n    --wait\n\n\t@echo started\n/m);
      assert.doesNotMatch(block, /\n\n\n/);
      assert.deepEqual(listMakeTargets(text), ['docker-build', 'docker-logs-%', 'docker-up']);
    });

    it('is idempotent', () => {
      assert.deepEqual(upsertMakefileBlock(text, 'docker', DOCKER), { text, skippedTargets });
    });

    it('GNU make prints no "overriding recipe" warning', function () {
      assertMakeClean.call(this, text, ['docker-build', 'docker-up', 'docker-logs-api']);
      const r = runMake(text, ['-n', 'docker-build']);
      assert.match(r.stdout, /docker build -t mine/);
    });

    it('control: without the skip, make would warn', function () {
      if (!makeAvailable) this.skip();
      const naive = user + '\ndocker-build:\n\techo ours\n';
      assert.match(runMake(naive, ['-n', 'docker-build']).stderr, /warning: overriding recipe/);
    });

    it('emits our rule again once the user target is gone', () => {
      const userPart = text.slice(0, text.indexOf('# >>> ai-projen:docker'));
      const without = text.replace(userPart, 'other:\n\techo\n\n');
      const again = upsertMakefileBlock(without, 'docker', DOCKER);
      assert.deepEqual(again.skippedTargets, []);
      assert.equal(again.text, upsertMakefileBlock('other:\n\techo\n', 'docker', DOCKER).text);
    });

    it('drops a .PHONY line left empty and rewrites a multi-target rule', function () {
      const rendered = '.PHONY: x-a\n.PHONY: x-b x-c\nx-a: ## A\n\t@echo a\nx-b x-c: ## B and C\n\t@echo $@\n';
      const r = upsertMakefileBlock('x-a:\n\t@echo mine\nx-b:\n\t@echo mine\n', 'x', rendered);
      assert.deepEqual(r.skippedTargets, ['x-a', 'x-b']);
      const block = r.text.slice(r.text.indexOf('# >>>'));
      assert.equal(block, '# >>> ai-projen:x >>>\n.PHONY: x-c\nx-c: ## B and C\n\t@echo $@\n# <<< ai-projen:x <<<\n');
      assertMakeClean.call(this, r.text, ['x-a', 'x-b', 'x-c']);
    });

    it('a user help target wins over a help target in a block', () => {
      const created = upsertMakefileBlock(skeleton('Makefile'), 'ci', CI).text;
      const r = upsertMakefileBlock(created, 'odd', 'help: ## mine\n\t@echo odd\n');
      assert.deepEqual(r.skippedTargets, ['help']);
      assert.ok(r.text.endsWith('# >>> ai-projen:odd >>>\n# <<< ai-projen:odd <<<\n'));
    });
  });

  describe('template errors (recipes must use TABs)', () => {
    it('rejects a recipe indented with spaces, naming the line of the rendered block', () => {
      throwsAt(() => upsertMakefileBlock(skeleton('Makefile'), 'docker', 'X ?= 1\n\nfoo: ## Foo\n    echo foo\n'), 4, /must start with a TAB/, 'ai-projen:docker Makefile block');
    });
    it('rejects a TAB line before any rule', () => {
      throwsAt(() => upsertMakefileBlock(skeleton('Makefile'), 'docker', 'X ?= 1\n\techo oops\n'), 2, /outside any rule/, 'ai-projen:docker Makefile block');
    });
    it('rejects markers inside the rendered block', () => {
      throwsAt(() => upsertMakefileBlock(skeleton('Makefile'), 'docker', 'a:\n\t@echo\n# <<< ai-projen:docker <<<\n'), 3, /must not contain/, 'ai-projen:docker Makefile block');
    });
    it('accepts spaces after a continuation and indented comments', () => {
      assert.doesNotThrow(() => upsertMakefileBlock(skeleton('Makefile'), 'docker', 'a: b \\\n    c\n\t@echo \\\n  x\n  # note\n'));
    });
    it('rejects an invalid plugin name', () => {
      assert.throws(() => upsertMakefileBlock(skeleton('Makefile'), 'a b', CI), /invalid plugin name/);
    });
  });

  describe('broken markers: an error naming the file and the line', () => {
    const B = (p: string): string => `# >>> ai-projen:${p} >>>`;
    const E = (p: string): string => `# <<< ai-projen:${p} <<<`;
    const run = (lines: string[]) => () => upsertMakefileBlock(lines.join('\n') + '\n', 'docker', CI);

    it('begin without end', () => throwsAt(run(['a:', '\t@echo', B('docker'), 'x:']), 3, /has no matching/));
    it('end without begin', () => throwsAt(run(['a:', E('docker')]), 2, /without a matching/));
    it('duplicated block', () => throwsAt(run([B('docker'), E('docker'), '', B('docker'), E('docker')]), 4, /duplicated block for ai-projen:docker \(first at line 1\)/));
    it('nested blocks', () => throwsAt(run([B('docker'), B('ci'), E('ci'), E('docker')]), 2, /nested inside the ai-projen:docker block opened at line 1/));
    it('mismatched end', () => throwsAt(run([B('docker'), E('ci')]), 2, /does not match/));
    it('malformed marker', () => throwsAt(run(['', '# >>> ai-projen:docker <<<']), 2, /malformed/));
    it('uses the given file name and counts CRLF lines', () => {
      throwsAt(() => upsertMakefileBlock('\uFEFFa:\r\n\r\n' + E('x') + '\r\n', 'docker', CI, 'sub/Makefile'), 3, /without/, 'sub/Makefile');
    });
  });

  describe('listMakeTargets', () => {
    it('finds rule targets only', () => {
      const text = [
        'X := a:b', 'Y = c:d', 'Z ?= e', 'W != echo f:g', 'V ::= x', '.DEFAULT_GOAL := help',
        '.PHONY: all', 'all: build test ## All', '\techo a:b', 'build test:', 'deps:: ; echo x',
        'deps:: more', 'run: export PORT = 8000', '$(OUT)/%.o: %.c', '%.o: %.c', '.venv: pyproject.toml',
        'define SCRIPT', 'inside: not-a-target', 'endef', 'one \\', 'two:', 'ifeq ($(A),b:c)', 'cond:', 'endif',
        '# comment: no', 'path/to/file.txt: src', 'docker-logs-%: ## x',
      ].join('\r\n');
      assert.deepEqual(listMakeTargets(text), [
        'all', 'build', 'test', 'deps', '%.o', '.venv', 'one', 'two', 'cond', 'path/to/file.txt', 'docker-logs-%',
      ]);
    });
  });
});
