// Source readers for the plan: the project on disk (bounded like detection's walk), or files in memory (tests).
import path from 'node:path';
import { readText, relJoin } from '../detect-shared.js';
import { walk } from '../walk.js';
import type { SourceReader } from './evidence.js';

/** Files read per listing at most: a plan reads sources to find facts, it does not index the project. */
const MAX_FILES = 2000;

export function diskReader(root: string): SourceReader {
  const listings = new Map<string, string[]>();
  return {
    read: (rel) => readText(root, rel),
    list(dir, depth) {
      const key = `${dir}\n${depth}`;
      let files = listings.get(key);
      if (!files) {
        files = walk(path.join(root, dir), depth).flatMap((d) => d.files.map((f) => relJoin(d.path, f))).slice(0, MAX_FILES);
        listings.set(key, files);
      }
      return files;
    },
  };
}

export function memoryReader(files: Readonly<Record<string, string>>): SourceReader {
  return {
    read: (rel) => files[rel],
    list(dir, depth) {
      const prefix = dir === '.' ? '' : `${dir}/`;
      return Object.keys(files)
        .filter((f) => f.startsWith(prefix) && f.slice(prefix.length).split('/').length <= depth + 1)
        .map((f) => f.slice(prefix.length))
        .sort();
    },
  };
}
