// yo ai-projen:plugin end to end: scaffold new plugins in a temp copy of this repository, then build
// that copy and run the new plugins' specs and the manifest spec there: they must pass as scaffolded.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadManifest, packageRoot, validateManifest } from '../generators/lib/manifest.js';
import { fillPlaceholders, newPlugin } from '../generators/plugin/context.js';
import { copyFixture } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';
import { snapshot } from './helpers/tree.js';

const SKIP = new Set(['node_modules', 'dist', '.git']);

/** A copy of the repository's sources (not its build), sharing node_modules by symlink. */
function copyRepo(): string {
  const root = packageRoot();
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'ai-projen-repo-')), 'generator-ai-projen');
  cpSync(root, copy, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(root, src).split(path.sep)[0] ?? '';
      return !SKIP.has(rel) && !rel.startsWith('.build');
    },
  });
  symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}

const scaffold = (repo: string, options: Record<string, unknown>) =>
  runGenerator(generatorFile('plugin'), 'ai-projen:plugin', repo, { yes: true, ...options });

describe('yo ai-projen:plugin', function () {
  this.timeout(600_000);
  let repo: string;

  before(async () => {
    repo = copyRepo();
    await scaffold(repo, { category: 'monitoring', 'tool-name': 'prometheus', description: 'Prometheus metrics and alerts' });
    await scaffold(repo, { category: 'iac', 'tool-name': 'pulumi', provider: 'aws' });
  });

  it('copies the category template to the plugin folder with its placeholders filled', () => {
    const monitoring = path.join(repo, 'plugins/infrastructure/monitoring/prometheus');
    for (const file of ['AGENT_INSTRUCTIONS.md', 'README.md', 'howtos/README.md', 'standards/STANDARDS.md', 'templates/agents-md.md.ejs', 'templates/makefile.mk.ejs']) {
      assert.ok(existsSync(path.join(monitoring, file)), file);
    }
    const readme = readFileSync(path.join(monitoring, 'README.md'), 'utf8');
    assert.doesNotMatch(readme, /\{\{\w+\}\}/, 'no placeholder left');
    assert.match(readme, /Prometheus/);
    assert.ok(existsSync(path.join(repo, 'plugins/infrastructure/iac/pulumi/providers/aws/AGENT_INSTRUCTIONS.md')), 'iac: <tool>/providers/<provider>/');
    assert.ok(!existsSync(path.join(repo, '.yo-rc.json')), 'scaffolding stores no answers in the checkout');
  });

  it('adds manifest entries that validate, keeping the manifest comments', () => {
    const text = readFileSync(path.join(repo, 'plugins/PLUGIN_MANIFEST.yaml'), 'utf8');
    assert.ok(text.startsWith('# PLUGIN_MANIFEST.yaml'), 'header comment kept');
    const manifest = loadManifest(path.join(repo, 'plugins'));
    assert.equal(manifest.plugins.prometheus?.location, 'plugins/infrastructure/monitoring/prometheus/');
    assert.equal(manifest.plugins['pulumi-aws']?.generator, 'ai-projen:pulumi-aws');
    assert.equal(manifest.plugins['pulumi-aws']?.makefile_prefix, 'pulumi-aws-');
    assert.deepEqual(validateManifest(manifest, path.join(repo, 'plugins'), { generatorsRoot: path.join(repo, 'generators') }), []);
  });

  it('builds, and the scaffolded specs pass together with the manifest spec', () => {
    const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: repo, encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    const mocha = spawnSync(
      process.execPath,
      ['node_modules/mocha/bin/mocha.js', '--no-config', '--timeout', '120000', 'dist/test/prometheus.spec.js', 'dist/test/pulumi-aws.spec.js', 'dist/test/manifest.spec.js'],
      { cwd: repo, encoding: 'utf8' },
    );
    assert.equal(mocha.status, 0, mocha.stdout + mocha.stderr);
    assert.match(mocha.stdout, /prometheus generator/);
    assert.match(mocha.stdout, /pulumi-aws generator/);
    assert.match(mocha.stdout, /\d+ passing/);
    assert.doesNotMatch(mocha.stdout, /failing|pending/);
  });

  it('the CLI of the copy lists and runs the new generator', () => {
    const bin = path.join(repo, 'bin/ai-projen.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { cwd: repo, encoding: 'utf8' });
    assert.match(help.stdout, /^ {2}prometheus {2,}Prometheus metrics and alerts/m);
    const dir = copyFixture('ts-npm');
    const run = spawnSync(process.execPath, [bin, 'prometheus', '--yes'], { cwd: dir, encoding: 'utf8', input: '' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(path.join(dir, 'Makefile'), 'utf8'), /^prometheus-check:/m);
  });

  describe('bad input: clear error, nothing written', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['an existing plugin', { category: 'containerization', 'tool-name': 'docker' }, /plugin 'docker' already exists/],
      ['a name that is not lowercase-hyphenated', { category: 'ci-cd', 'tool-name': 'Gitlab_CI' }, /invalid plugin name 'Gitlab_CI'/],
      ['an iac plugin with a bad provider', { category: 'iac', 'tool-name': 'pulumi', provider: '../aws' }, /invalid plugin name '\.\.\/aws'/],
      ['an unknown category', { category: 'security', 'tool-name': 'vault' }, /--category: 'security' is not one of/],
    ];
    for (const [title, options, message] of cases) {
      it(title, async () => {
        const before = snapshot(path.join(repo, 'plugins'));
        await assert.rejects(scaffold(repo, options), message);
        assert.deepEqual(snapshot(path.join(repo, 'plugins')), before);
      });
    }

    it('outside a checkout of generator-ai-projen', async () => {
      const dir = copyFixture('ts-npm');
      const before = snapshot(dir);
      await assert.rejects(scaffold(dir, { category: 'monitoring', 'tool-name': 'grafana' }), /inside a checkout of generator-ai-projen/);
      assert.deepEqual(snapshot(dir), before);
    });
  });

  it('context: names, folders and placeholders (pure)', () => {
    const manifest = loadManifest(path.join(packageRoot(), 'plugins'));
    const plugin = newPlugin({ category: 'iac', toolName: 'terraform', provider: 'gcp' }, manifest);
    assert.equal(plugin.name, 'terraform-gcp');
    assert.equal(plugin.location, 'plugins/infrastructure/iac/terraform/providers/gcp/');
    assert.equal(plugin.className, 'TerraformGcpGenerator');
    assert.equal(fillPlaceholders('{{toolTitle}} uses make {{prefix}}check ({{unknown}})', plugin), 'Terraform / GCP uses make terraform-gcp-check ({{unknown}})');
    assert.throws(() => newPlugin({ category: 'iac', toolName: 'terraform', provider: 'aws' }, manifest), /'terraform-aws' already exists/);
  });
});
