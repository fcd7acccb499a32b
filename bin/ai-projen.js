#!/usr/bin/env node
// Thin shim: the CLI is compiled TypeScript under dist/. `npm run build` also bundles it, with the core
// generators, into one file that starts much faster. The unbundled CLI is used when there is no bundle,
// or when the bundle is older than the compiled CLI (tsc was run without the bundling step).
import { statSync } from 'node:fs';

const bundle = new URL('../dist/generators/cli/ai-projen.bundle.js', import.meta.url);
const unbundled = new URL('../dist/generators/cli/main.js', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const { main } = await import((mtime(bundle) >= mtime(unbundled) ? bundle : unbundled).href);

process.exitCode = await main(process.argv.slice(2));
