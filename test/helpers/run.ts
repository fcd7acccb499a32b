// Runs a generator with yeoman-test in an existing folder, registered under an explicit namespace
// (namespaces otherwise derive from the checkout's folder name).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import helpers, { type RunResult } from 'yeoman-test';

const distGenerators = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../generators');

const HOME = process.cwd();

export const generatorFile = (name: string): string => path.join(distGenerators, name, 'index.js');

export const GENERATOR_NAMES = ['app', 'docker', 'github-actions', 'terraform-aws', 'plugin'] as const;

export async function runGenerator(
  file: string,
  namespace: string,
  cwd: string,
  options: Record<string, unknown> = {},
  answers?: Record<string, unknown>,
): Promise<RunResult> {
  const context = helpers
    .run(namespace, { autoCleanup: false })
    .withGenerators([
      [file, { namespace }],
      ...GENERATOR_NAMES.filter((name) => `ai-projen:${name}` !== namespace).map((name) => [generatorFile(name), { namespace: `ai-projen:${name}` }]),
    ] as never)
    .cd(cwd)
    // yeoman-test forces overwrites by default; ai-projen's own conflict handling is under test.
    .withOptions({ force: false, ...options } as never);
  if (answers) context.withAnswers(answers);
  // yeoman-test chdirs into the project; fixture copies get deleted later, and a process whose cwd is
  // gone cannot spawn npm or git. Always come back to where mocha started (runs may overlap).
  try {
    return await context;
  } finally {
    process.chdir(HOME);
  }
}
