// The common base every ai-projen generator extends: detection, answers (option = prompt = stored),
// owned-block merges (AGENTS.md, Makefile, .gitignore), template rendering and one staged commit.
// Sub-generators only declare their questions and implement `writing()`.
import ejs from 'ejs';
import { existsSync, readFileSync } from 'node:fs';
import { isFilePending } from 'mem-fs-editor/state';
import path from 'node:path';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { upsertAgentsBlock } from './agents-md.js';
import { changedFiles, commitRun, DRIFT_LABELS, ON_CONFLICT, runState, type CommitMode, type Fingerprint, type OnConflict, type RunState } from './commit.js';
import { detect, forceLanguage } from './detect.js';
import { readJsonManifest } from './detect-shared.js';
import { fingerprint } from './fingerprint.js';
import { isGenerated } from './generated.js';
import { AiProjenError } from './errors.js';
import { mergeGitignore } from './gitignore.js';
import { upsertMakefileBlock } from './makefile.js';
import { pluginDir } from './manifest.js';
import { isDeployed, planOf } from './plan/index.js';
import { assertInsideProject, assertRealPathInside } from './names.js';
import type { ProjectProfile } from './profile.js';
import { skeleton } from './skeletons.js';
import { editYaml } from './structured-edit.js';
import { optionName, optionType, resolveAnswers, type Answers, type Question } from './questions.js';

export type CommonOptions = BaseOptions & {
  yes?: boolean;
  force?: boolean;
  'dry-run'?: boolean;
  json?: boolean;
  check?: boolean;
  'on-conflict'?: string;
  /** Set by the app generator on the generators it composes: they share its commit and answers. */
  aiProjenComposed?: boolean;
  [option: string]: unknown;
};

/** Options every generator takes, besides its own questions. */
export const COMMON_OPTIONS = [
  { name: 'yes', description: 'Take the detected defaults and stored answers without prompting' },
  { name: 'dry-run', description: 'Show the diff of every file that would change; write nothing' },
  { name: 'force', description: 'Overwrite files you changed (default: ask, or keep them with --yes)' },
  { name: 'json', description: 'Print one JSON document: each file with its action, and the detected profile' },
  { name: 'check', description: 'Write nothing; exit 1 and list the files a run would change, and why' },
] as const;

/** --on-conflict: a file you edited that the templates changed too. */
export const ON_CONFLICT_OPTION = {
  name: 'on-conflict',
  description: `A file you edited that the templates changed too (${ON_CONFLICT.join('|')}): 3-way merge (conflict markers, exit 1), keep yours, take ours, or write nothing (default: ask; with --yes, merge when clean, else keep yours)`,
} as const;

export interface GeneratorSpec {
  /** Plugin name: owns `ai-projen:<plugin>` blocks and the plugins/ folder it renders. */
  plugin: string;
  questions: readonly Question[];
  /** Refuse to run on a folder without a Python or TypeScript app. */
  needsApps: boolean;
  /** Folder the templates are read from; defaults to the plugin's folder under plugins/. */
  templatesRoot?: string;
  /** Keep answers and generated-file hashes in .yo-rc.json (default true; false for one-off scaffolding). */
  persist?: boolean;
}

export abstract class AiProjenGenerator<A extends Answers = Answers> extends Generator<Record<string, unknown>, CommonOptions> {
  protected profile!: ProjectProfile;
  protected answers!: A;
  protected readonly spec: GeneratorSpec;

  constructor(args: string[], options: CommonOptions, spec: GeneratorSpec) {
    super(args, options, { tasksMatchingPriority: true, inheritTasks: true, unique: 'namespace' });
    this.spec = spec;
    for (const option of COMMON_OPTIONS) this.option(option.name, { type: Boolean, description: option.description });
    this.option(ON_CONFLICT_OPTION.name, { type: String, description: ON_CONFLICT_OPTION.description });
    if (spec.needsApps) {
      this.option('language', { type: String, description: 'Folder without a manifest: generate for a new python or typescript app at the root' });
    }
    // yeoman's own prompt-cache and install options do nothing here: keep them out of --help.
    const declared = (this as unknown as { _options: Record<string, { hide?: boolean }> })._options;
    for (const name of ['skip-cache', 'skip-install', 'force-install', 'ask-answered']) {
      if (declared[name]) declared[name].hide = true;
    }
    for (const question of spec.questions) {
      const description = question.choices ? `${question.message} (${question.choices.join('|')})` : question.message;
      this.option(optionName(question.name), { type: optionType(question), description });
      for (const alias of question.aliases ?? []) {
        this.option(optionName(alias), { type: optionType(question), description: `Same as --${optionName(question.name)}` });
      }
    }
    const templatesRoot = spec.templatesRoot ?? (spec.plugin ? pluginDir(spec.plugin) : undefined);
    if (templatesRoot) this.sourceRoot(templatesRoot);
    if (!this.options.aiProjenComposed) this.setFeatures({ customCommitTask: () => this.commitAll() });
    quietTaskErrors(this.log as unknown as TaskLog | undefined);
  }

