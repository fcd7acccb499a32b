// yo ai-projen:terraform-aws: AWS infrastructure (VPC, ECR, ECS on Fargate, ALB, RDS, ElastiCache, SSM settings) as Terraform workspaces.
import { AiProjenGenerator, type CommonOptions } from '../lib/base.js';
import type { Question } from '../lib/questions.js';
import { awsRegion, dockerfile, environments, healthCheckPath, ports, projectName } from '../lib/shared-questions.js';
import { routeNotes, serviceSpecs } from '../lib/services.js';
import { DEFAULT_VPC_CIDR, GITIGNORE_LINES, PLUGIN, buildContext, parseOidcRepo, parseVpcCidr, type TerraformAnswers } from './context.js';
import { DOCS, terraformFiles } from './files.js';

export const vpcCidr: Question<string> = {
  name: 'vpcCidr',
  kind: 'input',
  message: 'VPC CIDR (IPv4, /16 to /24)',
  default: () => DEFAULT_VPC_CIDR,
  parse: parseVpcCidr,
};

export const oidcRepo: Question<string> = {
  name: 'oidcRepo',
  kind: 'input',
  message: 'GitHub repository (owner/name) allowed to deploy through OIDC (empty: no deploy role)',
  default: () => '',
  parse: parseOidcRepo,
};

// Which Dockerfile is built decides what the task's image runs (a kept one's ENTRYPOINT stays in front).
export const QUESTIONS: readonly Question[] = [projectName, awsRegion, environments, vpcCidr, ports, healthCheckPath, oidcRepo, dockerfile];

export default class TerraformAwsGenerator extends AiProjenGenerator {
  constructor(args: string[], options: CommonOptions) {
    super(args, options, { plugin: PLUGIN, questions: QUESTIONS, needsApps: false });
  }

  writing(): void {
    const answers = this.answers as unknown as TerraformAnswers;
    const ctx = buildContext(this.profile, answers);
    this.state.notes.push(...routeNotes(serviceSpecs(this.profile, answers)), ...ctx.notes);
    for (const file of terraformFiles(ctx)) {
      const context = { ...ctx, ...file.locals };
      if (file.once) this.renderOnce(file.template, file.dest, context);
      else this.render(file.template, file.dest, context);
    }
    this.installDocs([...DOCS]);
    this.mergeMakefile('templates/makefile.mk.ejs', ctx);
    this.mergeAgentsMd('templates/agents-md.md.ejs', ctx);
    this.mergeGitignore(GITIGNORE_LINES);
  }
}
