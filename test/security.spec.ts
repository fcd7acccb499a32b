// The secure-by-default checklist, asserted over every file of a composed run (docker + github-actions +
// terraform-aws) on every fixture. Terraform's runtime values are asserted by its shipped, mocked tests
// (run by terraform-aws.spec); here the rendered code itself is checked, so a template change that drops
// a protection fails even before Terraform runs.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { externalFroms, isIgnored, isNonRoot, isPinned, parseDockerignore, prodStage } from './docker/checks.js';
import { copyFixture, FIXTURES } from './helpers/fixtures.js';
import { snapshot } from './helpers/tree.js';
import { attribute, topLevelBlocks, worldIngressViolations, type HclBlock } from './terraform-aws/hcl.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/ai-projen.js');

/** Key material and credentials that must never be generated (AWS keys, private keys, tokens, URLs with passwords). */
const SECRETS: Array<[string, RegExp]> = [
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['AWS secret key assignment', /aws_secret_access_key\s*[:=]\s*\S+/i],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['static AWS credentials in a workflow', /aws-(access-key-id|secret-access-key)\s*:/],
];

interface Job {
  permissions?: Record<string, string> | string;
  /** A job that calls a sibling workflow (deploy.yml's lint and test) has no steps of its own. */
  uses?: string;
  steps?: Array<{ uses?: string; run?: string }>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const UNTRUSTED = /\$\{\{\s*(github\.event\.|github\.head_ref|inputs\.|github\.event_path)/;

describe('secure by default (composed output of every fixture)', function () {
  this.timeout(300_000);

  for (const fixture of FIXTURES) {
    describe(fixture, () => {
      let dir: string;
      let files: Record<string, string>;
      const text = (file: string): string => readFileSync(path.join(dir, file), 'utf8');

      before(() => {
        dir = copyFixture(fixture);
        const result = spawnSync(process.execPath, [bin, 'app', '--yes', '--plugins', 'docker,github-actions,terraform-aws'], { cwd: dir, encoding: 'utf8', input: '' });
        assert.equal(result.status, 0, result.stderr);
        files = snapshot(dir);
      });

      it('no secret or key material in any file', () => {
        for (const file of Object.keys(files)) {
          for (const [what, pattern] of SECRETS) assert.doesNotMatch(text(file), pattern, `${what} in ${file}`);
        }
      });

      it('.env is ignored by git and by every Docker build; .env.example and lock files are not', () => {
        const gitignore = text('.gitignore').split(/\r?\n/);
        assert.ok(gitignore.includes('.env') && gitignore.includes('!.env.example'));
        const ignoreFiles = Object.keys(files).filter((file) => file.endsWith('.dockerignore'));
        assert.ok(ignoreFiles.length >= 1);
        for (const file of ignoreFiles) {
          const rules = parseDockerignore(text(file));
          for (const secret of ['.env', '.env.local', '.env.production', 'id_rsa', 'terraform.tfstate', '.git/config']) {
            assert.ok(isIgnored(rules, secret), `${file} ignores ${secret}`);
          }
          for (const kept of ['package-lock.json', 'uv.lock', 'poetry.lock', 'pnpm-lock.yaml', 'requirements.txt']) {
            assert.ok(!isIgnored(rules, kept), `${file} keeps ${kept}`);
          }
        }
      });

      it('containers run as a non-root user in prod, with pinned images and no latest tag', () => {
        const dockerfiles = Object.keys(files).filter((file) => /(^|\/)Dockerfile$|\.Dockerfile$/.test(file));
        assert.ok(dockerfiles.length >= 1);
        for (const file of dockerfiles) {
          const prod = prodStage(text(file));
          assert.ok(isNonRoot(prod.user), `${file}: prod USER ${String(prod.user)}`);
          for (const from of externalFroms(text(file))) assert.ok(isPinned(from.image), `${file}: ${from.image} is pinned`);
        }
        for (const file of Object.keys(files)) assert.doesNotMatch(text(file), /:latest\b|@latest\b/, `latest in ${file}`);
        for (const file of ['docker-compose.yml', 'docker-compose.prod.yml']) {
          const compose = parse(text(file)) as { services: Record<string, { image?: string; user?: string }> };
          for (const [name, service] of Object.entries(compose.services)) {
            if (service.image && !service.image.includes('${')) assert.match(service.image, /:[\w.-]+$/, `${file}: ${name} image has a tag`);
          }
        }
      });

      it('workflows are least-privilege and never inline untrusted input into a shell', () => {
        const workflows = Object.keys(files).filter((file) => file.startsWith('.github/workflows/'));
        assert.ok(workflows.length >= 2);
        for (const file of workflows) {
          const workflow = parse(text(file)) as Workflow;
          assert.ok(!('pull_request_target' in workflow.on), `${file}: no pull_request_target`);
          assert.deepEqual(workflow.permissions, { contents: 'read' }, `${file}: top-level permissions`);
          for (const [id, job] of Object.entries(workflow.jobs)) {
            if (job.uses) {
              // Only the project's own workflows, which get this workflow's (read-only) token.
              assert.match(job.uses, /^\.\/\.github\/workflows\/[\w-]+\.yml$/, `${file}#${id}: calls ${job.uses}`);
              assert.equal(job.permissions, undefined, `${file}#${id}: no widening for a called workflow`);
              continue;
            }
            assert.ok(job.steps && job.steps.length > 0, `${file}#${id}: a job of its own has steps`);
            const steps = job.steps;
            const usesOidc = steps.some((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials'));
            const idToken = typeof job.permissions === 'object' ? job.permissions['id-token'] : undefined;
            assert.equal(idToken === 'write', usesOidc, `${file}#${id}: id-token: write exactly where OIDC is used`);
            assert.notEqual(job.permissions, 'write-all', `${file}#${id}`);
            for (const step of steps) if (step.run) assert.doesNotMatch(step.run, UNTRUSTED, `${file}#${id}: untrusted input inlined in run:`);
          }
        }
      });

      it('Terraform: state encrypted, versioned, TLS-only, not public; ingress only via the ALB; ECR scans; prod protected', () => {
        const tfFiles = Object.keys(files).filter((file) => file.endsWith('.tf'));
        const blocks: HclBlock[] = tfFiles.flatMap((file) => topLevelBlocks(text(file), file));
        const resource = (type: string): HclBlock[] => blocks.filter((block) => block.kind === 'resource' && block.labels[0] === type);
        const [bucket] = resource('aws_s3_bucket');
        assert.ok(bucket, 'a state bucket');
        assert.match(resource('aws_s3_bucket_versioning')[0]!.body, /status\s*=\s*"Enabled"/);
        assert.match(resource('aws_s3_bucket_server_side_encryption_configuration')[0]!.body, /sse_algorithm\s*=\s*"(AES256|aws:kms)"/);
        const publicBlock = resource('aws_s3_bucket_public_access_block')[0]!.body;
        for (const flag of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
          assert.equal(attribute(publicBlock, flag), 'true', flag);
        }
        const policy = resource('aws_s3_bucket_policy')[0]!.body + blocks.filter((block) => block.kind === 'data').map((block) => block.body).join('\n');
        assert.match(policy, /"aws:SecureTransport"\s*=\s*"false"|aws:SecureTransport[\s\S]{0,80}false/, 'TLS-only bucket policy');
        assert.deepEqual(worldIngressViolations(blocks), [], 'no 0.0.0.0/0 ingress except the ALB on 80/443');
        for (const repository of resource('aws_ecr_repository')) assert.match(repository.body, /scan_on_push\s*=\s*true/);
        assert.match(resource('aws_lb')[0]!.body, /enable_deletion_protection\s*=\s*local\.is_prod/);
        for (const backend of Object.keys(files).filter((file) => /backend-config\/(base|runtime)-.*\.hcl$/.test(file))) {
          assert.match(text(backend), /^encrypt\s*=\s*true$/m, `${backend}: encrypt`);
          assert.match(text(backend), /^use_lockfile\s*=\s*true$/m, `${backend}: S3 native locking`);
          assert.doesNotMatch(text(backend), /dynamodb_table/, `${backend}: no DynamoDB lock table`);
        }
      });
    });
  }

  it('the checklist itself rejects insecure samples', () => {
    assert.ok(SECRETS.some(([, pattern]) => pattern.test('key = "AKIAABCDEFGHIJKLMNOP"')));
    assert.ok(UNTRUSTED.test('echo "${{ github.event.pull_request.title }}"'));
    assert.ok(!isNonRoot('root') && !isNonRoot('0:0') && !isNonRoot(undefined) && isNonRoot('10001:10001'));
    const open = topLevelBlocks('resource "aws_vpc_security_group_ingress_rule" "tasks_any" {\n  security_group_id = aws_security_group.tasks.id\n  cidr_ipv4         = "0.0.0.0/0"\n  from_port         = 8000\n  to_port           = 8000\n  ip_protocol       = "tcp"\n}\n', 'x.tf');
    assert.equal(worldIngressViolations(open).length, 1);
  });
});
