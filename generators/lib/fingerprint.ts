// What a run generates from, as two hashes kept in .yo-rc.json: the generator (its version and every
// template) and the project's inputs (each app's plan and the answers). `--check` compares them with the last
// run's to say why a file would change: newer templates, or a project that changed.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Fingerprint } from './commit.js';
import { packageRoot, pluginsRoot } from './manifest.js';
import { planOf } from './plan/index.js';
import type { ProjectProfile } from './profile.js';

const sha = (parts: readonly string[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 16);
};

let templates: string | undefined;
/** The generator's version and templates (read once per process). */
function templatesHash(): string {
  if (templates) return templates;
  const root = pluginsRoot();
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.isFile()) files.push(join(dir, entry.name));
    }
  };
  walk(root);
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '';
  templates = sha([version, ...files.flatMap((file) => [relative(root, file), readFileSync(file, 'utf8')])]);
  return templates;
}

export function fingerprint(profile: ProjectProfile, answers: Readonly<Record<string, unknown>>): Fingerprint {
  const sorted = Object.fromEntries(Object.entries(answers).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { templates: templatesHash(), inputs: sha([JSON.stringify(planOf(profile)), JSON.stringify(sorted)]) };
}
