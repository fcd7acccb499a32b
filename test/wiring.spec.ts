// One composed run (`ai-projen app`) of docker + github-actions + terraform-aws, on a full-stack, a
// Python-only and a TypeScript-only project: every output passes every validator in one go, and the
// three plugins agree on every name, port, path and file, asserted by parsing each plugin's output
// (Terraform's names are evaluated by Terraform itself, in a mocked plan).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { listMakeTargets } from '../generators/lib/makefile.js';
import { copyFixture } from './helpers/fixtures.js';
import { snapshot } from './helpers/tree.js';
import {
  dockerfileStages,
  formatFindings,
  lintCompose,
  lintDockerfile,
  lintWorkflow,
  makeDryRun,
  parseYamlStrict,
  shellcheckWorkflow,
  skipIfMissing,
  terraformFmtCheck,
  terraformTest,
  terraformValidate,
  type Finding,
} from './validators/all.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/ai-projen.js');
const WORKSPACES = ['bootstrap', 'base', 'runtime'];
const ENVIRONMENT = 'dev';

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');
const clean = (findings: Finding[], what: string): void => assert.deepEqual(findings, [], `${what}:\n${formatFindings(findings)}`);

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[]; 'working-directory'?: string; defaults?: { run?: { 'working-directory'?: string } } }>;
}

/** What the deploy workflow deploys, per service: names come from its "names" step, files from its build steps. */
interface Deployed {
  cluster: string;
  services: Record<string, { repository: string; ecsService: string; taskFamily: string; container: string; dockerfile: string; context: string; target: string }>;
}

function deployedBy(workflow: Workflow, environment: string): Deployed {
  const steps = workflow.jobs.deploy!.steps;
  const names = steps.find((step) => step.id === 'names')!.run!;
  const values = Object.fromEntries(
    [...names.matchAll(/echo "([\w-]+)=(.*)"/g)].map(([, key, value]) => [key!, value!.replaceAll('${ENVIRONMENT}', environment)]),
  );
  const services: Deployed['services'] = {};
  for (const step of steps.filter((item) => item.uses?.startsWith('docker/build-push-action'))) {
    const service = /\$\{\{ steps\.names\.outputs\.([\w-]+)-image \}\}/.exec(String(step.with!.tags))![1]!;
    const render = steps.find((item) => item.uses?.startsWith('aws-actions/amazon-ecs-render-task-definition') && String(item.with!.image).includes(`${service}-image`))!;
    const deploy = steps.find((item) => item.uses?.startsWith('aws-actions/amazon-ecs-deploy-task-definition') && String(item.with!.service).includes(`${service}-service`))!;
    assert.ok(deploy, `deploy step for ${service}`);
    services[service] = {
      // ${REGISTRY}/<repository>:${GITHUB_SHA}
      repository: /^\$\{REGISTRY\}\/(.+):\$\{GITHUB_SHA\}$/.exec(values[`${service}-image`]!)![1]!,
      ecsService: values[`${service}-service`]!,
      taskFamily: values[`${service}-task-family`]!,
      container: String(render.with!['container-name']),
      dockerfile: String(step.with!.file),
      context: String(step.with!.context),
      target: String(step.with!.target),
    };
  }
  return { cluster: values.cluster!, services };
}

/** Port and health path a Dockerfile's prod stage exposes and probes. */
function dockerfileContract(text: string): { port: number; healthUrl: string } {
  const prod = text.slice(text.search(/^FROM .* AS prod$/m));
  return {
    port: Number(/^EXPOSE (\d+)$/m.exec(prod)![1]),
    healthUrl: /http:\/\/127\.0\.0\.1:\d+\/[\w/.-]*/.exec(prod.slice(prod.indexOf('HEALTHCHECK')))![0],
  };
}

