// yo ai-projen:terraform-aws — every fixture (and an empty folder) through the REAL validators:
// terraform fmt -check, terraform init -backend=false (local AWS provider) + validate (no errors, no
// warnings), the shipped `terraform test` suites (mocked provider, expect_failures runs), a block-level
// check that only the ALB admits the internet, `make -n` of every infra target, idempotency, and unit
// tests of the pure context. Identical renderings are validated once (content hash).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runState, type RunState } from '../generators/lib/commit.js';
import { detect } from '../generators/lib/detect.js';
import { optionName } from '../generators/lib/questions.js';
import { loadManifest, pluginsRoot } from '../generators/lib/manifest.js';
import { clusterName, ecrRepositoryName, ecsServiceName, serviceSpecs, taskFamily } from '../generators/lib/services.js';
import {
  GITIGNORE_LINES,
  INFRA_DIR,
  LONG_PROJECT_NAME,
  MAKE_TARGETS,
  WORKSPACES,
  align,
  backendConfigs,
  buildContext,
  environmentValues,
  hcl,
  healthRuntime,
  parseOidcRepo,
  parseVpcCidr,
  stateBucketName,
  terraformServices,
  unknownEnvironment,
  type TerraformAnswers,
} from '../generators/terraform-aws/context.js';
import { QUESTIONS } from '../generators/terraform-aws/index.js';
import { FIXTURES, copyFixture, fixturePath } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';
import { snapshot } from './helpers/tree.js';
import { topLevelBlocks, worldIngressViolations, type HclBlock } from './terraform-aws/hcl.js';
import {
  formatFindings,
  makeDryRun,
  makeDryRunTarget,
  skipIfMissing,
  terraformFmtCheck,
  terraformTest,
  terraformTreeHash,
  validateOnce,
  type Finding,
} from './validators/all.js';

const NS = 'ai-projen:terraform-aws';
const GENERATOR = generatorFile('terraform-aws');
const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');
const wsDir = (dir: string, workspace: string): string => path.join(dir, INFRA_DIR, 'workspaces', workspace);

async function generate(dir: string, options: Record<string, unknown> = {}) {
  const result = await runGenerator(GENERATOR, NS, dir, { yes: true, ...options });
  return runState(result.env) as RunState;
}

const actions = (state: RunState): Record<string, string> => Object.fromEntries((state.results ?? []).map((file) => [file.path, file.action]));

// ---------------------------------------------------------------------------------------------------------
// Validation memo and the workspace x validator matrix printed at the end

type Validator = 'fmt' | 'validate' | 'test';
const VALIDATORS: readonly Validator[] = ['fmt', 'validate', 'test'];

interface Cell {
  /** Distinct renderings the tool actually ran on, and how they ended. */
  distinct: Map<string, boolean>;
  /** Checks asked for (one per fixture and workspace), most answered from the memo. */
  checks: number;
  failed: number;
}

const matrix = new Map<string, Map<Validator, Cell>>();
const memo = new Map<string, Promise<Finding[]>>();

function cell(row: string, validator: Validator): Cell {
  let cells = matrix.get(row);
  if (!cells) matrix.set(row, (cells = new Map()));
  let c = cells.get(validator);
  if (!c) cells.set(validator, (c = { distinct: new Map(), checks: 0, failed: 0 }));
  return c;
}

/** Runs `validator` on a workspace folder once per distinct content (hash of its .tf/.hcl/.tfvars files). */
async function check(row: string, validator: Validator, dir: string): Promise<Finding[]> {
  const key = `${validator}:${terraformTreeHash(dir)}`;
  let promise = memo.get(key);
  if (!promise) {
    promise = validator === 'fmt' ? terraformFmtCheck(dir) : validator === 'validate' ? validateOnce(dir) : terraformTest(dir);
    memo.set(key, promise);
    promise.catch(() => memo.delete(key));
  }
  const findings = await promise;
  const c = cell(row, validator);
  c.checks++;
  c.distinct.set(key, findings.length === 0);
  if (findings.length > 0) c.failed++;
  return findings;
}

