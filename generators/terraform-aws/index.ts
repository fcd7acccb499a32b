// yo ai-projen:terraform-aws: AWS infrastructure (VPC, ECR, ECS on Fargate, ALB) as Terraform workspaces.
import { AiProjenGenerator, type CommonOptions } from '../lib/base.js';
import { awsRegion, environments, projectName } from '../lib/shared-questions.js';

export default class TerraformAwsGenerator extends AiProjenGenerator {
  constructor(args: string[], options: CommonOptions) {
    super(args, options, { plugin: 'terraform-aws', questions: [projectName, awsRegion, environments], needsApps: false });
  }

  writing(): void {}
}
