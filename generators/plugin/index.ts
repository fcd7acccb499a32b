// yo ai-projen:plugin: scaffolds a new infrastructure plugin inside a checkout of this package.
import { AiProjenGenerator, type CommonOptions } from '../lib/base.js';

export default class PluginGenerator extends AiProjenGenerator {
  constructor(args: string[], options: CommonOptions) {
    super(args, options, { plugin: '', questions: [], needsApps: false });
  }

  writing(): void {}
}
