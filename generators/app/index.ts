// yo ai-projen: composes the chosen plugin generators in ONE run: shared questions are asked once,
// and all their files go through a single commit (one AGENTS.md / Makefile / .gitignore update).
import { fileURLToPath } from 'node:url';
import { AiProjenGenerator, type CommonOptions } from '../lib/base.js';
import { parseList, type Question } from '../lib/questions.js';
import { projectName } from '../lib/shared-questions.js';

export const PLUGINS = ['docker', 'github-actions', 'terraform-aws'] as const;

const plugins: Question<string[]> = {
  name: 'plugins',
  kind: 'checkbox',
  message: 'Which infrastructure plugins',
  choices: PLUGINS,
  default: (profile) => (profile.apps.length > 0 ? [...PLUGINS] : ['terraform-aws']),
  parse: parseList('plugins', PLUGINS),
};

// yeoman's own bookkeeping: never forwarded, or a sub-generator would take the app's identity.
const INTERNAL_OPTIONS = new Set(['env', 'namespace', 'resolved', 'sharedData', 'sharedFs', 'help', 'plugins', 'destinationRoot']);

export default class AppGenerator extends AiProjenGenerator {
  /** Options given programmatically (yeoman-test, composeWith) reach the plugins like command-line ones. */
  private forwardedOptions(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.options).filter(([key, value]) => !key.startsWith('_') && !INTERNAL_OPTIONS.has(key) && value !== undefined));
  }

  constructor(args: string[], options: CommonOptions) {
    super(args, options, { plugin: '', questions: [projectName, plugins], needsApps: false });
  }

  override async prompting(): Promise<void> {
    await super.prompting();
    for (const name of this.answers.plugins as string[]) {
      const namespace = `ai-projen:${name}`;
      // Prefer the registered namespace (yo, our CLI, tests); fall back to the file next to us.
      const generator = this.env.getGeneratorMeta?.(namespace)
        ? namespace
        : fileURLToPath(new URL(`../${name}/index.js`, import.meta.url));
      await this.composeWith(generator, {
        generatorArgs: [...this._args],
        generatorOptions: { ...this.forwardedOptions(), aiProjenComposed: true } as never,
      });
    }
  }
}
