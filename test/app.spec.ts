// yo ai-projen (app): one run composing the chosen plugins, each shared question asked once, one commit.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runState } from '../generators/lib/commit.js';
import { copyFixture } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';

const runApp = (dir: string, options: Record<string, unknown>, answers?: Record<string, unknown>) =>
  runGenerator(generatorFile('app'), 'ai-projen:app', dir, options, answers);

describe('app generator (composition)', function () {
  this.timeout(300_000);

  it('asks each shared question once for all plugins, and commits every plugin in one pass', async () => {
    const dir = copyFixture('fullstack');
    const result = await runApp(dir, {}, { projectName: 'shop', awsRegion: 'eu-west-1', plugins: ['docker', 'github-actions', 'terraform-aws'] });
    const asked = result.askedQuestions.map((question) => question.name);
    assert.deepEqual(asked.filter((name, index) => asked.indexOf(name) !== index), [], `asked twice: ${asked.join(', ')}`);
    for (const shared of ['projectName', 'plugins', 'ports', 'healthCheckPath', 'awsRegion', 'environments']) assert.ok(asked.includes(shared), shared);
    const files = (runState(result.env).results ?? []).map((file) => file.path);
    for (const file of ['Dockerfile', '.github/workflows/deploy.yml', 'infra/terraform/workspaces/runtime/ecs.tf', 'Makefile', 'AGENTS.md']) {
      assert.ok(files.some((item) => item.endsWith(file)), `${file} in the one commit`);
    }
    const config = JSON.parse(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8'))['generator-ai-projen'];
    assert.equal(config.projectName, 'shop');
    assert.equal(config.awsRegion, 'eu-west-1');
    assert.match(readFileSync(path.join(dir, 'infra/terraform/shared/dev.tfvars'), 'utf8'), /aws_region\s*=\s*"eu-west-1"/);
    assert.match(readFileSync(path.join(dir, '.github/workflows/deploy.yml'), 'utf8'), /eu-west-1/);
    const rerun = await runApp(dir, {});
    assert.deepEqual(rerun.askedQuestions, [], 'a re-run asks nothing already answered');
  });

  it('defaults to the plugins that fit: all three for an app, terraform-aws alone for an empty folder', async () => {
    const withApp = copyFixture('ts-npm');
    await runApp(withApp, { yes: true });
    assert.deepEqual(JSON.parse(readFileSync(path.join(withApp, '.yo-rc.json'), 'utf8'))['generator-ai-projen'].plugins, ['docker', 'github-actions', 'terraform-aws']);
    const empty = copyFixture('empty');
    await runApp(empty, { yes: true });
    assert.deepEqual(JSON.parse(readFileSync(path.join(empty, '.yo-rc.json'), 'utf8'))['generator-ai-projen'].plugins, ['terraform-aws']);
  });

  it('passes its options on to the composed plugins', async () => {
    const dir = copyFixture('python-uv');
    await runApp(dir, { yes: true, plugins: 'docker,terraform-aws', port: '9000', 'health-check-path': '/healthz' });
    assert.match(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^EXPOSE 9000$/m);
    assert.match(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /127\.0\.0\.1:9000\/healthz/);
    assert.match(readFileSync(path.join(dir, 'infra/terraform/workspaces/runtime/services.tf'), 'utf8'), /port\s*=\s*9000[\s\S]*health_path\s*=\s*"\/healthz"/);
  });
});
