// Runs the ai-projen CLI in this process and reports the process's peak memory (max RSS) on stderr.
import { main } from '../../generators/cli/main.js';

const code = await main(process.argv.slice(2));
process.stderr.write(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
process.exitCode = code;
