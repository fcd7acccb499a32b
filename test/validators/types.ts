/**
 * Common result shape of every validator in test/validators/.
 *
 * A validator resolves to `Finding[]` (empty = valid) or rejects with `ToolMissing`
 * when the real tool it wraps is not available on this machine.
 */
export interface Finding {
  /** File the finding is about (relative where possible). */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column, when the tool reports one. */
  column?: number;
  message: string;
  /** Tool rule id: actionlint kind, `SC2086`, dockerfile-utils code name, ajv keyword, yaml error code... */
  rule?: string;
  /** Present when a tool distinguishes severities (warnings are findings too unless stated otherwise). */
  severity?: 'error' | 'warning' | 'info' | 'style';
}

/** Thrown when the tool behind a validator is not installed / not usable. */
export class ToolMissing extends Error {
  constructor(
    /** Tool name as used by toolStatus(): shellcheck, yamllint, make, terraform, terraform-aws-provider, actionlint... */
    readonly tool: string,
    /** Human reason, including how to install it. */
    readonly reason: string,
  ) {
    super(`${tool} unavailable: ${reason}`);
    this.name = 'ToolMissing';
  }
}

export function isToolMissing(err: unknown): err is ToolMissing {
  return err instanceof ToolMissing || (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ToolMissing');
}

/** One line per finding: `file:line:col [rule] message` — for assertion messages. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return '(no findings)';
  return findings
    .map((f) => {
      const loc = [f.file ?? '', f.line ?? '', f.column ?? ''].filter((p) => p !== '').join(':');
      const rule = f.rule ? `[${f.rule}] ` : '';
      return `${loc ? `${loc} ` : ''}${rule}${f.message}`;
    })
    .join('\n');
}
