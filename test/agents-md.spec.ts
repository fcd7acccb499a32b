import assert from 'node:assert/strict';
import { parseAgentsBlocks, upsertAgentsBlock } from '../generators/lib/agents-md.js';
import { AiProjenError } from '../generators/lib/errors.js';
import { skeleton } from '../generators/lib/skeletons.js';
import { throwsAt as throwsAtIn } from './helpers/errors.js';

const DOCKER = '#### Docker\n\n- `make docker-up`: start the dev stack\n';
const CI = '#### GitHub Actions\n\n- `make ci-lint`\n';

const throwsAt = (fn: () => unknown, line: number, pattern: RegExp, file = 'AGENTS.md'): void => throwsAtIn(fn, line, pattern, file);

const section = (...inner: string[]): string =>
  ['### INFRASTRUCTURE_COMMANDS', ...inner, '### END_INFRASTRUCTURE_COMMANDS'].join('\n') + '\n';

describe('agents-md: upsertAgentsBlock', () => {
  describe('missing AGENTS.md', () => {
    const out = upsertAgentsBlock(skeleton('AGENTS.md'), 'docker', DOCKER);
    it('creates a minimal file: title, intro, section with the block', () => {
      const lines = out.split('\n');
      assert.equal(lines[0], '# AGENTS.md');
      assert.match(out, /This file guides AI agents working in this repository\./);
      assert.ok(out.indexOf('### INFRASTRUCTURE_COMMANDS') < out.indexOf('<!-- BEGIN ai-projen:docker -->'));
      assert.ok(out.indexOf('<!-- END ai-projen:docker -->') < out.indexOf('### END_INFRASTRUCTURE_COMMANDS'));
      assert.ok(out.endsWith('### END_INFRASTRUCTURE_COMMANDS\n'));
      assert.deepEqual(parseAgentsBlocks(out), [{ plugin: 'docker', line: 9, body: DOCKER.trimEnd() }]);
    });
    it('is idempotent', () => {
      assert.equal(upsertAgentsBlock(out, 'docker', DOCKER), out);
    });
  });

  describe('existing AGENTS.md without the section', () => {
    const user = '# My project  \n\nSome *rules* for agents.\t\n';
    it('appends the section at the end after one blank line, user text byte-identical', () => {
      const out = upsertAgentsBlock(user, 'docker', DOCKER);
      assert.ok(out.startsWith(user + '\n### INFRASTRUCTURE_COMMANDS\n'), out);
      assert.equal(upsertAgentsBlock(out, 'docker', DOCKER), out);
    });
    it('does not add a second blank line when the file already ends with one', () => {
      const out = upsertAgentsBlock(user + '\n', 'docker', DOCKER);
      assert.ok(out.startsWith(user + '\n### INFRASTRUCTURE_COMMANDS\n'), out);
    });
    it('terminates a last line without final newline only because it appends', () => {
      const out = upsertAgentsBlock('# Title', 'docker', DOCKER);
      assert.ok(out.startsWith('# Title\n\n### INFRASTRUCTURE_COMMANDS\n'), out);
      assert.equal(upsertAgentsBlock(out, 'docker', DOCKER), out);
    });
    it('handles an empty file', () => {
      const out = upsertAgentsBlock('', 'docker', DOCKER);
      assert.ok(out.startsWith('### INFRASTRUCTURE_COMMANDS\n'), out);
    });
  });

  describe('existing section', () => {
    const before = '# Agents\r\n\r\nKeep this.  \r\n\r\n';
    const after = '\r\n## Later\r\nuser text\r\n';
    const existing =
      before +
      '### INFRASTRUCTURE_COMMANDS\r\n\r\nuser note inside the section\r\n\r\n' +
      '<!-- BEGIN ai-projen:docker -->\r\n#### Docker\r\nold body\r\n<!-- END ai-projen:docker -->\r\n\r\n' +
      '### END_INFRASTRUCTURE_COMMANDS\r\n' +
      after;

    it('replaces only the block content, in place', () => {
      const out = upsertAgentsBlock(existing, 'docker', DOCKER);
      assert.equal(
        out,
        existing.replace('#### Docker\r\nold body\r\n', '#### Docker\r\n\r\n- `make docker-up`: start the dev stack\r\n'),
      );
      assert.equal(upsertAgentsBlock(out, 'docker', DOCKER), out);
    });

    it('inserts a new block before the END marker, after existing blocks (CRLF kept)', () => {
      const out = upsertAgentsBlock(existing, 'github-actions', CI);
      assert.ok(out.startsWith(before), 'text before the section unchanged');
      assert.ok(out.endsWith('### END_INFRASTRUCTURE_COMMANDS\r\n' + after), 'text after the section unchanged');
      assert.deepEqual(parseAgentsBlocks(out).map((b) => b.plugin), ['docker', 'github-actions']);
      assert.ok(!/[^\r]\n/.test(out), 'no bare LF in a CRLF file');
      assert.match(out, /<!-- END ai-projen:docker -->\r\n\r\n<!-- BEGIN ai-projen:github-actions -->/);
      assert.match(out, /<!-- END ai-projen:github-actions -->\r\n\r\n### END_INFRASTRUCTURE_COMMANDS/);
      assert.equal(upsertAgentsBlock(out, 'github-actions', CI), out);
      // Order is stable: re-applying the first plugin does not move it.
      assert.equal(upsertAgentsBlock(out, 'docker', '#### Docker\nold body'), out);
    });

    it('keeps a BOM', () => {
      const out = upsertAgentsBlock('\uFEFF' + existing, 'github-actions', CI);
      assert.ok(out.startsWith('\uFEFF' + before));
      assert.equal(upsertAgentsBlock(out, 'github-actions', CI), out);
    });

    it('fills an empty section (start immediately followed by end)', () => {
      const out = upsertAgentsBlock(section(), 'docker', DOCKER);
      assert.equal(out, section('', '<!-- BEGIN ai-projen:docker -->', ...DOCKER.trimEnd().split('\n'), '<!-- END ai-projen:docker -->', ''));
      assert.equal(upsertAgentsBlock(out, 'docker', DOCKER), out);
    });

    it('keeps a missing final newline when the END marker is the last line', () => {
      const text = section().trimEnd();
      const out = upsertAgentsBlock(text, 'docker', DOCKER);
      assert.ok(out.endsWith('\n### END_INFRASTRUCTURE_COMMANDS'));
      assert.equal(upsertAgentsBlock(out, 'docker', DOCKER), out);
    });

    it('tolerates markers with surrounding whitespace', () => {
      const text = '  ### INFRASTRUCTURE_COMMANDS  \n<!--BEGIN ai-projen:docker-->\n#### Docker\n<!-- END ai-projen:docker -->  \n### END_INFRASTRUCTURE_COMMANDS\n';
      const out = upsertAgentsBlock(text, 'docker', '#### Docker\nnew');
      assert.equal(out, text.replace('#### Docker\n', '#### Docker\nnew\n'));
    });
  });

  describe('broken markers: an error naming the file and the line', () => {
    it('section start without end', () => {
      throwsAt(() => upsertAgentsBlock('# A\n\n### INFRASTRUCTURE_COMMANDS\ntext\n', 'docker', DOCKER), 3, /no matching "### END_INFRASTRUCTURE_COMMANDS"/);
    });
    it('end before start', () => {
      throwsAt(() => upsertAgentsBlock('# A\n### END_INFRASTRUCTURE_COMMANDS\n### INFRASTRUCTURE_COMMANDS\n', 'docker', DOCKER), 2, /without a preceding/);
    });
    it('two starts', () => {
      throwsAt(() => upsertAgentsBlock('### INFRASTRUCTURE_COMMANDS\n### INFRASTRUCTURE_COMMANDS\n### END_INFRASTRUCTURE_COMMANDS\n', 'docker', DOCKER), 2, /duplicated "### INFRASTRUCTURE_COMMANDS" \(first at line 1\)/);
    });
    it('two sections', () => {
      throwsAt(() => upsertAgentsBlock(section() + '\n' + section(), 'docker', DOCKER), 4, /duplicated/);
    });
    it('two ends', () => {
      throwsAt(() => upsertAgentsBlock(section() + '### END_INFRASTRUCTURE_COMMANDS\n', 'docker', DOCKER), 3, /duplicated "### END_INFRASTRUCTURE_COMMANDS"/);
    });
    it('a block BEGIN without END', () => {
      throwsAt(() => upsertAgentsBlock(section('x', '<!-- BEGIN ai-projen:docker -->', 'body'), 'docker', DOCKER), 3, /no matching END/);
    });
    it('a block END without BEGIN', () => {
      throwsAt(() => upsertAgentsBlock(section('<!-- END ai-projen:docker -->'), 'docker', DOCKER), 2, /without a matching BEGIN/);
    });
    it('a block BEGIN outside the section', () => {
      throwsAt(() => upsertAgentsBlock('<!-- BEGIN ai-projen:docker -->\n#### Docker\n<!-- END ai-projen:docker -->\n', 'docker', DOCKER), 1, /outside the ### INFRASTRUCTURE_COMMANDS section/);
    });
    it('a block after the section', () => {
      throwsAt(() => upsertAgentsBlock(section() + '\n<!-- BEGIN ai-projen:ci -->\n', 'docker', DOCKER), 4, /outside/);
    });
    it('a duplicated block for the same plugin', () => {
      const text = section('<!-- BEGIN ai-projen:docker -->', 'a', '<!-- END ai-projen:docker -->', '<!-- BEGIN ai-projen:docker -->', 'b', '<!-- END ai-projen:docker -->');
      throwsAt(() => upsertAgentsBlock(text, 'github-actions', CI), 5, /duplicated block for ai-projen:docker \(first at line 2\)/);
    });
    it('nested blocks', () => {
      const text = section('<!-- BEGIN ai-projen:docker -->', '<!-- BEGIN ai-projen:ci -->', '<!-- END ai-projen:ci -->', '<!-- END ai-projen:docker -->');
      throwsAt(() => upsertAgentsBlock(text, 'docker', DOCKER), 3, /nested inside the ai-projen:docker block opened at line 2/);
    });
    it('mismatched END', () => {
      const text = section('<!-- BEGIN ai-projen:docker -->', '<!-- END ai-projen:ci -->');
      throwsAt(() => upsertAgentsBlock(text, 'docker', DOCKER), 3, /does not match/);
    });
    it('a block still open at the section end', () => {
      throwsAt(() => upsertAgentsBlock(section('<!-- BEGIN ai-projen:docker -->'), 'docker', DOCKER), 2, /no matching END/);
    });
    it('counts lines with CRLF and a BOM like an editor does', () => {
      throwsAt(() => upsertAgentsBlock('\uFEFF# A\r\n\r\n\r\n### END_INFRASTRUCTURE_COMMANDS\r\n', 'docker', DOCKER), 4, /without a preceding/);
    });
    it('uses the given file name', () => {
      throwsAt(() => upsertAgentsBlock('### INFRASTRUCTURE_COMMANDS\n', 'docker', DOCKER, 'docs/AGENTS.md'), 1, /no matching/, 'docs/AGENTS.md');
    });
  });

  describe('caller errors', () => {
    it('rejects a body without a "#### <Tool>" heading', () => {
      assert.throws(() => upsertAgentsBlock(skeleton('AGENTS.md'), 'docker', 'no heading'), AiProjenError);
    });
    it('rejects a body containing markers', () => {
      assert.throws(() => upsertAgentsBlock(skeleton('AGENTS.md'), 'docker', '#### Docker\n### END_INFRASTRUCTURE_COMMANDS'), /contains the marker/);
      assert.throws(() => upsertAgentsBlock(skeleton('AGENTS.md'), 'docker', '#### Docker\n<!-- END ai-projen:docker -->'), /contains the marker/);
    });
    it('rejects an invalid plugin name', () => {
      assert.throws(() => upsertAgentsBlock(skeleton('AGENTS.md'), 'Docker -->', DOCKER), /invalid plugin name/);
    });
  });
});
