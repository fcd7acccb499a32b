// The own CLI, run as a real child process (as users and CI run it): help, exit codes, --json, --check.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMON_OPTIONS } from '../generators/lib/base.js';
import { packageRoot } from '../generators/lib/manifest.js';
import { copyFixture } from './helpers/fixtures.js';
import { snapshot } from './helpers/tree.js';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/ai-projen.js');

export function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ai-projen CLI', () => {
  it('--help lists every generator and the common options', () => {
    const { code, stdout } = cli(['--help'], packageRoot());
    assert.equal(code, 0);
    for (const name of ['app', 'docker', 'github-actions', 'terraform-aws', 'plugin']) assert.match(stdout, new RegExp(`^  ${name} `, 'm'));
    for (const option of COMMON_OPTIONS) assert.ok(stdout.includes(`--${option.name}`), option.name);
  });

  it('<generator> --help lists every option of that generator', () => {
    const { code, stdout } = cli(['terraform-aws', '--help'], packageRoot());
    assert.equal(code, 0, stdout);
    for (const option of [...COMMON_OPTIONS.map((o) => o.name), 'project-name', 'aws-region', 'environments']) {
      assert.ok(stdout.includes(`--${option}`), `--${option} missing from:\n${stdout}`);
    }
  });

  it('plan prints each app\'s plan with its evidence and writes nothing; --json carries the same; no app: exit 1', () => {
    const dir = copyFixture('fullstack');
    const before = snapshot(dir);
    const table = cli(['plan'], dir);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^backend \(backend, python\)$/m);
    assert.match(table.stdout, /^  health +http \/health +<- backend\/app\/main\.py:6$/m);
    assert.match(table.stdout, /^  migrate +alembic upgrade head +<- backend\/alembic\.ini:1$/m);
    const json = cli(['plan', '--json'], dir);
    const apps = (JSON.parse(json.stdout) as { apps: Array<{ path: string; port: { value: number; from: string } }> }).apps;
    assert.deepEqual(apps.map((a) => [a.path, a.port.value]), [['backend', 8000], ['frontend', 8080]]);
    assert.deepEqual(snapshot(dir), before);
    const none = cli(['plan'], copyFixture('empty'));
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^ai-projen: no Python or TypeScript project found/);
  });

  it('an unknown generator exits 2', () => {
    const { code, stderr } = cli(['kubernetes'], packageRoot());
    assert.equal(code, 2);
    assert.match(stderr, /unknown generator 'kubernetes'/);
  });

  it('--json prints one JSON document of file actions and the profile; --check then passes', () => {
    const dir = copyFixture('python-uv');
    const first = cli(['terraform-aws', '--json'], dir);
    assert.equal(first.code, 0, first.stderr);
    const report = JSON.parse(first.stdout) as { files: Array<{ path: string; action: string }>; profile: { name: string } };
    assert.equal(report.profile.name, 'uv-service');
    assert.deepEqual(report.files.find((file) => file.path === '.yo-rc.json'), { path: '.yo-rc.json', action: 'create' });
    const check = cli(['terraform-aws', '--check'], dir);
    assert.equal(check.code, 0, check.stderr);
  });

  it('--check exits 1 on a project that is not up to date, and writes nothing', () => {
    const dir = copyFixture('ts-npm');
    const before = snapshot(dir);
    const { code, stderr, stdout } = cli(['terraform-aws', '--check'], dir);
    assert.equal(code, 1);
    assert.match(stderr, /out of date/);
    assert.doesNotMatch(stderr + stdout, /An error occured/, 'one ai-projen: line, no Yeoman task error');
    assert.match(stderr, /create\s+\.yo-rc\.json/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('bad input: non-zero exit, clear message without a stack trace, nothing written', () => {
    const dir = copyFixture('malformed-pyproject');
    const before = snapshot(dir);
    const { code, stderr } = cli(['docker', '--yes'], dir);
    assert.equal(code, 1);
    assert.match(stderr, /^ai-projen: pyproject\.toml:\d+: /m);
    assert.doesNotMatch(stderr, /\n\s+at /);
    assert.deepEqual(snapshot(dir), before);
  });
});