  /** yeoman's constructor calls this just before it reads .yo-rc.json, and would read package.json here:
   * a malformed package.json must reach detect(), and a malformed .yo-rc.json gets a file:line error. */
  override determineAppname(): string {
    const root = this.destinationRoot();
    if (existsSync(path.join(root, '.yo-rc.json'))) readJsonManifest(root, '.yo-rc.json');
    return path.basename(root);
  }

  get mode(): CommitMode {
    const check = Boolean(this.options.check);
    const json = Boolean(this.options.json);
    const onConflict = this.options['on-conflict'];
    if (onConflict !== undefined && !(ON_CONFLICT as readonly unknown[]).includes(onConflict)) {
      throw new AiProjenError(`--on-conflict: '${String(onConflict)}' is not one of ${ON_CONFLICT.join(', ')}`);
    }
    return {
      yes: Boolean(this.options.yes) || check || json,
      force: Boolean(this.options.force) || onConflict === 'overwrite',
      dryRun: Boolean(this.options['dry-run']),
      check,
      json,
      ...(onConflict ? { onConflict: onConflict as OnConflict } : {}),
    };
  }

  protected get state(): RunState {
    return runState(this.env);
  }

  /** The project root is the folder the generator runs in; it must not resolve elsewhere. */
  protected get root(): string {
    return this.destinationRoot();
  }

  async initializing(): Promise<void> {
    this.state.profile ??= detect(this.root);
    const language = this.options.language;
    if (language !== undefined && this.state.profile.apps.length === 0) {
      if (language !== 'python' && language !== 'typescript') throw new AiProjenError(`--language: '${String(language)}' is not one of python, typescript`);
      this.state.profile = forceLanguage(this.state.profile, language);
    }
    this.profile = this.state.profile;
    if (this.spec.needsApps && this.profile.apps.length === 0) {
      throw new AiProjenError(
        `no Python or TypeScript project found in ${this.root} (looked for pyproject.toml, requirements*.txt, Pipfile, setup.py, package.json); pass --language python or --language typescript to start one`,
      );
    }
  }

  async prompting(): Promise<void> {
    const interactive = !this.mode.yes;
    const answers = await resolveAnswers({
      questions: this.spec.questions,
      profile: this.profile,
      fromOptions: (name) => this.options[optionName(name)] ?? undefined,
      stored: this.spec.persist === false ? {} : (this.config.getAll() as Answers),
      shared: this.state.shared,
      ask: interactive ? (question, fallback) => this.askOne(question, fallback) : undefined,
    });
    if (interactive && answers.ports !== undefined) answers.ports = await this.askAmbiguousPorts(answers);
    for (const [name, value] of Object.entries(answers)) {
      if (this.spec.persist !== false) this.config.set(name, value);
      this.state.shared[name] = value;
    }
    this.state.merged.add(this.destinationPath('.yo-rc.json'));
    this.answers = answers as A;
  }

  /** Where the project's own files disagree on a service's port (and no option or stored answer chose), ask:
   * the answer is stored with the other ports, so the next run does not ask again. */
  private async askAmbiguousPorts(answers: Answers): Promise<Record<string, number>> {
    const ports = { ...(answers.ports as Record<string, number>) };
    const plans = planOf(this.profile, { ports, healthCheckPath: String(answers.healthCheckPath ?? '') });
    for (const plan of plans.filter(isDeployed)) {
      for (const choice of plan.ambiguities.filter((a) => a.field === 'port' && ports[plan.name] === undefined)) {
        const picked = await this.prompt<Record<string, unknown>>([
          {
            type: 'select',
            name: 'port',
            message: `${plan.name}: the project declares more than one port; which one does it listen on?`,
            choices: choice.choices.map((c) => ({ name: `${c.value} (${c.from})`, value: c.value })),
            default: choice.choices[0]!.value,
          } as never,
        ]);
        ports[plan.name] = Number(picked.port);
      }
    }
    return ports;
  }

