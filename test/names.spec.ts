import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AiProjenError } from '../generators/lib/errors.js';
import {
  assertInsideProject, assertRealPathInside, isLowerHyphenated, normalizeName, validateProjectName,
} from '../generators/lib/names.js';

describe('names', () => {
  describe('normalizeName', () => {
    const cases: Array<[string, string]> = [
      ['My Project', 'my-project'],
      ['my_project.v2', 'my-project-v2'],
      ['--a---b--', 'a-b'],
      ['  Spaced   Out  ', 'spaced-out'],
      ['Café Ünïcode', 'cafe-unicode'],
      ['UPPER', 'upper'],
      ['', ''],
      ['!!!', ''],
    ];
    for (const [raw, expected] of cases) {
      it(`${JSON.stringify(raw)} -> ${JSON.stringify(expected)}`, () => assert.equal(normalizeName(raw), expected));
    }
    it('caps at 32 characters without a trailing hyphen', () => {
      assert.equal(normalizeName('a'.repeat(100)), 'a'.repeat(32));
      assert.equal(normalizeName(`${'a'.repeat(31)} bcd`), 'a'.repeat(31));
    });
  });

  describe('validateProjectName', () => {
    it('normalises spaces and upper case instead of rejecting them', () => {
      assert.equal(validateProjectName('My Cool API'), 'my-cool-api');
    });
    it('shortens a 100-character name to 32 characters', () => {
      const name = validateProjectName('x'.repeat(60) + '-' + 'y'.repeat(39));
      assert.equal(name.length, 32);
      assert.ok(isLowerHyphenated(name));
    });

    const hostile = [
      'a"b', "a'b", 'a$(whoami)', 'a`id`', 'a\nb', 'a\r\nb', '${{ github.token }}', 'a;rm -rf /', 'a|b', 'a&b',
      'a<b', 'a>b', 'a\\b', 'a\0b', '$HOME', 'tab\there',
    ];
    for (const raw of hostile) {
      it(`rejects ${JSON.stringify(raw)}`, () => {
        assert.throws(() => validateProjectName(raw), (e: unknown) => {
          assert.ok(e instanceof AiProjenError);
          assert.match(e.message, /^invalid project name /);
          assert.ok(!e.message.includes('\n'), 'the raw value is escaped in the message');
          return true;
        });
      });
    }
    for (const raw of ['', '   ', '---', '123app', '9']) {
      it(`rejects ${JSON.stringify(raw)} (nothing safe / not starting with a letter)`, () => {
        assert.throws(() => validateProjectName(raw), /^AiProjenError|invalid project name/);
        assert.throws(() => validateProjectName(raw), AiProjenError);
      });
    }
  });

  it('isLowerHyphenated', () => {
    for (const ok of ['a', 'my-app', 'a1-b2', 'api']) assert.ok(isLowerHyphenated(ok), ok);
    for (const bad of ['', 'A', '1a', '-a', 'a-', 'a--b', 'a_b', 'a b']) assert.ok(!isLowerHyphenated(bad), bad);
  });

  describe('assertInsideProject', () => {
    const root = '/srv/project';
    const ok: Array<[string, string]> = [
      ['', '.'], ['.', '.'], ['./', '.'], ['infra', 'infra'], ['./infra/terraform/', 'infra/terraform'],
      ['a/../b', 'b'], ['a//b', 'a/b'], ['..foo', '..foo'], ['a\\b', 'a/b'],
    ];
    for (const [input, expected] of ok) {
      it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => assert.equal(assertInsideProject(root, input), expected));
    }
    for (const bad of ['..', '../x', 'a/../../x', '/etc', 'C:\\x', 'c:/x', '..\\..\\x', 'a\0b', '~', '~/x']) {
      it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => assertInsideProject(root, bad), AiProjenError));
    }
  });

  describe('assertRealPathInside', () => {
    let base: string;
    let root: string;
    before(() => {
      base = mkdtempSync(path.join(tmpdir(), 'ai-projen-names-'));
      root = path.join(base, 'project');
      mkdirSync(path.join(root, 'src'), { recursive: true });
      mkdirSync(path.join(base, 'outside'));
      symlinkSync(path.join(base, 'outside'), path.join(root, 'escape'));
      symlinkSync(path.join(root, 'src'), path.join(root, 'inner'));
      symlinkSync(path.join(base, 'missing'), path.join(root, 'dangling'));
    });
    after(() => rmSync(base, { recursive: true, force: true }));

    it('accepts existing and not-yet-existing paths inside the root', () => {
      assert.equal(assertRealPathInside(root, path.join(root, 'src')), path.join(root, 'src'));
      assert.ok(assertRealPathInside(root, path.join(root, 'infra/terraform/main.tf')).endsWith('infra/terraform/main.tf'));
      assert.ok(assertRealPathInside(root, path.join(root, 'inner/new/file')).endsWith(path.join('project', 'src', 'new', 'file')));
    });
    it('rejects a path through a symlink pointing outside', () => {
      assert.throws(() => assertRealPathInside(root, path.join(root, 'escape/Dockerfile')), /outside the project root/);
    });
    it('rejects a dangling symlink', () => {
      assert.throws(() => assertRealPathInside(root, path.join(root, 'dangling/x')), /dangling symbolic link/);
    });
  });
});
