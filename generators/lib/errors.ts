// A user-facing error: its message is printed as is, without a stack trace, and the run aborts
// before anything is committed to disk.
export class AiProjenError extends Error {
  override readonly name = 'AiProjenError';
  constructor(message: string, readonly file?: string, readonly line?: number) {
    super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message);
  }
}