  private async askOne(question: Question, fallback: unknown): Promise<unknown> {
    const type = question.kind === 'list' ? 'select' : question.kind;
    // Cast: inquirer's typings want one literal `type` per question shape; ours is chosen at run time.
    const answers = await this.prompt<Record<string, unknown>>([
      {
        type,
        name: question.name,
        message: question.message,
        choices: question.choices ? [...question.choices] : undefined,
        default: question.kind === 'input' ? asInputText(fallback) : fallback,
        validate: (raw: unknown) => {
          try {
            question.parse(raw, this.profile);
            return true;
          } catch (error) {
            return (error as Error).message;
          }
        },
      } as never,
    ]);
    return answers[question.name];
  }

  /** Absolute path of a project-relative destination, refusing anything that escapes the project. */
  protected target(relPath: string): string {
    const rel = assertInsideProject(this.root, relPath);
    const abs = this.destinationPath(rel);
    assertRealPathInside(this.root, abs);
    return abs;
  }

  /** Renders a template of this plugin (path relative to the plugin folder) to a project path. */
  protected render(template: string, dest: string, context: object): void {
    this.fs.write(this.target(dest), this.renderString(template, context));
  }

  /**
   * Renders to a file the project may already have: a copy an earlier run generated is rendered as usual
   * (your edits to it are a conflict), the project's own is merged with `merge(existing, ours)` instead.
   */
  protected renderOrMerge(template: string, dest: string, context: object, merge: (existing: string, ours: string) => string): void {
    const abs = this.target(dest);
    const ours = this.renderString(template, context);
    const existing = this.readOptional(abs);
    if (existing === undefined || this.generatedPaths.includes(dest)) this.fs.write(abs, ours);
    else this.writeMerged(abs, merge(existing, ours));
  }

  /** Project-relative paths of the files an earlier run generated (the `generatedFiles` record of .yo-rc.json). */
  protected get generatedPaths(): string[] {
    return Object.keys((this.config.get(RECORDS.generated) as Record<string, string> | undefined) ?? {});
  }

  /** The text of a file the project has of its own at `rel` (it exists, no earlier run generated it and it has
   * no header of ours), which the run keeps and fits; undefined otherwise, and always with --force. */
  protected projectsOwn(rel: string): string | undefined {
    const abs = this.destinationPath(rel);
    if (this.options.force || !existsSync(abs) || this.generatedPaths.includes(rel)) return undefined;
    const text = readFileSync(abs, 'utf8');
    return isGenerated(text) ? undefined : text;
  }

  /** Like render, but a file that already exists is the user's and is never replaced (e.g. tfvars). */
  protected renderOnce(template: string, dest: string, context: object): void {
    const abs = this.target(dest);
    if (this.fs.exists(abs)) {
      this.state.notes.push(`${dest} exists and is yours: left as is`);
      return;
    }
    this.fs.write(abs, this.renderString(template, context));
  }

  /**
   * Installs plugin docs (standards, howtos) into the project's .ai/ folder and, when the project keeps an
   * `.ai/index.yaml`, lists them there under `infrastructure.<plugin>` (comments and layout kept).
   */
  protected installDocs(docs: Array<{ from: string; to: string }>): void {
    for (const doc of docs) this.fs.write(this.target(doc.to), readTemplate(this.templatePath(doc.from)));
    if (this.readOptional(this.target('.ai/index.yaml')) === undefined) return;
    this.editFile('.ai/index.yaml', (text) =>
      editYaml(text, (yamlDoc) => {
        yamlDoc.setIn(['infrastructure', this.spec.plugin], yamlDoc.createNode(docs.map((doc) => doc.to)));
      }, '.ai/index.yaml'),
    );
  }

  /** Renders a template of this plugin to text. EJS directly, not mem-fs-editor's copyTpl: that resolves
   * every source path as a glob, which cost more than the rendering itself. `include` works (filename). */
  protected renderString(template: string, context: object): string {
    const file = this.templatePath(template);
    return ejs.render(readTemplate(file), context, { filename: file });
  }

  /** Replaces this plugin's block in AGENTS.md with the rendered template. */
  protected mergeAgentsMd(template: string, context: object): void {
    const abs = this.target('AGENTS.md');
    const body = this.renderString(template, context);
    this.writeMerged(abs, upsertAgentsBlock(this.readOptional(abs) ?? skeleton('AGENTS.md'), this.spec.plugin, body, 'AGENTS.md'));
  }

  /** Replaces this plugin's block in the Makefile; user targets with the same names win. */
  protected mergeMakefile(template: string, context: object): void {
    const abs = this.target('Makefile');
    const block = this.renderString(template, context);
    const { text, skippedTargets } = upsertMakefileBlock(this.readOptional(abs) ?? skeleton('Makefile'), this.spec.plugin, block);
    for (const target of skippedTargets) {
      this.state.notes.push(`Makefile: your target '${target}' is kept; ai-projen's '${target}' was not added`);
    }
    this.writeMerged(abs, text);
  }

