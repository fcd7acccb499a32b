// The plugin manifest (plugins/PLUGIN_MANIFEST.yaml): typed loading, structural validation, and
// resolution of the package's plugins/ folder. Reads the disk, never writes it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { AiProjenError } from './errors.js';

export const MANIFEST_FILE = 'PLUGIN_MANIFEST.yaml';
export const ALLOWED_STATUSES = ['stable', 'beta', 'planned'] as const;
export type PluginStatus = (typeof ALLOWED_STATUSES)[number];
export const OPTION_TYPES = ['string', 'number', 'boolean', 'list'] as const;
export type PluginOptionType = (typeof OPTION_TYPES)[number];

/** Files and folders every plugin folder and every category `_template/` must contain. */
export const REQUIRED_PLUGIN_ENTRIES = ['AGENT_INSTRUCTIONS.md', 'README.md', 'howtos/', 'templates/', 'standards/'] as const;

/** Plugin and category names: lowercase words joined by single hyphens. */
export const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const GENERATOR_PATTERN = /^ai-projen:([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/;

export interface PluginOption {
  name: string;
  type: PluginOptionType;
  description: string;
  default?: string | number | boolean;
}

export interface CategoryEntry {
  description: string;
  /** Category folder, relative to the package root (e.g. `plugins/infrastructure/iac/`). */
  location: string;
  /** Boilerplate a new plugin of this category is copied from. */
  template: string;
}

export interface PluginEntry {
  category: string;
  status: PluginStatus;
  description: string;
  /** Plugin folder, relative to the package root. */
  location: string;
  /** Yeoman namespace, `ai-projen:<name>`. */
  generator?: string;
  /** Plugins that must be installed first. */
  dependencies: string[];
  /** Plugins this one wires itself to when present (no ordering constraint). */
  integrates_with: string[];
  options: PluginOption[];
  /** AGENT_INSTRUCTIONS.md, relative to the package root. */
  guide: string;
  makefile_prefix?: string;
  agents_md_heading?: string;
}

export interface PluginManifest {
  version: number;
  allowed_status?: string[];
  categories: Record<string, CategoryEntry>;
  plugins: Record<string, PluginEntry>;
}

export interface ValidateOptions {
  /**
   * Folder(s) holding one sub-folder per generator (`<root>/<name>/index.ts` or `index.js`).
   * Default: `generators/` and `dist/generators/` of the package the plugins folder belongs to.
   */
  generatorsRoot?: string | string[];
}

// ---------------------------------------------------------------------------------------------------------
// Locating the package

let cachedPackageRoot: string | undefined;

/**
 * The root of this package: the nearest ancestor of this module holding both package.json and plugins/.
 * Works from the sources (generators/lib, via tsx) and from the build (dist/generators/lib).
 */
export function packageRoot(): string {
  if (cachedPackageRoot) return cachedPackageRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && isDirectory(join(dir, 'plugins'))) {
      cachedPackageRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new AiProjenError(`cannot find the package's plugins/ folder above ${dirname(fileURLToPath(import.meta.url))}`);
    }
    dir = parent;
  }
}

/** Absolute path of the package's plugins/ folder. */
export function pluginsRoot(): string {
  return join(packageRoot(), 'plugins');
}

const manifestCache = new Map<string, PluginManifest>();

/** Absolute folder of a plugin of the package's manifest (e.g. `docker` -> .../plugins/infrastructure/containerization/docker). */
export function pluginDir(name: string): string {
  const root = pluginsRoot();
  let manifest = manifestCache.get(root);
  if (!manifest) {
    manifest = loadManifest(root);
    manifestCache.set(root, manifest);
  }
  const entry = manifest.plugins[name];
  if (!entry) {
    throw new AiProjenError(`unknown plugin "${name}" (known: ${Object.keys(manifest.plugins).join(', ')})`, join(root, MANIFEST_FILE));
  }
  return fromPackageRoot(root, entry.location);
}

/** Resolves a manifest path (relative to the package root, i.e. the parent of the plugins folder). */
export function fromPackageRoot(pluginsRootDir: string, relPath: string): string {
  return resolve(pluginsRootDir, '..', relPath);
}

// ---------------------------------------------------------------------------------------------------------
// Loading

/**
 * Reads and parses `<pluginsRoot>/PLUGIN_MANIFEST.yaml`. Syntax errors and a wrong overall shape throw an
 * AiProjenError naming the file (and line); field-level problems are left to validateManifest().
 */
