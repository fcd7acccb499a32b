// Entry point of the bundled CLI (dist/generators/cli/ai-projen.bundle.js, built by bundle.ts): the CLI plus
// the core generator classes, linked statically so the CLI starts without importing thousands of module files.
import AppGenerator from '../app/index.js';
import DockerGenerator from '../docker/index.js';
import GithubActionsGenerator from '../github-actions/index.js';
import PluginGenerator from '../plugin/index.js';
import TerraformAwsGenerator from '../terraform-aws/index.js';
import { linkGenerators } from './main.js';

linkGenerators({
  app: AppGenerator,
  docker: DockerGenerator,
  'github-actions': GithubActionsGenerator,
  'terraform-aws': TerraformAwsGenerator,
  plugin: PluginGenerator,
});

export { generatorPath, listGenerators, main, usage } from './main.js';
