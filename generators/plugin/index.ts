// yo ai-projen:plugin: the seed guide "How to Create an Infrastructure Plugin" made executable.
// Run inside a checkout of generator-ai-projen: copies the category's _template/, adds the manifest
// entry, a generator stub on the common base and a yeoman-test spec, so `npm test` covers the new plugin.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AiProjenGenerator, type CommonOptions } from '../lib/base.js';
import { AiProjenError } from '../lib/errors.js';
import { loadManifest, MANIFEST_FILE, pluginsRoot } from '../lib/manifest.js';
import { parseChoice, parsePattern, type Question } from '../lib/questions.js';
import { editYaml } from '../lib/structured-edit.js';
import { CATEGORIES, fillPlaceholders, manifestEntry, newPlugin, parseToolName, type NewPlugin, type PluginAnswers } from './context.js';

const questions: Question[] = [
  {
    name: 'category',
    kind: 'list',
    message: 'Plugin category',
    choices: CATEGORIES,
    default: () => 'containerization',
    parse: parseChoice('category', CATEGORIES),
  },
  { name: 'toolName', kind: 'input', message: 'Tool name (lowercase-hyphenated, e.g. podman, gitlab-ci)', default: () => '', parse: parseToolName },
  {
    name: 'provider',
    kind: 'input',
    message: 'Cloud provider (lowercase, e.g. aws, gcp, azure)',
    when: (answers) => answers.category === 'iac',
    default: () => 'aws',
    parse: parseToolName,
  },
  {
    name: 'description',
    kind: 'input',
    message: 'One-line description',
    default: () => '',
    parse: parsePattern('description', /^[^\n\r<>`$]*$/, 'one line of plain text'),
  },
];

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry}` : entry;
    return statSync(path.join(dir, entry)).isDirectory() ? listFiles(path.join(dir, entry), rel) : [rel];
  });
}

export default class PluginGenerator extends AiProjenGenerator {
  constructor(args: string[], options: CommonOptions) {
    super(args, options, {
      plugin: '',
      questions,
      needsApps: false,
      templatesRoot: path.join(pluginsRoot(), 'common'),
      persist: false,
    });
  }

  /** The project here is this package itself, not an app: check that instead of detecting. */
  override async initializing(): Promise<void> {
    const pkg = path.join(this.root, 'package.json');
    const name = existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name : undefined;
    if (name !== 'generator-ai-projen' || !existsSync(path.join(this.root, 'plugins', MANIFEST_FILE))) {
      throw new AiProjenError(`run yo ai-projen:plugin inside a checkout of generator-ai-projen (${this.root} is not one)`);
    }
    this.profile = { root: this.root, name: 'generator-ai-projen', layout: 'none', apps: [], languages: [], existing: { dockerfiles: [], ownDockerfiles: [], ci: { jobs: [], runnerLabels: [] }, composeFiles: [], workflows: [], terraformFiles: [], makefile: false, agentsMd: false, gitignore: false, defaultBranch: { value: 'main', from: 'default' }, envTracked: false } };
  }

  writing(): void {
    const plugin = newPlugin(this.answers as unknown as PluginAnswers, loadManifest(path.join(this.root, 'plugins')));
    for (const taken of [plugin.location, `generators/${plugin.name}/`, `test/${plugin.name}.spec.ts`]) {
      if (existsSync(this.destinationPath(taken))) throw new AiProjenError(`plugin '${plugin.name}' already exists: ${taken}`);
    }
    this.copyCategoryTemplate(plugin);
    this.editFile(`plugins/${MANIFEST_FILE}`, (text) => withManifestEntry(text, plugin));
    this.render('templates/new-plugin/index.ts.ejs', `generators/${plugin.name}/index.ts`, { plugin });
    this.render('templates/new-plugin/spec.ts.ejs', `test/${plugin.name}.spec.ts`, { plugin });
    this.state.notes.push(
      `Created plugin '${plugin.name}' in ${plugin.location}, generators/${plugin.name}/ and test/${plugin.name}.spec.ts; run npm test.`,
    );
  }

  /** Markdown gets its {{placeholders}} filled; templates (.ejs) stay templates of the new plugin. */
  private copyCategoryTemplate(plugin: NewPlugin): void {
    const from = path.join(this.root, plugin.templateDir);
    for (const file of listFiles(from)) {
      const dest = this.target(`${plugin.location}${file}`);
      if (file.endsWith('.md')) this.fs.write(dest, fillPlaceholders(readFileSync(path.join(from, file), 'utf8'), plugin));
      else this.fs.copy(path.join(from, file), dest);
    }
  }
}

/** Appends the entry under `plugins:` keeping the manifest's comments and order. */
function withManifestEntry(text: string, plugin: NewPlugin): string {
  return editYaml(text, (doc) => {
    doc.setIn(['plugins', plugin.name], doc.createNode(manifestEntry(plugin)));
  }, `plugins/${MANIFEST_FILE}`);
}
