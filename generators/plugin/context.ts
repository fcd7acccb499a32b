// Pure: the answers of `yo ai-projen:plugin` -> every name, path and text the new plugin needs.
import { AiProjenError } from '../lib/errors.js';
import type { PluginEntry, PluginManifest } from '../lib/manifest.js';
import { isLowerHyphenated } from '../lib/names.js';

export const CATEGORIES = ['containerization', 'ci-cd', 'iac', 'monitoring'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PluginAnswers {
  category: Category;
  toolName: string;
  provider?: string;
  description?: string;
}

export interface NewPlugin {
  /** Plugin and generator name: the tool, or `<tool>-<provider>` for iac (like terraform-aws). */
  name: string;
  toolName: string;
  toolTitle: string;
  provider: string;
  category: Category;
  prefix: string;
  className: string;
  description: string;
  /** Plugin folder relative to the package root, with a trailing slash (manifest convention). */
  location: string;
  templateDir: string;
}

export function parseToolName(raw: unknown): string {
  const value = String(raw ?? '').trim();
  if (!isLowerHyphenated(value) || value.length > 32) {
    throw new AiProjenError(`invalid plugin name '${value}': use lowercase words joined by hyphens (e.g. gitlab-ci), at most 32 characters`);
  }
  return value;
}

const title = (name: string): string => name.split('-').map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ');
const pascal = (name: string): string => name.split('-').map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');

export function newPlugin(answers: PluginAnswers, manifest: PluginManifest): NewPlugin {
  const { category, toolName } = answers;
  const categoryEntry = manifest.categories[category];
  if (!categoryEntry) throw new AiProjenError(`unknown category '${category}' (one of ${Object.keys(manifest.categories).join(', ')})`);
  const provider = category === 'iac' ? parseToolName(answers.provider) : '';
  const name = provider ? `${toolName}-${provider}` : toolName;
  const base = categoryEntry.location.replace(/\/?$/, '/');
  const location = provider ? `${base}${toolName}/providers/${provider}/` : `${base}${toolName}/`;
  const prefix = `${name}-`;
  if (manifest.plugins[name]) throw new AiProjenError(`plugin '${name}' already exists in plugins/PLUGIN_MANIFEST.yaml`);
  const owner = Object.entries(manifest.plugins).find(([, entry]) => entry.makefile_prefix === prefix || entry.location.replace(/\/?$/, '/') === location);
  if (owner) throw new AiProjenError(`plugin '${owner[0]}' already uses the Make prefix '${prefix}' or the folder ${location}`);
  const toolTitle = provider ? `${title(toolName)} / ${provider.toUpperCase()}` : title(toolName);
  return {
    name,
    toolName,
    toolTitle,
    provider,
    category,
    prefix,
    className: `${pascal(name)}Generator`,
    description: answers.description?.trim() || `${toolTitle} ${category} plugin`,
    location,
    templateDir: categoryEntry.template.replace(/\/?$/, '/'),
  };
}

/** Fills the `{{placeholder}}` fields of the category template's Markdown files. */
export function fillPlaceholders(text: string, plugin: NewPlugin): string {
  const values: Record<string, string> = {
    toolName: plugin.toolName,
    toolTitle: plugin.toolTitle,
    category: plugin.category,
    provider: plugin.provider,
    prefix: plugin.prefix,
    name: plugin.name,
  };
  return text.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match);
}

/** The manifest entry of the new plugin: beta until it has real content and tests. */
export function manifestEntry(plugin: NewPlugin): PluginEntry {
  return {
    category: plugin.category,
    status: 'beta',
    description: plugin.description,
    location: plugin.location,
    generator: `ai-projen:${plugin.name}`,
    dependencies: [],
    integrates_with: [],
    options: [],
    guide: `${plugin.location}AGENT_INSTRUCTIONS.md`,
    makefile_prefix: plugin.prefix,
    agents_md_heading: `#### ${plugin.toolTitle}`,
  };
}
