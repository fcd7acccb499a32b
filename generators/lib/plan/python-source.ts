// Just enough of Python's syntax for the plan: logical lines (bracketed continuations joined, comments
// dropped, each with its 1-based line), string literals, module names of files, and import bindings.
// Source is never executed.

export interface LogicalLine {
  text: string;
  line: number;
  /** Leading spaces of the first physical line. */
  indent: number;
}

/** Joins lines inside (), [] and {} and after a backslash; removes comments outside strings. */
export function logicalLines(source: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let depth = 0;
  let current = '';
  let start = 1;
  let indent = 0;
  let quote: string | undefined;
  let line = 1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      current += c;
      if (c === '\\') {
        current += source[i + 1] ?? '';
        if (source[i + 1] === '\n') line++;
        i++;
      } else if (source.startsWith(quote, i)) {
        current += quote.slice(1);
        i += quote.length - 1;
        quote = undefined;
      } else if (c === '\n') line++;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      i--;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      current += quote;
      i += quote.length - 1;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      current += ' ';
      i++;
      line++;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    if (c === '\n') {
      line++;
      if (depth > 0) {
        // A continuation: one space for the line break and the next line's indentation.
        current = current.replace(/ +$/, '') + ' ';
        while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
        continue;
      }
      if (current.trim()) out.push({ text: current.trim(), line: start, indent });
      current = '';
      start = line;
      indent = /^ */.exec(source.slice(i + 1))![0].length;
      continue;
    }
    if (current === '' && c === ' ') continue;
    if (current === '') start = line;
    current += c;
  }
  if (current.trim()) out.push({ text: current.trim(), line: start, indent });
  return out;
}

/** The text with comments and triple-quoted strings (docstrings) blanked out, line breaks kept: offsets stay valid. */
export function blankCommentsAndDocstrings(source: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === '\\') {
        out += quote.length === 3 ? '  ' : c + (source[i + 1] ?? '');
        i++;
      } else if (source.startsWith(quote, i)) {
        out += quote.length === 3 ? '   ' : quote;
        i += quote.length - 1;
        quote = undefined;
      } else out += quote.length === 3 && c !== '\n' ? ' ' : c;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') {
        out += ' ';
        i++;
      }
      out += source[i] ?? '';
      continue;
    }
    if (c === '"' || c === "'") {
      quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      out += quote.length === 3 ? '   ' : c;
      i += quote.length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** The value of a plain string literal ('x', "x", r"x"), undefined for anything else (f-strings included). */
export function stringLiteral(expr: string): string | undefined {
  const match = /^[rRbBuU]?(["'])((?:\\.|(?!\1).)*)\1$/.exec(expr.trim());
  return match ? match[2]!.replace(/\\(.)/g, '$1') : undefined;
}

/** Where the expression starting at `from` ends: the first comma or closing bracket outside brackets and strings. */
function expressionEnd(args: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < args.length; i++) {
    const c = args[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return args.length;
}

/** A keyword argument's raw expression in a call's argument text: `prefix="/api"` -> `"/api"`. */
export function keywordArg(args: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|[,(\\s])${name}\\s*=\\s*`).exec(args);
  if (!match) return undefined;
  const begin = match.index + match[0].length;
  return args.slice(begin, expressionEnd(args, begin)).trim();
}

/** The first positional argument of a call's argument text. */
export function firstArg(args: string): string {
  return args.slice(0, expressionEnd(args, 0)).trim();
}

/** `app/api/routes/utils.py` -> `app.api.routes.utils`; a package's `__init__.py` is the package. */
export function moduleOf(file: string): string {
  return file.replace(/\.py$/, '').replace(/\/__init__$/, '').replace(/^src\//, '').split('/').join('.');
}

export interface Binding {
  /** Module the name comes from. */
  module: string;
  /** Name inside that module; undefined when the binding is the module itself. */
  name?: string;
}

/** Names bound by the file's imports: `from a.b import c as d` -> d = a.b:c (or module a.b.c when that is a file). */
export function importBindings(lines: readonly LogicalLine[], module: string, isPackage: boolean, modules: ReadonlySet<string>): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  const base = isPackage ? module : module.split('.').slice(0, -1).join('.');
  const absolute = (target: string): string => {
    const dots = /^\.*/.exec(target)![0].length;
    if (dots === 0) return target;
    const parent = base.split('.').slice(0, Math.max(0, base.split('.').length - (dots - 1))).join('.');
    const rest = target.slice(dots);
    return [parent, rest].filter(Boolean).join('.');
  };
  for (const { text } of lines) {
    const from = /^from\s+(\S+)\s+import\s+\(?([^)]*)\)?$/.exec(text);
    if (from) {
      const source = absolute(from[1]!);
      for (const part of from[2]!.split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (!name || name === '*') continue;
        const sub = `${source}.${name}`;
        bindings.set(alias ?? name, modules.has(sub) ? { module: sub } : { module: source, name });
      }
      continue;
    }
    const imp = /^import\s+(.+)$/.exec(text);
    if (imp) {
      for (const part of imp[1]!.split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (name) bindings.set(alias ?? name, { module: name });
      }
    }
  }
  return bindings;
}
