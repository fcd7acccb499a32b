// What a project declares about how it runs, in files made for that: Procfile process types, boot and
// prestart scripts, dotenv files (.flaskenv). Any language. Each fact carries file:line.
import type { Evidence } from './evidence.js';

export interface Declared {
  command: string[];
  from: Evidence;
}

/** Shell words of a command line (quotes removed); undefined when it uses shell syntax words cannot carry. */
export function shellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === ' ' || c === '\t') {
      if (started) words.push(current);
      current = '';
      started = false;
    } else if ('|&;<>()`'.includes(c)) return undefined;
    else {
      current += c;
      started = true;
    }
  }
  if (quote) return undefined;
  if (started) words.push(current);
  return words;
}

/** `web: a && b` -> the commands of one Procfile line, split on `&&` and `;`. */
function commandList(text: string): string[][] | undefined {
  const parts = text.split(/\s*(?:&&|;)\s*/).filter(Boolean);
  const commands = parts.map((p) => shellWords(p.replace(/^exec\s+/, '')));
  return commands.every((c): c is string[] => c !== undefined && c.length > 0) ? commands : undefined;
}

export interface ProcfileEntry {
  type: string;
  /** The commands of the line; a `web:` that migrates first (`flask db upgrade && gunicorn ...`) has two. */
  commands: string[][];
  line: number;
}

export function parseProcfile(text: string): ProcfileEntry[] {
  const out: ProcfileEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const match = /^([A-Za-z0-9_-]+):\s*(.+?)\s*$/.exec(raw);
    if (!match || raw.trimStart().startsWith('#')) return;
    const commands = commandList(match[2]!);
    if (commands) out.push({ type: match[1]!, commands, line: index + 1 });
  });
  return out;
}

/** KEY=value lines of a dotenv file (.flaskenv, .env.example), with their line numbers. */
export function parseDotenv(text: string): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  text.split('\n').forEach((raw, index) => {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!match) return;
    out.set(match[1]!, { value: match[2]!.replace(/^(["'])(.*)\1$/, '$2').replace(/\s+#.*$/, ''), line: index + 1 });
  });
  return out;
}

/** The port a server command binds: `--bind 0.0.0.0:5000`, `-b :5000`, `--port 5000`, `-p 5000`, `runserver 0.0.0.0:8000`. */
export function commandPort(command: readonly string[]): number | undefined {
  for (let i = 0; i < command.length; i++) {
    const word = command[i]!;
    const next = command[i + 1] ?? '';
    const inline = /^(?:--bind|--port|-b|-p)=(.+)$/.exec(word)?.[1];
    const value = inline ?? (/^(--bind|-b|--port|-p)$/.test(word) ? next : /^\d{1,3}(\.\d{1,3}){3}:\d+$|^:\d+$/.test(word) ? word : undefined);
    const port = value ? /(?:^|:)(\d{2,5})$/.exec(value)?.[1] : undefined;
    if (port) return Number(port);
  }
  return undefined;
}

/** The command bound to `port`: $PORT / ${PORT} / ${PORT:-5000} replaced, and a port the command binds itself
 * (`--bind 0.0.0.0:5000`, `--port 5000`, `runserver 0.0.0.0:8000`) set to it, so an option or a choice between
 * declared ports changes where the server listens, not only what the image publishes. */
export function withPort(command: readonly string[], port: number): string[] {
  const words = command.map((word) => word.replace(/\$\{PORT(?::-\d+)?\}|\$PORT\b/g, String(port)));
  const bound = commandPort(words);
  if (bound === undefined || bound === port) return words;
  return words.map((word, i) => {
    const flag = /^(--bind|-b|--port|-p)$/.test(words[i - 1] ?? '');
    const inline = /^(?:--bind|--port|-b|-p)=/.test(word);
    const address = /^\d{1,3}(\.\d{1,3}){3}:\d+$|^:\d+$/.test(word);
    return flag || inline || address ? word.replace(new RegExp(`(^|[:=])${bound}$`), `$1${port}`) : word;
  });
}

/** The default a command gives $PORT: `${PORT:-5000}` -> 5000. */
export function portDefault(command: readonly string[]): number | undefined {
  for (const word of command) {
    const match = /\$\{PORT:-(\d+)\}/.exec(word);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** Boot scripts projects keep next to their code; their `exec <server>` and migration lines are facts. */
export const BOOT_SCRIPTS = ['boot.sh', 'entrypoint.sh', 'docker-entrypoint.sh', 'start.sh', 'run.sh', 'scripts/start.sh', 'scripts/prestart.sh', 'prestart.sh', 'scripts/entrypoint.sh'];

export interface ScriptLine {
  command: string[];
  line: number;
}

/** The simple command lines of a shell script (no control flow), with their line numbers. */
export function scriptCommands(text: string): ScriptLine[] {
  const out: ScriptLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || /^(set|if|then|fi|else|for|do|done|while|case|esac|echo|cd|export)\b/.test(line)) return;
    const words = shellWords(line.replace(/^exec\s+/, ''));
    if (words && words.length > 0) out.push({ command: words, line: index + 1 });
  });
  return out;
}