export function loadManifest(pluginsRootDir: string): PluginManifest {
  const file = join(pluginsRootDir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AiProjenError(`cannot read the plugin manifest: ${(err as Error).message}`, file);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new AiProjenError(first.message.split('\n')[0]!, file, first.linePos?.[0]?.line);
  }
  const raw: unknown = doc.toJS();
  if (!isRecord(raw)) throw new AiProjenError('the plugin manifest must be a mapping', file);
  for (const key of ['categories', 'plugins'] as const) {
    if (raw[key] !== undefined && raw[key] !== null && !isRecord(raw[key])) {
      throw new AiProjenError(`\`${key}\` must be a mapping keyed by name`, file);
    }
  }
  const categories: Record<string, CategoryEntry> = {};
  for (const [name, value] of Object.entries(asRecord(raw.categories))) {
    const c = asRecord(value);
    categories[name] = { description: str(c.description), location: str(c.location), template: str(c.template) };
  }
  const plugins: Record<string, PluginEntry> = {};
  for (const [name, value] of Object.entries(asRecord(raw.plugins))) {
    const p = asRecord(value);
    plugins[name] = {
      category: str(p.category),
      status: str(p.status) as PluginStatus,
      description: str(p.description),
      location: str(p.location),
      generator: p.generator === undefined || p.generator === null ? undefined : str(p.generator),
      dependencies: strList(p.dependencies),
      integrates_with: strList(p.integrates_with),
      options: (Array.isArray(p.options) ? p.options : []).map((o: unknown) => {
        const r = asRecord(o);
        const option: PluginOption = { name: str(r.name), type: str(r.type) as PluginOptionType, description: str(r.description) };
        if (r.default !== undefined && r.default !== null) option.default = r.default as string | number | boolean;
        return option;
      }),
      guide: str(p.guide),
      makefile_prefix: p.makefile_prefix === undefined ? undefined : str(p.makefile_prefix),
      agents_md_heading: p.agents_md_heading === undefined ? undefined : str(p.agents_md_heading),
    };
  }
  return {
    version: typeof raw.version === 'number' ? raw.version : Number.NaN,
    allowed_status: raw.allowed_status === undefined ? undefined : strList(raw.allowed_status),
    categories,
    plugins,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Validation

/**
 * Every problem of the manifest against the disk, one message each, each naming the plugin or category it
 * is about. An empty list means the manifest is valid.
 */
export function validateManifest(manifest: PluginManifest, pluginsRootDir: string, options: ValidateOptions = {}): string[] {
  const problems: string[] = [];
  const at = (rel: string): string => fromPackageRoot(pluginsRootDir, rel);
  const generatorRoots = toList(options.generatorsRoot ?? [join(pluginsRootDir, '..', 'generators'), join(pluginsRootDir, '..', 'dist', 'generators')]);

  if (manifest.version !== 1) problems.push(`manifest: unsupported version ${String(manifest.version)} (expected 1)`);

  const allowed: readonly string[] = manifest.allowed_status ?? ALLOWED_STATUSES;
  for (const s of allowed) {
    if (!(ALLOWED_STATUSES as readonly string[]).includes(s)) problems.push(`manifest: allowed_status lists unknown status "${s}" (known: ${ALLOWED_STATUSES.join(', ')})`);
  }

  // Categories
  for (const [name, cat] of Object.entries(manifest.categories)) {
    const where = `category "${name}"`;
    if (!NAME_PATTERN.test(name)) problems.push(`${where}: name must be lowercase-hyphenated`);
    if (!cat.description) problems.push(`${where}: missing description`);
    if (!cat.location) problems.push(`${where}: missing location`);
    else if (!isDirectory(at(cat.location))) problems.push(`${where}: location ${cat.location} does not exist`);
    if (!cat.template) problems.push(`${where}: missing template`);
    else if (!isDirectory(at(cat.template))) problems.push(`${where}: template ${cat.template} does not exist`);
    else {
      for (const missing of missingEntries(at(cat.template))) problems.push(`${where}: template ${cat.template} lacks ${missing}`);
    }
  }

  // Plugins
  const names = Object.keys(manifest.plugins);
  const prefixes = new Map<string, string>();
  for (const [name, p] of Object.entries(manifest.plugins)) {
    const where = `plugin "${name}"`;
    if (!NAME_PATTERN.test(name)) problems.push(`${where}: name must be lowercase-hyphenated (${NAME_PATTERN.source})`);
    if (!allowed.includes(p.status)) problems.push(`${where}: status "${p.status}" is not one of ${allowed.join(', ')}`);
    if (!p.description) problems.push(`${where}: missing description`);

    const category = manifest.categories[p.category];
    if (!p.category) problems.push(`${where}: missing category`);
    else if (!category) problems.push(`${where}: unknown category "${p.category}"`);

    const onDisk = p.status !== 'planned';
    if (!p.location) problems.push(`${where}: missing location`);
    else {
      if (category?.location && !normalizeDir(p.location).startsWith(normalizeDir(category.location))) {
        problems.push(`${where}: location ${p.location} is not inside its category folder ${category.location}`);
      }
      if (onDisk) {
        if (!isDirectory(at(p.location))) problems.push(`${where}: location ${p.location} does not exist`);
        else for (const missing of missingEntries(at(p.location))) problems.push(`${where}: plugin folder ${p.location} lacks ${missing}`);
      }
    }
    if (!p.guide) problems.push(`${where}: missing guide`);
    else if (onDisk && !isFile(at(p.guide))) problems.push(`${where}: guide ${p.guide} does not exist`);

    // Generator
    if (p.generator === undefined) {
      if (p.status === 'stable') problems.push(`${where}: stable plugins must declare a generator (ai-projen:<name>)`);
    } else {
      const m = GENERATOR_PATTERN.exec(p.generator);
      if (!m) problems.push(`${where}: generator "${p.generator}" must be ai-projen:<lowercase-hyphenated-name>`);
      else if (onDisk) {
        const folder = m[1]!;
        const found = generatorRoots.some((root) => isFile(join(root, folder, 'index.ts')) || isFile(join(root, folder, 'index.js')));
        if (!found) problems.push(`${where}: generator ${p.generator} has no implementation (expected generators/${folder}/index.ts or index.js)`);
      }
    }

    // Links
    for (const dep of p.dependencies) {
      if (dep === name) problems.push(`${where}: depends on itself`);
      else if (!names.includes(dep)) problems.push(`${where}: unknown dependency "${dep}"`);
    }
    for (const link of p.integrates_with) {
      if (!names.includes(link)) problems.push(`${where}: integrates_with unknown plugin "${link}"`);
    }

    // Options
    const seen = new Set<string>();
    for (const o of p.options) {
      const label = `${where}: option "${o.name}"`;
      if (!NAME_PATTERN.test(o.name)) problems.push(`${label}: name must be lowercase-hyphenated`);
      if (seen.has(o.name)) problems.push(`${label}: declared twice`);
      seen.add(o.name);
      if (!(OPTION_TYPES as readonly string[]).includes(o.type)) problems.push(`${label}: type "${o.type}" is not one of ${OPTION_TYPES.join(', ')}`);
      if (!o.description) problems.push(`${label}: missing description`);
    }

    // Integration points
    if (p.makefile_prefix !== undefined) {
      if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*-$/.test(p.makefile_prefix)) problems.push(`${where}: makefile_prefix "${p.makefile_prefix}" must be lowercase and end with "-"`);
      const owner = prefixes.get(p.makefile_prefix);
      if (owner) problems.push(`${where}: makefile_prefix "${p.makefile_prefix}" is already used by plugin "${owner}"`);
      else prefixes.set(p.makefile_prefix, name);
    }
    if (p.agents_md_heading !== undefined && !/^#### \S/.test(p.agents_md_heading)) {
      problems.push(`${where}: agents_md_heading must start with "#### "`);
    }
  }

  for (const cycle of findCycles(manifest.plugins)) {
    problems.push(`plugin "${cycle[0]}": dependency cycle ${cycle.join(' -> ')}`);
  }
  return problems;
}

/** Dependency cycles, each as a path that starts and ends with the same plugin (reported once per cycle). */
export function findCycles(plugins: Record<string, Pick<PluginEntry, 'dependencies'>>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of plugins[name]?.dependencies ?? []) {
      if (!(dep in plugins) || dep === name) continue; // reported elsewhere
      const s = state.get(dep);
      if (s === 'visiting') cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (s === undefined) visit(dep);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of Object.keys(plugins)) if (!state.has(name)) visit(name);
  return cycles;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

function missingEntries(dir: string): string[] {
  return REQUIRED_PLUGIN_ENTRIES.filter((entry) =>
    entry.endsWith('/') ? !isDirectory(join(dir, entry.slice(0, -1))) : !isFile(join(dir, entry)),
  );
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function normalizeDir(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/?$/, '/');
}

function toList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function strList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(str);
}
