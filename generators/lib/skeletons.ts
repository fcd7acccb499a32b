// The first content of a file ai-projen creates from nothing (a Makefile with `help`, a titled AGENTS.md);
// plugin blocks are then merged into it. Template text lives in plugins/common/templates/.
import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pluginsRoot } from './manifest.js';

export type SkeletonFile = 'Makefile' | 'AGENTS.md';

const cache = new Map<SkeletonFile, string>();

export function skeleton(file: SkeletonFile): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = ejs.render(readFileSync(path.join(pluginsRoot(), 'common', 'templates', `${file}.ejs`), 'utf8'), {});
    cache.set(file, text);
  }
  return text;
}
