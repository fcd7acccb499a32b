// The Python linters and test runners ai-projen knows, one table: the command each runs (lint image, CI)
// and its name in job steps. Detection lists the ones a project mentions; the plan uses the ones it installs.

export interface PythonLinter {
  tool: string;
  label: string;
  /** Its check command; `target` is the package folder (tools that need one). */
  command: (target: string) => string[];
  /** Needs an importable package to check (pylint has no `.`). */
  needsPackage?: boolean;
}

export const PYTHON_LINTERS: readonly PythonLinter[] = [
  { tool: 'ruff', label: 'Ruff', command: () => ['ruff', 'check', '.'] },
  { tool: 'black', label: 'Black', command: () => ['black', '--check', '.'] },
  { tool: 'isort', label: 'isort', command: () => ['isort', '--check-only', '.'] },
  { tool: 'flake8', label: 'Flake8', command: () => ['flake8', '.'] },
  { tool: 'pylint', label: 'Pylint', command: (target) => ['pylint', target], needsPackage: true },
  { tool: 'mypy', label: 'mypy', command: (target) => ['mypy', target] },
];

/** Every tool name detection reports, linters and the test runner, in display order. */
export const PYTHON_TOOL_NAMES: readonly string[] = ['ruff', 'black', 'mypy', 'pytest', 'flake8', 'pylint', 'isort'];

export const linterLabel = (tool: string): string => PYTHON_LINTERS.find((l) => l.tool === tool)?.label ?? tool;