function printMatrix(): void {
  if (matrix.size === 0) return;
  const rows = [...matrix.keys()];
  const head = ['workspace', ...VALIDATORS.map((v) => `${v} (checks / distinct / failed)`)];
  const body = rows.map((row) => [
    row,
    ...VALIDATORS.map((v) => {
      const c = matrix.get(row)?.get(v);
      if (!c) return '-';
      const failedDistinct = [...c.distinct.values()].filter((ok) => !ok).length;
      return `${c.checks} / ${c.distinct.size} / ${failedDistinct}`;
    }),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\nterraform-aws: workspace x validator (checks = fixture renderings checked, distinct = tool runs on distinct content)`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------------------

describe('ai-projen:terraform-aws', function () {
  this.timeout(900_000);
  after(printMatrix);

  describe('context.ts (pure)', () => {
    const profile = (fixture: string) => detect(fixturePath(fixture));
    const answers = (extra: Partial<TerraformAnswers> = {}): TerraformAnswers => ({
      projectName: 'shop',
      awsRegion: 'us-east-1',
      environments: ['dev', 'staging', 'prod'],
      ...extra,
    });

    it('parses the VPC CIDR: IPv4 network address, /16 to /24', () => {
      assert.equal(parseVpcCidr('10.0.0.0/16'), '10.0.0.0/16');
      assert.equal(parseVpcCidr(' 172.16.32.0/20 '), '172.16.32.0/20');
      assert.throws(() => parseVpcCidr('10.0.0.1/16'), /not a network address \(did you mean 10\.0\.0\.0\/16\?\)/);
      assert.throws(() => parseVpcCidr('10.0.0.0/8'), /between \/16 and \/24/);
      assert.throws(() => parseVpcCidr('10.0.0.0/28'), /between \/16 and \/24/);
      assert.throws(() => parseVpcCidr('10.0.300.0/24'), /octet above 255/);
      assert.throws(() => parseVpcCidr('fd00::/64'), /--vpc-cidr: 'fd00::\/64' is not an IPv4 CIDR/);
    });

    it('parses the OIDC repository: owner/name, GitHub URLs, or empty', () => {
      assert.equal(parseOidcRepo(''), '');
      assert.equal(parseOidcRepo(undefined), '');
      assert.equal(parseOidcRepo('acme/shop'), 'acme/shop');
      assert.equal(parseOidcRepo('https://github.com/acme/shop.git'), 'acme/shop');
      assert.equal(parseOidcRepo('git@github.com:acme/shop.git'), 'acme/shop');
      for (const bad of ['acme', 'acme/shop/extra', 'acme/shop"; rm -rf /', '-acme/shop', 'acme/..', 'acme/$(id)']) {
        assert.throws(() => parseOidcRepo(bad), /--oidc-repo: .* is not a GitHub repository/, bad);
      }
    });

    it('names the state bucket <project>-<env>-tfstate-<region>, cut to 63 characters', () => {
      assert.equal(stateBucketName('shop', 'dev', 'us-east-1'), 'shop-dev-tfstate-us-east-1');
      const long = stateBucketName(LONG_PROJECT_NAME, 'production', 'ap-southeast-2');
      assert.ok(long.length <= 63, long);
      assert.match(long, /^[a-z0-9][a-z0-9-]*-production-tfstate-ap-southeast-2$/);
      assert.ok(!long.includes('--'), long);
      assert.equal(LONG_PROJECT_NAME.length, 32);
    });

    it('takes services, ports, routes and names from services.ts', () => {
      const fullstack = profile('fullstack');
      const services = terraformServices(fullstack, answers());
      const specs = serviceSpecs(fullstack, { projectName: 'shop' });
      assert.deepEqual(
        services.map((s) => [s.name, s.port, s.routePath, s.routePriority, s.runtime]),
        [
          ['backend', 8000, '/api/*', 100, 'python'],
          ['frontend', 8080, '/*', 1000, 'static'],
        ],
      );
      assert.deepEqual(services.map((s) => s.name), specs.map((s) => s.name));
      assert.deepEqual(services[0]!.names.prod, {
        ecrRepository: ecrRepositoryName('shop', 'prod', 'backend'),
        ecsService: ecsServiceName('shop', 'prod', 'backend'),
        taskFamily: taskFamily('shop', 'prod', 'backend'),
      });
      assert.equal(terraformServices(profile('ts-npm'), answers())[0]!.runtime, 'node');
      const npmApp = profile('ts-npm').apps[0]!;
      assert.equal(healthRuntime({ ...npmApp, packageManager: 'bun' } as typeof npmApp), 'bun', 'bun images probe with bun');
      assert.equal(healthRuntime(profile('python-uv').apps[0]), 'python');
      assert.equal(healthRuntime(undefined), 'generic');
      assert.equal(terraformServices(profile('ts-npm'), answers({ ports: { 'ts-npm-api': 4000 } }))[0]!.port, 4000);
    });

    it('gives a project without apps one "app" service on the --port answer (default 8000)', () => {
      const empty = detect(copyFixture('empty'));
      assert.deepEqual(
        terraformServices(empty, answers()).map((s) => [s.name, s.port, s.routePath, s.runtime]),
        [['app', 8000, '/*', 'generic']],
      );
      assert.equal(terraformServices(empty, answers({ ports: { '': 9000 } }))[0]!.port, 9000);
      assert.equal(terraformServices(empty, answers({ ports: { app: 9100 } }))[0]!.port, 9100);
      // Workspace libraries are no services: a workspace of libraries only gets the same placeholder.
      const base = detect(copyFixture('ts-workspace'));
      const libraries = { ...base, apps: base.apps.filter((app) => app.path === 'packages/shared') };
      assert.deepEqual(terraformServices(libraries, answers()).map((s) => s.name), ['app']);
      assert.deepEqual(terraformServices(base, answers()).map((s) => s.name), ['api', 'web'], 'packages/shared is a library');
    });

    it('derives per-environment defaults: one NAT gateway in dev only, bigger tasks in prod', () => {
      assert.equal(environmentValues('shop', 'dev', 'us-east-1').singleNatGateway, true);
      assert.equal(environmentValues('shop', 'staging', 'us-east-1').singleNatGateway, false);
      const prod = environmentValues('shop', 'prod', 'us-east-1');
      assert.equal(prod.singleNatGateway, false);
      assert.equal(prod.desiredCount, 2);
      assert.equal(prod.clusterName, clusterName('shop', 'prod'));
    });

    it('writes one backend config per workspace and environment, each S3 one with its own key', () => {
      const configs = backendConfigs('shop', ['dev', 'prod'], 'eu-west-1');
      assert.equal(configs.length, WORKSPACES.length * 2);
      const s3 = configs.filter((c) => c.kind === 's3');
      assert.deepEqual(s3.map((c) => c.key), ['base/dev/terraform.tfstate', 'base/prod/terraform.tfstate', 'runtime/dev/terraform.tfstate', 'runtime/prod/terraform.tfstate']);
      assert.deepEqual(new Set(s3.map((c) => c.bucket)), new Set(['shop-dev-tfstate-eu-west-1', 'shop-prod-tfstate-eu-west-1']));
      assert.deepEqual(configs.filter((c) => c.kind === 'local').map((c) => c.localPath), ['state/dev.tfstate', 'state/prod.tfstate']);
    });

    it('helpers: unknown environment, HCL strings, fmt-style alignment', () => {
      assert.equal(unknownEnvironment(['dev', 'prod']), 'qa');
      assert.equal(unknownEnvironment(['qa', 'qa1']), 'qa2');
      assert.equal(hcl('a"b${c}'), '"a\\"b$${c}"');
      assert.equal(align([['"a"', '1'], ['"bbb"', '2']], '  '), '  "a"   = 1\n  "bbb" = 2');
    });

    it('is pure: the same inputs give the same context', () => {
      const p = profile('fullstack');
      const a = buildContext(p, answers({ oidcRepo: 'acme/shop' }));
      const b = buildContext(p, answers({ oidcRepo: 'acme/shop' }));
      assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
      assert.equal(a.test.longestEnvironment, 'staging');
      assert.equal(a.oidcRepo, 'acme/shop');
    });

    it('declares exactly the options listed in PLUGIN_MANIFEST.yaml (aliases apart), --container-port among them', () => {
      const names = QUESTIONS.map((q) => optionName(q.name));
      assert.ok(QUESTIONS.some((q) => q.aliases?.includes('containerPort')), 'the issue\'s --container-port');
      const listed = loadManifest(pluginsRoot()).plugins['terraform-aws']!.options.map((o) => o.name);
      assert.deepEqual([...listed].sort(), [...names].sort());
    });
  });

  describe('the ingress checker', () => {
    it('accepts the ALB on 80/443 and rejects any other rule from the internet', () => {
      const ok = topLevelBlocks('resource "aws_vpc_security_group_ingress_rule" "alb_http" {\n  security_group_id = aws_security_group.alb.id\n  cidr_ipv4         = "0.0.0.0/0"\n  from_port         = 80\n  to_port           = 80\n}\n');
      assert.deepEqual(worldIngressViolations(ok), []);
      const bad = topLevelBlocks(
        [
          'resource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = aws_security_group.tasks.id\n  cidr_ipv4 = "0.0.0.0/0"\n  from_port = 22\n  to_port = 22\n}',
          'resource "aws_vpc_security_group_ingress_rule" "alb_all" {\n  security_group_id = aws_security_group.alb.id\n  cidr_ipv6 = "::/0"\n  from_port = 0\n  to_port = 65535\n}',
          'resource "aws_security_group" "legacy" {\n  name = "x-${var.y}"\n  ingress {\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}',
          'resource "aws_security_group_rule" "old" {\n  type = "ingress"\n  cidr_blocks = ["0.0.0.0/0"]\n}',
        ].join('\n\n'),
      );
      assert.deepEqual(worldIngressViolations(bad).map((v) => v.resource), [
        'aws_vpc_security_group_ingress_rule.ssh',
        'aws_vpc_security_group_ingress_rule.alb_all',
        'aws_security_group.legacy',
        'aws_security_group_rule.old',
      ]);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  // The fixture matrix

  const VARIANTS: Array<{ title: string; fixture: string; options: Record<string, unknown> }> = [
    ...[...FIXTURES, 'empty'].map((fixture) => ({ title: fixture, fixture, options: {} })),
    {
      title: 'fullstack, 32-character project, custom environments and options',
      fixture: 'fullstack',
      options: {
        'project-name': LONG_PROJECT_NAME,
        environments: 'dev,qa,production',
        'aws-region': 'ap-southeast-2',
        'vpc-cidr': '10.20.0.0/20',
        'container-port': '9000',
        'health-check-path': '/healthz',
        'oidc-repo': 'https://github.com/acme/shop.git',
      },
    },
  ];

  for (const variant of VARIANTS) {
    describe(`fixture ${variant.title}`, () => {
      let dir: string;
      let first: RunState;

      before(async () => {
        dir = copyFixture(variant.fixture);
        first = await generate(dir, variant.options);
      });

      it('writes the workspaces, backend configs, tfvars, docs and owned blocks', () => {
        const answers = JSON.parse(read(dir, '.yo-rc.json'))['generator-ai-projen'];
        const environments: string[] = answers.environments;
        for (const workspace of WORKSPACES) {
          for (const file of ['versions.tf', 'providers.tf', 'variables.tf', 'outputs.tf', `tests/${workspace}.tftest.hcl`]) {
            assert.ok(existsSync(path.join(wsDir(dir, workspace), file)), `${workspace}/${file}`);
          }
          for (const env of environments) assert.ok(existsSync(path.join(dir, INFRA_DIR, 'backend-config', `${workspace}-${env}.hcl`)));
        }
        for (const env of environments) assert.ok(existsSync(path.join(dir, INFRA_DIR, 'shared', `${env}.tfvars`)));
        assert.ok(existsSync(path.join(dir, '.ai/docs/terraform-standards.md')));
        for (const howto of ['README.md', 'how-to-add-workspace.md', 'how-to-deploy-infrastructure.md', 'how-to-manage-state.md']) {
          assert.ok(existsSync(path.join(dir, '.ai/howtos/terraform-aws', howto)), howto);
        }
        assert.match(read(dir, 'AGENTS.md'), /<!-- BEGIN ai-projen:terraform-aws -->\n#### Terraform \/ AWS\n[\s\S]*<!-- END ai-projen:terraform-aws -->/);
        const gitignore = read(dir, '.gitignore').split(/\r?\n/);
        for (const line of GITIGNORE_LINES) assert.ok(gitignore.includes(line), line);
        assert.ok(!gitignore.some((line) => /^\*\.tfvars$|^shared/.test(line)), 'shared/<env>.tfvars stay tracked');
        assert.ok(Object.values(actions(first)).every((a) => a === 'create' || a === 'update'));
      });

      it('every generated file starts with the ai-projen header', () => {
        for (const [file, action] of Object.entries(actions(first))) {
          if (!(file.startsWith(INFRA_DIR) || file.startsWith('.ai/')) || action === 'skip') continue;
          const head = read(dir, file).split('\n').slice(0, 3).join('\n');
          assert.match(head, /ai-projen \(ai-projen:terraform-aws\)/, file);
        }
      });

      it('renders variables.tf identically into every workspace and shared/, services.tf into base and runtime', () => {
        const shared = read(dir, `${INFRA_DIR}/shared/variables.tf`);
        for (const workspace of WORKSPACES) assert.equal(read(wsDir(dir, workspace), 'variables.tf'), shared, workspace);
        assert.equal(read(wsDir(dir, 'base'), 'services.tf'), read(wsDir(dir, 'runtime'), 'services.tf'));
      });

      it('backend configs: S3 with encrypt + use_lockfile and a distinct key per workspace and environment', () => {
        const folder = path.join(dir, INFRA_DIR, 'backend-config');
        const keys = new Set<string>();
        for (const file of readdirSync(folder)) {
          const text = readFileSync(path.join(folder, file), 'utf8');
          if (file.startsWith('bootstrap-')) {
            assert.match(text, /^path = "state\/[a-z0-9]+\.tfstate"$/m, file);
            continue;
          }
          const [, workspace, env] = /^([a-z]+)-([a-z0-9]+)\.hcl$/.exec(file)!;
          assert.match(text, new RegExp(`^key\\s+= "${workspace}/${env}/terraform\\.tfstate"$`, 'm'), file);
          assert.match(text, /^encrypt\s+= true$/m, file);
          assert.match(text, /^use_lockfile = true$/m, file);
          assert.doesNotMatch(text, /dynamodb/, file);
          const bucket = /^bucket\s+= "([^"]+)"$/m.exec(text)![1]!;
          assert.ok(bucket.length <= 63 && bucket.includes(`-${env}-tfstate-`), bucket);
          keys.add(/^key\s+= "([^"]+)"$/m.exec(text)![1]!);
        }
        assert.equal(keys.size, readdirSync(folder).filter((f) => !f.startsWith('bootstrap-')).length);
      });

      it('no security group admits 0.0.0.0/0 or ::/0 except the ALB on 80/443', () => {
        const blocks: HclBlock[] = [];
        for (const workspace of WORKSPACES) {
          const folder = wsDir(dir, workspace);
          for (const file of readdirSync(folder).filter((f) => f.endsWith('.tf'))) {
            blocks.push(...topLevelBlocks(readFileSync(path.join(folder, file), 'utf8'), `${workspace}/${file}`));
          }
        }
        const rules = blocks.filter((b) => b.kind === 'resource' && b.labels[0] === 'aws_vpc_security_group_ingress_rule');
        assert.ok(rules.length >= 3, 'the checker sees the ingress rules');
        assert.deepEqual(worldIngressViolations(blocks), []);
        const open = rules.filter((b) => /0\.0\.0\.0\/0|::\/0/.test(b.body)).map((b) => b.labels[1]);
        assert.deepEqual(open.sort(), ['alb_http', 'alb_https']);
        const tasks = rules.find((b) => b.labels[1] === 'tasks_from_alb')!;
        assert.match(tasks.body, /referenced_security_group_id\s+= aws_security_group\.alb\.id/);
      });

      for (const workspace of WORKSPACES) {
        it(`${workspace}: terraform fmt -check`, async function () {
          const findings = await skipIfMissing(this, () => check(workspace, 'fmt', wsDir(dir, workspace)));
          assert.deepEqual(findings, [], formatFindings(findings));
        });

        it(`${workspace}: terraform init -backend=false + validate: valid, no warnings`, async function () {
          const findings = await skipIfMissing(this, () => check(workspace, 'validate', wsDir(dir, workspace)));
          assert.deepEqual(findings, [], formatFindings(findings));
        });

        it(`${workspace}: the shipped terraform test suite passes`, async function () {
          const findings = await skipIfMissing(this, () => check(workspace, 'test', wsDir(dir, workspace)));
          assert.deepEqual(findings, [], formatFindings(findings));
        });
      }

      it('backend-config/ and shared/: terraform fmt -check', async function () {
        for (const folder of ['backend-config', 'shared']) {
          const findings = await skipIfMissing(this, () => check(folder, 'fmt', path.join(dir, INFRA_DIR, folder)));
          assert.deepEqual(findings, [], formatFindings(findings));
        }
      });

      it('make -n works for every infra target (default ENV and WORKSPACE)', async function () {
        const makefile = read(dir, 'Makefile');
        for (const target of MAKE_TARGETS) assert.match(makefile, new RegExp(`^${target}: ## `, 'm'), target);
        const findings = await skipIfMissing(this, () => makeDryRun(makefile, [...MAKE_TARGETS, 'help'], { cwd: dir, fileName: 'Makefile' }));
        assert.deepEqual(findings, [], formatFindings(findings));
      });

      it('a second run is all identical and changes no byte', async () => {
        const before = snapshot(dir);
        const second = await generate(dir, variant.options);
        assert.deepEqual(snapshot(dir), before);
        const results = second.results ?? [];
        assert.ok(results.length > 40, `${results.length} files reported`);
        for (const file of results) assert.equal(file.action, 'identical', file.path);
      });
    });
  }

  // -------------------------------------------------------------------------------------------------------

  describe('Makefile behaviour', () => {
    let dir: string;
    before(async () => {
      dir = copyFixture('python-uv');
      await generate(dir);
    });

    it('refuses an unknown ENV even under make -n, naming the environments', async function () {
      const makefile = read(dir, 'Makefile');
      for (const target of ['infra-plan', 'infra-init', 'infra-apply', 'infra-destroy', 'infra-output', 'infra-bootstrap']) {
        const result = await skipIfMissing(this, () => makeDryRunTarget(makefile, target, { cwd: dir, env: { ENV: 'qa' } }));
        assert.notEqual(result.code, 0, target);
        assert.match(result.stderr, /ENV=qa is not an environment of this project \(one of: dev staging prod\)/, target);
      }
      const spaced = await makeDryRunTarget(makefile, 'infra-plan', { cwd: dir, env: { ENV: 'staging prod' } });
      assert.notEqual(spaced.code, 0);
      const workspace = await makeDryRunTarget(makefile, 'infra-plan', { cwd: dir, env: { WORKSPACE: '../..' } });
      assert.notEqual(workspace.code, 0);
      assert.match(workspace.stderr, /WORKSPACE=\.\.\/\.\. is not a folder/);
    });

    it('plan writes a plan file that apply applies; destroy asks unless CONFIRM=yes', async function () {
      const makefile = read(dir, 'Makefile');
      const plan = await skipIfMissing(this, () => makeDryRunTarget(makefile, 'infra-plan', { cwd: dir, env: { ENV: 'prod', WORKSPACE: 'runtime' } }));
      assert.equal(plan.code, 0, plan.stderr);
      assert.match(plan.stdout, /terraform -chdir=infra\/terraform\/workspaces\/runtime plan -input=false -var-file=\.\.\/\.\.\/shared\/prod\.tfvars -out=prod\.tfplan/);
      const apply = await makeDryRunTarget(makefile, 'infra-apply', { cwd: dir, env: { ENV: 'prod', WORKSPACE: 'runtime' } });
      assert.match(apply.stdout, /terraform -chdir=infra\/terraform\/workspaces\/runtime apply -input=false prod\.tfplan/);
      const init = await makeDryRunTarget(makefile, 'infra-init', { cwd: dir, env: { ENV: 'staging' } });
      assert.match(init.stdout, /init -input=false -reconfigure -backend-config=\.\.\/\.\.\/backend-config\/base-staging\.hcl/);
      const destroy = await makeDryRunTarget(makefile, 'infra-destroy', { cwd: dir });
      assert.match(destroy.stdout, /read -r answer/);
      assert.match(destroy.stdout, /plan -destroy/);
      const bootstrap = await makeDryRunTarget(makefile, 'infra-bootstrap', { cwd: dir, env: { ENV: 'prod' } });
      assert.match(bootstrap.stdout, /-backend-config=\.\.\/\.\.\/backend-config\/bootstrap-prod\.hcl/);
    });
  });

  describe('re-runs and bad input', () => {
    it('never overwrites shared/<env>.tfvars the user edited (not even with --force)', async () => {
      const dir = copyFixture('ts-npm');
      await generate(dir);
      const file = `${INFRA_DIR}/shared/dev.tfvars`;
      const edited = read(dir, file).replace('az_count             = 2', 'az_count             = 3');
      writeFileSync(path.join(dir, file), edited);
      const again = await generate(dir, { 'vpc-cidr': '10.1.0.0/16' });
      assert.equal(read(dir, file), edited);
      assert.ok(again.notes.some((note) => note.includes(`${file} exists and is yours`)));
      assert.equal(actions(again)[file], undefined);
      await generate(dir, { force: true, 'vpc-cidr': '10.2.0.0/16' });
      assert.equal(read(dir, file), edited);
    });

    it('keeps a user-changed workspace file with --yes and reports it', async () => {
      const dir = copyFixture('python-poetry');
      await generate(dir);
      const file = `${INFRA_DIR}/workspaces/base/network.tf`;
      writeFileSync(path.join(dir, file), `${read(dir, file)}\n# my change\n`);
      const again = await generate(dir);
      assert.equal(actions(again)[file], 'skip');
      assert.match(read(dir, file), /# my change/);
    });

    const bad: Array<[string, Record<string, unknown>, RegExp]> = [
      ['an invalid VPC CIDR', { 'vpc-cidr': '10.0.0.0/8' }, /--vpc-cidr/],
      ['an invalid OIDC repository', { 'oidc-repo': 'acme/shop; rm -rf /' }, /--oidc-repo/],
      ['an invalid environment', { environments: 'dev,Prod!' }, /--environments/],
      ['an invalid region', { 'aws-region': 'mars-1' }, /--aws-region/],
      ['an invalid health path', { 'health-check-path': 'health' }, /--health-check-path/],
      ['an invalid port', { 'container-port': '70000' }, /--ports/],
    ];
    for (const [title, options, message] of bad) {
      it(`${title}: clear error, nothing written`, async () => {
        const dir = copyFixture('python-requirements');
        const before = snapshot(dir);
        await assert.rejects(generate(dir, options), message);
        assert.deepEqual(snapshot(dir), before);
      });
    }
  });
});
