// Environment variables a Python app really reads: pydantic BaseSettings fields, os.environ[...] /
// os.getenv / environ.get, django-environ's env(...) and python-decouple's config(...). With file:line.
import { isSecretName } from './env-names.js';
import type { EnvVar } from './types.js';
import { logicalLines } from './python-source.js';


/** Every variable read in the files (app-relative path -> text); the first sighting of a name wins. */
export function pythonEnv(files: Readonly<Record<string, string>>): EnvVar[] {
  const found = new Map<string, EnvVar>();
  const add = (name: string, required: boolean, from: string) => {
    const seen = found.get(name);
    if (!seen) found.set(name, { name, required, secret: isSecretName(name), from });
    else if (required && !seen.required) seen.required = true;
  };
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const lines = logicalLines(text);
    // pydantic BaseSettings: class fields; a field without a default is required.
    let settingsIndent: number | undefined;
    for (const line of lines) {
      if (/^class\s+\w+\((?:[\w.]*\.)?BaseSettings\b/.test(line.text)) {
        settingsIndent = line.indent;
        continue;
      }
      if (settingsIndent !== undefined) {
        if (line.indent <= settingsIndent) settingsIndent = undefined;
        else {
          const field = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([^=]+?)(?:\s*=\s*(.+))?$/.exec(line.text);
          if (field && line.indent > settingsIndent && !/^(model_config|Config)$/.test(field[1]!) && !field[1]!.startsWith('_')) {
            const optional = field[3] !== undefined || /Optional\[|\|\s*None|None\s*\|/.test(field[2]!);
            // pydantic matches variables to fields case-insensitively: DATABASE_URL sets database_url.
            add(field[1]!.toUpperCase(), !optional, `${file}:${line.line}`);
          }
          continue;
        }
      }
      for (const m of line.text.matchAll(/os\.environ\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]/g)) add(m[1]!, true, `${file}:${line.line}`);
      for (const m of line.text.matchAll(/(?:os\.environ\.get|os\.getenv|environ\.get|getenv)\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g)) add(m[1]!, false, `${file}:${line.line}`);
      // django-environ: env("X"), env.str("X", default=...); decouple: config("X", default=...).
      for (const m of line.text.matchAll(/\b(?:env(?:\.\w+)?|config)\(\s*["']([A-Z_][A-Z0-9_]*)["']([^)]*)\)/g)) add(m[1]!, !/default\s*=/.test(m[2]!), `${file}:${line.line}`);
    }
  }
  return [...found.values()];
}
