// A minimal generator built on the common base, used to test the base without any real plugin.
import path from 'node:path';
import { AiProjenGenerator, type CommonOptions } from '../../generators/lib/base.js';
import { parsePattern, type Question } from '../../generators/lib/questions.js';
import { projectName } from '../../generators/lib/shared-questions.js';
import { packageRoot } from '../../generators/lib/manifest.js';

// The compiled probe runs from the build folder; its templates stay in the source tree.
const templatesRoot = path.join(packageRoot(), 'test/helpers/probe-plugin');

const greeting: Question<string> = {
  name: 'greeting',
  kind: 'input',
  message: 'Greeting',
  default: () => 'hello',
  parse: parsePattern('greeting', /^[a-z]+$/, 'a lowercase word'),
};

export default class ProbeGenerator extends AiProjenGenerator {
  constructor(args: string[], options: CommonOptions) {
    super(args, options, { plugin: 'probe', questions: [projectName, greeting], needsApps: true, templatesRoot });
  }

  writing(): void {
    const context = { ...this.answers, apps: this.profile.apps.map((app) => app.name) };
    this.render('templates/probe.yml.ejs', 'probe.yml', context);
    this.renderOnce('templates/once.txt.ejs', 'once.txt', context);
    this.mergeAgentsMd('templates/agents-md.md.ejs', context);
    this.mergeMakefile('templates/makefile.mk.ejs', context);
    this.mergeGitignore(['.env', '.env.*', '!.env.example']);
    this.installDocs([{ from: 'standards/probe-standards.md', to: '.ai/docs/probe-standards.md' }]);
  }
}
