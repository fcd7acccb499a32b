#!/usr/bin/env node
// Thin shim: the CLI is compiled TypeScript under dist/.
import { main } from '../dist/generators/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
