// One assertion for every "clear error with file and line" check of the pure helpers.
import { strict as assert } from 'node:assert';
import { AiProjenError } from '../../generators/lib/errors.js';

export function throwsAt(fn: () => unknown, line: number, pattern: RegExp, file: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AiProjenError, `expected AiProjenError, got ${String(error)}`);
    assert.equal(error.file, file);
    assert.equal(error.line, line);
    assert.match(error.message, pattern);
    assert.ok(error.message.startsWith(`${file}:${line}: `), error.message);
    return true;
  });
}