/** A copy of a workspace with one more plan run that asserts `conditions` (Terraform evaluates the names). */
function withWiringRun(workspaceDir: string, variables: Record<string, string>, conditions: Array<[string, string]>): string {
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'ai-projen-wiring-')), path.basename(workspaceDir));
  cpSync(workspaceDir, copy, { recursive: true });
  const testFile = readdirSync(path.join(copy, 'tests')).find((file) => file.endsWith('.tftest.hcl'))!;
  const vars = Object.entries(variables).map(([key, value]) => `    ${key} = ${JSON.stringify(value)}`).join('\n');
  const asserts = conditions
    .map(([condition, message]) => `  assert {\n    condition     = ${condition}\n    error_message = ${JSON.stringify(message)}\n  }\n`)
    .join('\n');
  appendFileSync(path.join(copy, 'tests', testFile), `\nrun "wiring" {\n  command = plan\n\n  variables {\n${vars}\n  }\n\n${asserts}}\n`);
  return copy;
}

// ts-workspace: an npm workspace (apps/api imports packages/shared; apps/web is a Vite SPA), its lock file at the root.
const FIXTURES = ['fullstack', 'python-uv', 'ts-npm', 'ts-workspace'] as const;

describe('composed run: docker + github-actions + terraform-aws wired together', function () {
  this.timeout(900_000);

  for (const fixture of FIXTURES) {
    describe(fixture, () => {
      let dir: string;
      let project: string;
      let deployed: Deployed;

      before(() => {
        dir = copyFixture(fixture);
        const { code, stderr } = cli(['app', '--yes', '--plugins', 'docker,github-actions,terraform-aws'], dir);
        assert.equal(code, 0, stderr);
        project = JSON.parse(read(dir, '.yo-rc.json'))['generator-ai-projen'].projectName;
        deployed = deployedBy(parse(read(dir, '.github/workflows/deploy.yml')) as Workflow, ENVIRONMENT);
      });

      it('one run, one AGENTS.md section with the three blocks, one Makefile with the three blocks', () => {
        const agents = read(dir, 'AGENTS.md');
        assert.equal(agents.match(/^### INFRASTRUCTURE_COMMANDS$/gm)?.length, 1);
        for (const plugin of ['docker', 'github-actions', 'terraform-aws']) {
          assert.equal(agents.match(new RegExp(`<!-- BEGIN ai-projen:${plugin} -->`, 'g'))?.length, 1, plugin);
          assert.equal(read(dir, 'Makefile').match(new RegExp(`^# >>> ai-projen:${plugin} >>>$`, 'gm'))?.length, 1, plugin);
        }
      });

      it('the deploy workflow builds the Dockerfiles the docker plugin wrote, from the right contexts and stage', () => {
        assert.ok(Object.keys(deployed.services).length >= 1);
        const compose = parse(read(dir, 'docker-compose.yml')) as { services: Record<string, { build: { context: string; dockerfile: string } }> };
        for (const [service, item] of Object.entries(deployed.services)) {
          assert.ok(existsSync(path.join(dir, item.dockerfile)), item.dockerfile);
          assert.ok(dockerfileStages(read(dir, item.dockerfile)).includes(item.target), `${item.dockerfile} has stage ${item.target}`);
          assert.equal(item.container, service, 'container name = service name');
          const build = compose.services[service]!.build;
          assert.equal(path.normalize(build.context), path.normalize(item.context), `compose context of ${service}`);
          assert.equal(path.normalize(path.join(build.context, build.dockerfile)), path.normalize(item.dockerfile), `compose dockerfile of ${service}`);
        }
        assert.deepEqual(Object.keys(compose.services).filter((name) => !['db', 'redis'].includes(name)).sort(), Object.keys(deployed.services).sort());
      });

      if (fixture === 'ts-workspace') {
        it('the workspace library is tested and built by CI but is no image, compose service or ECS service', () => {
          assert.deepEqual(Object.keys(deployed.services).sort(), ['api', 'web']);
          for (const item of Object.values(deployed.services)) assert.equal(item.context, '.', 'members build from the workspace root');
          const test = parse(read(dir, '.github/workflows/test.yml')) as Workflow;
          assert.ok(test.jobs['test-shared'], 'test-shared job');
          const compose = parse(read(dir, 'docker-compose.yml')) as { services: Record<string, unknown> };
          assert.ok(!('shared' in compose.services));
          assert.ok(!existsSync(path.join(dir, '.docker/dockerfiles/shared.Dockerfile')));
          for (const workspace of ['base', 'runtime']) {
            const services = [...read(dir, `infra/terraform/workspaces/${workspace}/services.tf`).matchAll(/^    "([a-z0-9-]+)" = \{$/gm)].map((m) => m[1]);
            assert.deepEqual(services, ['api', 'web'], `Terraform ${workspace} services`);
          }
        });
      }

      it('compose and the Dockerfiles agree on ports and health checks (compose relies on the image\'s HEALTHCHECK)', () => {
        const compose = parse(read(dir, 'docker-compose.prod.yml')) as { services: Record<string, { healthcheck?: unknown; ports?: string[] }> };
        for (const [service, item] of Object.entries(deployed.services)) {
          const contract = dockerfileContract(read(dir, item.dockerfile));
          assert.equal(compose.services[service]!.healthcheck, undefined, `${service}: compose repeats the image's HEALTHCHECK`);
          assert.ok(contract.healthUrl.startsWith(`http://127.0.0.1:${contract.port}`), `${service}: HEALTHCHECK ${contract.healthUrl} probes port ${contract.port}`);
          assert.ok(compose.services[service]!.ports?.some((p) => p.endsWith(`:${contract.port}`)), `${service}: compose publishes ${contract.port}`);
        }
      });

      it('the lint workflow lints exactly the Dockerfiles and Terraform workspaces generated in the same run', () => {
        const lint = parse(read(dir, '.github/workflows/lint.yml')) as Workflow;
        const hadolinted = lint.jobs['lint-docker']!.steps.filter((step) => step.uses?.startsWith('hadolint/')).map((step) => String(step.with!.dockerfile));
        assert.deepEqual(hadolinted.sort(), Object.values(deployed.services).map((item) => item.dockerfile).sort());
        const tfDirs = lint.jobs['lint-terraform']!.steps.map((step) => (step as { 'working-directory'?: string })['working-directory']).filter(Boolean);
        assert.deepEqual([...new Set(tfDirs)].sort(), WORKSPACES.map((ws) => `infra/terraform/workspaces/${ws}`).sort());
      });

      it('Terraform names, ports and health checks equal those of the workflow and the Dockerfiles (mocked plan)', async function () {
        const services = Object.entries(deployed.services);
        const runtime = withWiringRun(path.join(dir, 'infra/terraform/workspaces/runtime'), { project_name: project, environment: ENVIRONMENT, state_bucket: `${project}-${ENVIRONMENT}-tfstate` }, [
          [`aws_ecs_cluster.this.name == ${JSON.stringify(deployed.cluster)}`, 'cluster name'],
          ...services.flatMap(([service, item]): Array<[string, string]> => {
            const contract = dockerfileContract(read(dir, item.dockerfile));
            const healthPath = new URL(contract.healthUrl).pathname;
            const key = JSON.stringify(service);
            return [
              [`aws_ecs_service.service[${key}].name == ${JSON.stringify(item.ecsService)}`, `${service}: ECS service name`],
              [`aws_ecs_task_definition.service[${key}].family == ${JSON.stringify(item.taskFamily)}`, `${service}: task family`],
              [`jsondecode(aws_ecs_task_definition.service[${key}].container_definitions)[0].name == ${JSON.stringify(item.container)}`, `${service}: container name`],
              [`jsondecode(aws_ecs_task_definition.service[${key}].container_definitions)[0].portMappings[0].containerPort == ${contract.port}`, `${service}: container port = Dockerfile EXPOSE`],
              [`strcontains(join(" ", jsondecode(aws_ecs_task_definition.service[${key}].container_definitions)[0].healthCheck.command), ${JSON.stringify(contract.healthUrl)})`, `${service}: task health check = Dockerfile HEALTHCHECK`],
              [`aws_lb_target_group.service[${key}].port == ${contract.port}`, `${service}: target group port`],
              [`aws_lb_target_group.service[${key}].health_check[0].path == ${JSON.stringify(healthPath)}`, `${service}: target group health path`],
            ];
          }),
        ]);
        const base = withWiringRun(path.join(dir, 'infra/terraform/workspaces/base'), { project_name: project, environment: ENVIRONMENT, state_bucket: `${project}-${ENVIRONMENT}-tfstate` }, [
          ...services.map(([service, item]): [string, string] => [
            `aws_ecr_repository.service[${JSON.stringify(service)}].name == ${JSON.stringify(item.repository)}`,
            `${service}: ECR repository the deploy workflow pushes to`,
          ]),
        ]);
        for (const workspace of [runtime, base]) {
          const findings = await skipIfMissing(this, () => terraformTest(workspace, { filter: [`tests/${readdirSync(path.join(workspace, 'tests'))[0]}`] }));
          clean(findings, `terraform test ${path.basename(workspace)}`);
        }
      });

      it('every output passes its validator', async function () {
        for (const item of Object.values(deployed.services)) {
          clean(await lintDockerfile(read(dir, item.dockerfile), { requiredStages: ['base', 'dev', 'lint', 'test', 'prod'] }), item.dockerfile);
        }
        for (const file of ['docker-compose.yml', 'docker-compose.prod.yml']) clean(await lintCompose(read(dir, file), { fileName: file }), file);
        for (const file of readdirSync(path.join(dir, '.github/workflows'))) {
          const text = read(dir, `.github/workflows/${file}`);
          clean(await parseYamlStrict(text, { fileName: file }), `${file} yaml`);
          clean(await lintWorkflow(text, `.github/workflows/${file}`), `${file} actionlint`);
          clean(await skipIfMissing(this, () => shellcheckWorkflow(text, { fileName: file })), `${file} shellcheck`);
        }
        const makefile = read(dir, 'Makefile');
        const targets = listMakeTargets(makefile).map((target) => target.replace('%', Object.keys(deployed.services)[0]!));
        clean(await skipIfMissing(this, () => makeDryRun(makefile, targets, { cwd: dir })), 'make -n');
        for (const workspace of WORKSPACES) {
          const wsDir = path.join(dir, 'infra/terraform/workspaces', workspace);
          clean(await skipIfMissing(this, () => terraformFmtCheck(wsDir)), `terraform fmt ${workspace}`);
          clean(await skipIfMissing(this, () => terraformValidate(wsDir)), `terraform validate ${workspace}`);
        }
      });

      it('a second run is all identical; --check passes, then fails after a manual edit', () => {
        const before = snapshot(dir);
        const second = cli(['app', '--yes', '--json'], dir);
        assert.equal(second.code, 0, second.stderr);
        const report = JSON.parse(second.stdout) as { files: Array<{ path: string; action: string }> };
        assert.ok(report.files.length > 30);
        assert.deepEqual(report.files.filter((file) => file.action !== 'identical'), []);
        assert.deepEqual(snapshot(dir), before);
        assert.equal(cli(['app', '--check'], dir).code, 0);
        const dockerfile = Object.values(deployed.services)[0]!.dockerfile;
        writeFileSync(path.join(dir, dockerfile), `${read(dir, dockerfile)}# local tweak\n`);
        const check = cli(['app', '--check'], dir);
        assert.equal(check.code, 1);
        assert.match(check.stderr, new RegExp(`conflict\\s+${dockerfile.replace(/[.]/g, '\\.')}`));
        assert.match(check.stderr, /infrastructure files are out of date: 1 file/);
      });
    });
  }
});
