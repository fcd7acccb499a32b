import assert from 'node:assert/strict';
import { isMap, isSeq } from 'yaml';
import { editJson, editYaml, jsonErrorOffset } from '../generators/lib/structured-edit.js';
import { throwsAt } from './helpers/errors.js';


// eslint-style helpers: add a script the way a generator does.
const addScript = (pkg: { scripts?: Record<string, string> }): void => {
  pkg.scripts = { ...pkg.scripts, 'docker:up': 'make docker-up' };
};

describe('structured-edit: editJson', () => {
  for (const [label, indent] of [['2 spaces', '  '], ['4 spaces', '    '], ['tabs', '\t']] as const) {
    it(`keeps ${label} indentation and key order; new keys appended`, () => {
      const src = JSON.stringify({ name: 'x', version: '1.0.0', scripts: { test: 'mocha' }, z: [1] }, null, indent) + '\n';
      const out = editJson(src, addScript);
      assert.equal(
        out,
        JSON.stringify({ name: 'x', version: '1.0.0', scripts: { test: 'mocha', 'docker:up': 'make docker-up' }, z: [1] }, null, indent) + '\n',
      );
      assert.equal(editJson(out, addScript), out, 'idempotent');
    });
  }

  it('returns the input untouched when nothing changes (even unusual formatting)', () => {
    const src = '{ "a": [1,2],   "b": {"c": 1} }\n';
    assert.equal(editJson(src, (o) => { o.a = [1, 2]; }), src);
  });

  it('keeps CRLF, a BOM and a missing final newline', () => {
    const src = '\uFEFF{\r\n  "a": 1\r\n}';
    assert.equal(editJson(src, (o) => { o.b = 2; }), '\uFEFF{\r\n  "a": 1,\r\n  "b": 2\r\n}');
  });

  it('keeps a one-line file on one line', () => {
    assert.equal(editJson('{"a":1}\n', (o) => { o.b = true; }), '{"a":1,"b":true}\n');
  });

  it('accepts a returned replacement value', () => {
    assert.equal(editJson('[\n  1\n]\n', (a: number[]) => [...a, 2]), '[\n  1,\n  2\n]\n');
  });

  describe('malformed JSON: an error naming the file and the line', () => {
    const cases: Array<[string, string, number]> = [
      ['trailing comma in an object', '{\n  "a": 1,\n}\n', 3],
      ['trailing comma in an array (no position in the V8 message)', '{\n  "a": [\n    1,\n  ],\n  "b": 2\n}', 4],
      ['missing comma', '{\n  "a": 1\n  "b": 2\n}', 3],
      ['unterminated', '{\n  "a": 1\n', 3],
      ['empty file', '', 1],
      ['comment', '{\n  // no\n  "a": 1\n}', 2],
    ];
    for (const [label, src, line] of cases) {
      it(label, () => throwsAt(() => editJson(src, () => undefined, 'package.json'), line, /invalid JSON/, 'package.json'));
    }
    it('counts lines after a BOM and with CRLF', () => {
      throwsAt(() => editJson('\uFEFF{\r\n  "a": 1,\r\n}', () => undefined, 'x.json'), 3, /invalid JSON/, 'x.json');
    });
  });

  it('jsonErrorOffset returns -1 for valid JSON', () => {
    assert.equal(jsonErrorOffset('{"a": [1, -2.5e3, true, null, "x\\"y"], "b": {}}'), -1);
  });
});

describe('structured-edit: editYaml', () => {
  const src = [
    '# Index of the .ai folder',
    'project: demo   # the name',
    '',
    'docs:',
    '  - path: README.md  # main',
    '    title: Readme',
    'tools:',
    '  lint: ruff',
    '',
  ].join('\n');

  const addDocker = (doc: import('yaml').Document): void => {
    doc.setIn(['tools', 'docker'], 'make docker-up');
  };

  it('keeps comments, blank lines and key order; new keys appended', () => {
    const out = editYaml(src, addDocker);
    assert.equal(out, src.replace('  lint: ruff\n', '  lint: ruff\n  docker: make docker-up\n'));
    assert.equal(editYaml(out, addDocker), out, 'idempotent');
  });

  it('returns the input untouched when nothing changes', () => {
    const odd = "a:   'x'\nb: [1,2]\n";
    assert.equal(editYaml(odd, (doc) => { doc.set('a', doc.get('a')); }), odd);
  });

  it('keeps CRLF, a BOM and a missing final newline', () => {
    const crlf = '\uFEFF' + src.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const out = editYaml(crlf, addDocker);
    assert.equal(out, '\uFEFF' + src.replace('  lint: ruff\n', '  lint: ruff\n  docker: make docker-up\n').replace(/\n/g, '\r\n').replace(/\r\n$/, ''));
  });

  const addItems = (doc: import('yaml').Document): void => {
    doc.setIn(['a', 'c'], 2);
    const list = doc.get('list');
    if (isSeq(list)) list.add('z');
  };

  it('keeps 4-space indentation', () => {
    const four = 'a:\n    b: 1\nlist:\n    - x\n    - y\n';
    assert.equal(editYaml(four, addItems), 'a:\n    b: 1\n    c: 2\nlist:\n    - x\n    - y\n    - z\n');
  });

  it('keeps non-indented sequences', () => {
    const flat = 'a:\n  b: 1\nlist:\n- x\n- y\n';
    assert.equal(editYaml(flat, addItems), 'a:\n  b: 1\n  c: 2\nlist:\n- x\n- y\n- z\n');
  });

  it('keeps the spacing of unchanged lines (aligned comments, trailing spaces)', () => {
    const aligned = 'a:   1      # one\nb: 2   \nc: "x   y"  # quoted\n';
    assert.equal(editYaml(aligned, (doc) => { doc.set('d', 4); }), aligned + 'd: 4\n');
  });

  it('does not fold long lines', () => {
    const long = `a: ${'word '.repeat(30).trim()}\n`;
    assert.equal(editYaml(long, (doc) => { doc.set('b', 1); }), `${long}b: 1\n`);
  });

  it('gives the mutator a Document (maps are YAMLMaps)', () => {
    editYaml('a: {b: 1}\n', (doc) => assert.ok(isMap(doc.get('a'))));
  });

  describe('YAML syntax error: an error naming the file and the line', () => {
    it('bad indentation', () => {
      throwsAt(() => editYaml('a: 1\nb:\n  c: 1\n - d\n', () => undefined, '.ai/index.yaml'), 4, /invalid YAML/, '.ai/index.yaml');
    });
    it('unclosed flow sequence', () => {
      throwsAt(() => editYaml('a: 1\r\nb: [1, 2\r\nc: 3\r\n', () => undefined, 'x.yaml'), 3, /invalid YAML/, 'x.yaml');
    });
    it('duplicated key', () => {
      throwsAt(() => editYaml('a: 1\nb: 2\na: 3\n', () => undefined, 'x.yaml'), 3, /invalid YAML: Map keys must be unique/, 'x.yaml');
    });
  });
});
