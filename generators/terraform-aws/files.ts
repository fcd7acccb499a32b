// Declarative: which template of the plugin renders to which project path, per workspace and environment.
import { INFRA_DIR, type TerraformContext, type Workspace } from './context.js';

export interface FileSpec {
  /** Template path relative to the plugin folder. */
  template: string;
  /** Destination relative to the project root. */
  dest: string;
  /** Written on the first run only; afterwards the file is the user's (renderOnce). */
  once?: boolean;
  /** Extra template values (the workspace, the environment, the backend config). */
  locals?: Record<string, unknown>;
}

const T = 'templates';

/** Files of each workspace besides versions.tf, providers.tf and variables.tf (common to all). */
export const WORKSPACE_FILES: Record<Workspace, readonly string[]> = {
  bootstrap: ['main.tf', 'github-oidc.tf', 'outputs.tf', 'tests/bootstrap.tftest.hcl'],
  base: [
    'services.tf',
    'main.tf',
    'network.tf',
    'endpoints.tf',
    'security-groups.tf',
    'ecr.tf',
    'settings.tf',
    'data-stores.tf',
    'iam.tf',
    'logs.tf',
    'outputs.tf',
    'tests/base.tftest.hcl',
  ],
  runtime: [
    'services.tf',
    'main.tf',
    'variables-runtime.tf',
    'ecs.tf',
    'container-start.sh',
    'alb.tf',
    'autoscaling.tf',
    'outputs.tf',
    'tests/runtime.tftest.hcl',
  ],
};

/** Files rendered from workspaces/common/ (services.tf is common to base and runtime, from one template). */
const COMMON_TEMPLATES = new Set(['services.tf']);

export function terraformFiles(ctx: TerraformContext): FileSpec[] {
  const files: FileSpec[] = [{ template: `${T}/README.md.ejs`, dest: `${INFRA_DIR}/README.md` }];
  files.push({ template: `${T}/shared/variables.tf.ejs`, dest: `${INFRA_DIR}/shared/variables.tf` });
  files.push({ template: `${T}/scripts/put-secrets.sh.ejs`, dest: `${INFRA_DIR}/scripts/put-secrets.sh` });
  for (const env of ctx.environmentValues) {
    files.push({ template: `${T}/shared/env.tfvars.ejs`, dest: `${INFRA_DIR}/shared/${env.name}.tfvars`, once: true, locals: { env } });
  }
  for (const config of ctx.backendConfigs) {
    files.push({ template: `${T}/backend-config/${config.kind}.hcl.ejs`, dest: config.path, locals: { config } });
  }
  for (const workspace of ctx.workspaces) {
    const dir = `${INFRA_DIR}/workspaces/${workspace}`;
    const locals = { workspace };
    files.push({ template: `${T}/workspaces/common/versions.tf.ejs`, dest: `${dir}/versions.tf`, locals });
    files.push({ template: `${T}/workspaces/common/providers.tf.ejs`, dest: `${dir}/providers.tf`, locals });
    files.push({ template: `${T}/shared/variables.tf.ejs`, dest: `${dir}/variables.tf`, locals });
    for (const file of WORKSPACE_FILES[workspace]) {
      const from = COMMON_TEMPLATES.has(file) ? 'common' : workspace;
      files.push({ template: `${T}/workspaces/${from}/${file}.ejs`, dest: `${dir}/${file}`, locals });
    }
  }
  return files;
}

/** Plugin docs installed into the project verbatim. */
export const DOCS: ReadonlyArray<{ from: string; to: string }> = [
  { from: 'standards/terraform-standards.md', to: '.ai/docs/terraform-standards.md' },
  ...['README.md', 'how-to-add-workspace.md', 'how-to-deploy-infrastructure.md', 'how-to-manage-state.md'].map((file) => ({
    from: `howtos/${file}`,
    to: `.ai/howtos/terraform-aws/${file}`,
  })),
];
