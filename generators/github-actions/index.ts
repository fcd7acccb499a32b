// yo ai-projen:github-actions: CI/CD workflows for the detected languages.
import { AiProjenGenerator, type CommonOptions } from '../lib/base.js';
import { projectName } from '../lib/shared-questions.js';

export default class GithubActionsGenerator extends AiProjenGenerator {
  constructor(args: string[], options: CommonOptions) {
    super(args, options, { plugin: 'github-actions', questions: [projectName], needsApps: true });
  }

  writing(): void {}
}
