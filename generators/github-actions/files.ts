// Declarative: which template renders to which project path, under which condition.
import { WORKFLOWS, type CiContext, type Workflow } from './context.js';

export interface TemplateFile {
  template: string;
  dest: string;
  when: (ctx: CiContext) => boolean;
}

export const WORKFLOW_FILES: ReadonlyArray<TemplateFile & { workflow: Workflow }> = WORKFLOWS.map((workflow) => ({
  workflow,
  template: `templates/workflows/${workflow}.yml.ejs`,
  dest: `.github/workflows/${workflow}.yml`,
  when: (ctx: CiContext) => ctx.files[workflow],
}));

/** Makefile block body and AGENTS.md block (merged into the user's files by the base). */
export const MAKEFILE_TEMPLATE = 'templates/makefile.mk.ejs';
export const AGENTS_TEMPLATE = 'templates/agents-md.md.ejs';

/** The plugin's docs, copied verbatim (and listed in an existing .ai/index.yaml): plugin-relative source -> project path. */
export const DOC_FILES: Array<{ from: string; to: string }> = [
  { from: 'standards/ci-cd-standards.md', to: '.ai/docs/ci-cd-standards.md' },
  ...['README.md', 'how-to-add-workflow.md', 'how-to-setup-deploy.md', 'how-to-use-secrets.md'].map((file) => ({
    from: `howtos/${file}`,
    to: `.ai/howtos/github-actions/${file}`,
  })),
];
