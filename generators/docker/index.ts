// yo ai-projen:docker: containers for every detected app.
import { AiProjenGenerator, type CommonOptions } from '../lib/base.js';
import { projectName } from '../lib/shared-questions.js';

export default class DockerGenerator extends AiProjenGenerator {
  constructor(args: string[], options: CommonOptions) {
    super(args, options, { plugin: 'docker', questions: [projectName], needsApps: true });
  }

  writing(): void {}
}
