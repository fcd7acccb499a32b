import assert from 'node:assert/strict';
import {
  appendParagraph, detectEol, editLines, joinLines, restoreBom, splitLines, stripBom, toLines, withEol,
} from '../generators/lib/text.js';

describe('text: line endings and BOM', () => {
  describe('detectEol', () => {
    it('detects LF, CRLF and the majority of a mixed file', () => {
      assert.equal(detectEol('a\nb\n'), '\n');
      assert.equal(detectEol('a\r\nb\r\n'), '\r\n');
      assert.equal(detectEol('a\r\nb\r\nc\n'), '\r\n');
      assert.equal(detectEol('a\nb\nc\r\n'), '\n');
    });
    it("defaults to '\\n' on a tie or without line breaks", () => {
      assert.equal(detectEol('a\r\nb\n'), '\n');
      assert.equal(detectEol('single line'), '\n');
      assert.equal(detectEol(''), '\n');
    });
  });

  describe('splitLines / joinLines', () => {
    for (const text of ['', 'a', 'a\n', 'a\r\nb', 'a\r\nb\nc\r\n', '\n\n', '\tindented  \r\n  trailing  ', 'lone\rcr\n']) {
      it(`round-trips ${JSON.stringify(text)} byte for byte`, () => {
        assert.equal(joinLines(splitLines(text)), text);
      });
    }
    it('keeps each line terminator, the last line may have none', () => {
      assert.deepEqual(splitLines('a\r\nb\nc'), [
        { text: 'a', eol: '\r\n' }, { text: 'b', eol: '\n' }, { text: 'c', eol: '' },
      ]);
      assert.deepEqual(splitLines(''), []);
    });
  });

  describe('BOM', () => {
    it('strips and restores a UTF-8 BOM', () => {
      assert.deepEqual(stripBom('\uFEFFa\n'), { bom: true, text: 'a\n' });
      assert.deepEqual(stripBom('a\n'), { bom: false, text: 'a\n' });
      assert.equal(restoreBom(true, 'a'), '\uFEFFa');
      assert.equal(restoreBom(false, 'a'), 'a');
    });
    it('editLines keeps the BOM and gives the file EOL to the edit', () => {
      const out = editLines('\uFEFFa\r\nb\r\n', (lines, eol) => [...lines, { text: 'c', eol }]);
      assert.equal(out, '\uFEFFa\r\nb\r\nc\r\n');
    });
  });

  it('withEol rewrites every line break', () => {
    assert.equal(withEol('a\nb\r\nc\n', '\r\n'), 'a\r\nb\r\nc\r\n');
    assert.equal(withEol('a\r\nb\n', '\n'), 'a\nb\n');
  });

  it('toLines drops surrounding blank lines and keeps tabs and inner blank lines', () => {
    const lines = toLines('\n\n  \nx:\n\techo a\n\n\ty\n\n \n', '\r\n');
    assert.deepEqual(lines.map((l) => l.text), ['x:', '\techo a', '', '\ty']);
    assert.ok(lines.every((l) => l.eol === '\r\n'));
    assert.deepEqual(toLines(' \n\n', '\n'), []);
  });

  describe('appendParagraph', () => {
    const add = [{ text: 'new', eol: '\n' as const }];
    it('separates with exactly one blank line', () => {
      assert.equal(joinLines(appendParagraph(splitLines('a\n'), add, '\n')), 'a\n\nnew\n');
      assert.equal(joinLines(appendParagraph(splitLines('a\n\n'), add, '\n')), 'a\n\nnew\n');
    });
    it('terminates a last line without final newline (only because we append)', () => {
      assert.equal(joinLines(appendParagraph(splitLines('a'), add, '\n')), 'a\n\nnew\n');
    });
    it('adds no separator to an empty file', () => {
      assert.equal(joinLines(appendParagraph([], add, '\n')), 'new\n');
    });
  });
});
