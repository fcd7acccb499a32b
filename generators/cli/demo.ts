// `npm run demo`: copies the example full-stack project shipped in test/fixtures into a fresh temp
// folder and runs the composed generator on it non-interactively, then prints what it wrote.
import { cpSync, mkdtempSync, readdirSync, renameSync, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const example = path.join(packageRoot, 'test/fixtures/fullstack');

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry}` : entry;
    return statSync(path.join(dir, entry)).isDirectory() ? listFiles(path.join(dir, entry), rel) : [rel];
  });
}

const target = mkdtempSync(path.join(os.tmpdir(), 'ai-projen-demo-'));
cpSync(example, target, { recursive: true });
// Fixtures keep their .gitignore as `gitignore` (npm pack drops dotfiles named .gitignore).
if (existsSync(path.join(target, 'gitignore'))) renameSync(path.join(target, 'gitignore'), path.join(target, '.gitignore'));
const before = new Set(listFiles(target));
console.log(`Example project copied to ${target}\nRunning: ai-projen app --yes\n`);
const code = await main(['app', '--yes'], { cwd: target });
if (code === 0) {
  console.log(`\nFiles in ${target} (+ = added by ai-projen):`);
  for (const file of listFiles(target)) console.log(`${before.has(file) ? ' ' : '+'} ${file}`);
  console.log(`\nA second run changes nothing: (cd ${target} && node ${path.join(packageRoot, "bin/ai-projen.js")} app --check)`);
}
process.exitCode = code;
