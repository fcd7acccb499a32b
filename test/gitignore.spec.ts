import assert from 'node:assert/strict';
import { mergeGitignore } from '../generators/lib/gitignore.js';

const OURS = ['.env', '.env.*', '!.env.example', '.terraform/', '*.tfstate*'];

describe('gitignore: mergeGitignore', () => {
  it('creates the file: header then entries', () => {
    assert.equal(mergeGitignore(undefined, OURS), '# ai-projen\n.env\n.env.*\n!.env.example\n.terraform/\n*.tfstate*\n');
  });

  it('appends only the missing entries, after one blank line, user lines untouched', () => {
    const user = 'node_modules/\n  .env  \ndist\n';
    const out = mergeGitignore(user, OURS);
    assert.equal(out, user + '\n# ai-projen\n.env.*\n!.env.example\n.terraform/\n*.tfstate*\n');
  });

  it('is idempotent and returns the input unchanged when nothing is missing', () => {
    const once = mergeGitignore('node_modules/\n', OURS);
    assert.equal(mergeGitignore(once, OURS), once);
    const complete = '.env\n.env.*\n!.env.example\n.terraform\n*.tfstate*\n';
    assert.equal(mergeGitignore(complete, OURS), complete);
  });

  it('treats ".terraform" and ".terraform/" as the same entry', () => {
    assert.equal(mergeGitignore('.terraform\n', ['.terraform/']), '.terraform\n');
    assert.equal(mergeGitignore('.terraform/\n', ['.terraform']), '.terraform/\n');
  });

  it('drops duplicates in our own list', () => {
    assert.equal(mergeGitignore(undefined, ['.env', ' .env ', '', 'dist/', 'dist']), '# ai-projen\n.env\ndist/\n');
  });

  it('extends its own last paragraph instead of repeating the header', () => {
    const once = mergeGitignore('node_modules/\n', ['.env']);
    const twice = mergeGitignore(once + '\n', ['.env', '.terraform/']);
    assert.equal(twice, 'node_modules/\n\n# ai-projen\n.env\n.terraform/\n\n');
  });

  it('adds a new header paragraph when the user wrote after our section', () => {
    const once = mergeGitignore('a\n', ['.env']) + '\n# mine\nb\n';
    assert.equal(mergeGitignore(once, ['.env', 'c']), once + '\n# ai-projen\nc\n');
  });

  describe('negations (the last matching line wins)', () => {
    it('keeps !.env.example after .env.* in what it appends', () => {
      const out = mergeGitignore('!.env.example\n', ['.env.*', '!.env.example']);
      assert.equal(out, '!.env.example\n\n# ai-projen\n.env.*\n!.env.example\n');
      assert.equal(mergeGitignore(out, ['.env.*', '!.env.example']), out);
    });

    it('re-appends a negation that precedes one of our patterns in the user file', () => {
      const user = '!.env.example\n.env.*\n';
      assert.equal(mergeGitignore(user, ['.env.*', '!.env.example']), user + '\n# ai-projen\n!.env.example\n');
    });

    it('adds nothing when the user already has them in the right order', () => {
      const user = '.env*\n.env.*\n!.env.example\n';
      assert.equal(mergeGitignore(user, ['.env.*', '!.env.example']), user);
    });
  });

  describe('line endings', () => {
    it('keeps CRLF', () => {
      const out = mergeGitignore('node_modules\r\n', ['.env']);
      assert.equal(out, 'node_modules\r\n\r\n# ai-projen\r\n.env\r\n');
    });

    it('keeps a BOM', () => {
      assert.equal(mergeGitignore('\uFEFFnode_modules\n', ['.env']), '\uFEFFnode_modules\n\n# ai-projen\n.env\n');
    });

    it('adds a final newline only because it appends', () => {
      assert.equal(mergeGitignore('node_modules', ['.env']), 'node_modules\n\n# ai-projen\n.env\n');
      assert.equal(mergeGitignore('.env', ['.env']), '.env');
    });

    it('extends its last paragraph even without a final newline', () => {
      assert.equal(mergeGitignore('# ai-projen\r\n.env', ['.env', 'dist']), '# ai-projen\r\n.env\r\ndist\r\n');
    });
  });

  it('accepts a custom header', () => {
    assert.equal(mergeGitignore('', ['.env'], '# docker (ai-projen)'), '# docker (ai-projen)\n.env\n');
  });
});
