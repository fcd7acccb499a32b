// Snapshot of a folder (path -> sha256) to prove a run wrote nothing, or exactly what it should.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const abs = path.join(dir, entry);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) out[rel] = `link:${readlinkSync(abs)}`;
      else if (stat.isDirectory()) walk(abs);
      else out[rel] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk(root);
  return out;
}