  protected mergeGitignore(lines: string[]): void {
    const abs = this.target('.gitignore');
    this.writeMerged(abs, mergeGitignore(this.readOptional(abs), lines));
  }

  /** A structured edit of an existing project file (e.g. a manifest): applied without asking, like a block merge. */
  protected editFile(relPath: string, edit: (text: string) => string): void {
    const abs = this.target(relPath);
    const text = this.readOptional(abs);
    if (text === undefined) throw new AiProjenError(`${relPath} does not exist`);
    this.writeMerged(abs, edit(text));
  }

  /** The current text of a file: as staged earlier in this run, else from disk. Not through mem-fs's
   * loader, which strips a BOM that a merged file must keep. */
  private readOptional(abs: string): string | undefined {
    const store = this.env.sharedFs as unknown as { existsInMemory(file: string): boolean; get(file: string): { contents: Buffer | null } };
    if (store.existsInMemory(abs)) {
      const file = store.get(abs);
      if (isFilePending(file as never)) return file.contents === null ? undefined : file.contents.toString('utf8');
    }
    return existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
  }

  private writeMerged(abs: string, text: string): void {
    this.state.merged.add(abs);
    this.fs.write(abs, text);
  }

  private async commitAll(): Promise<void> {
    const map = (name: string) => (this.config.get(name) as Record<string, string> | undefined) ?? {};
    const record = this.spec.persist === false ? undefined : {
      previous: map(RECORDS.generated),
      save: (next: Record<string, string>) => this.config.set(RECORDS.generated, next),
      kept: {
        previous: map(RECORDS.kept),
        save: (next: Record<string, string>) => (Object.keys(next).length > 0 ? this.config.set(RECORDS.kept, next) : this.config.delete(RECORDS.kept)),
      },
      fingerprint: {
        previous: this.config.get(RECORDS.fingerprint) as Fingerprint | undefined,
        // Every stored answer (all plugins share .yo-rc.json), so one plugin's run does not flip another's record.
        next: fingerprint(this.profile, Object.fromEntries(Object.entries(this.config.getAll()).filter(([name]) => !RECORD_KEYS.has(name)))),
        save: (next: Fingerprint) => this.config.set(RECORDS.fingerprint, next),
      },
    };
    await commitRun(this.env as never, this.root, this.mode, (text) => this.log(text), record);
  }

  async end(): Promise<void> {
    if (this.options.aiProjenComposed) return;
    const { results = [], notes } = this.state;
    const mode = this.mode;
    if (mode.json) {
      process.stdout.write(`${JSON.stringify({ files: results, notes: [...new Set(notes)], profile: this.profile }, null, 2)}\n`);
    } else {
      for (const note of new Set(notes)) this.log(note);
    }
    const changed = changedFiles(results);
    if (mode.check && changed.length > 0) {
      if (!mode.json) for (const file of changed) this.log(`  ${file.action.padEnd(9)} ${file.path}${file.drift ? `  (${DRIFT_LABELS[file.drift]})` : ''}`);
      throw new AiProjenError(`infrastructure files are out of date: ${changed.length} file(s) would change`);
    }
  }
}

/** .yo-rc.json keys that are records of runs, not answers. */
const RECORDS = { generated: 'generatedFiles', kept: 'keptFiles', fingerprint: 'generatedWith' } as const;
const RECORD_KEYS: ReadonlySet<string> = new Set(Object.values(RECORDS));

interface TaskLog {
  error?: (message?: unknown, ...rest: unknown[]) => unknown;
  [QUIET]?: true;
}
const QUIET = Symbol('ai-projen quiet task errors');

/** Yeoman logs "An error occured while running <task>" before a task's error reaches the CLI, which prints the
 * one `ai-projen: ...` line a refused input or a --check result deserves: that second line is dropped. */
function quietTaskErrors(log: TaskLog | undefined): void {
  const error = log?.error?.bind(log);
  if (!log || !error || log[QUIET]) return;
  log.error = (message, ...rest) => (typeof message === 'string' && /^An error occured while running ai-projen:/.test(message) ? undefined : error(message, ...rest));
  log[QUIET] = true;
}

/** Lists and name->value maps are typed as comma-separated text in an input prompt. */
function asInputText(value: unknown): unknown {
  if (Array.isArray(value)) return value.join(',');
  if (value && typeof value === 'object') return Object.entries(value).map(([key, item]) => `${key}=${String(item)}`).join(',');
  return value;
}

const templates = new Map<string, string>();
/** Template sources, read once per process (a composed run renders the same partials many times). */
function readTemplate(file: string): string {
  let text = templates.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    templates.set(file, text);
  }
  return text;
}

