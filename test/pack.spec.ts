// Packs the package as npm would publish it, installs the tarball into a temp prefix and proves
// that yeoman-environment's lookup finds every namespace in the INSTALLED copy, and that its bin runs.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEnv } from 'yeoman-environment';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NAMESPACES = ['ai-projen:app', 'ai-projen:docker', 'ai-projen:github-actions', 'ai-projen:terraform-aws', 'ai-projen:plugin'];

describe('packed package', function () {
  this.timeout(300_000);
  let prefix: string;
  let installed: string;

  before(() => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'ai-projen-pack-'));
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack produced a tarball');
    prefix = path.join(work, 'prefix');
    // The registry (or the npm cache) may hiccup; one retry, then the failure with npm's own words.
    const install = () => spawnSync('npm', ['install', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', path.join(work, tarball)], { cwd: work, encoding: 'utf8' });
    let result = install();
    if (result.status !== 0) result = install();
    assert.equal(result.status, 0, `npm install of the tarball failed:\n${result.stdout}\n${result.stderr}`);
    installed = path.join(prefix, 'node_modules', 'generator-ai-projen');
  });

  it('ships compiled generators and plugin content, not sources or tests', () => {
    const files = execFileSync('find', ['.', '-type', 'f', '-not', '-path', './node_modules/*'], { cwd: installed, encoding: 'utf8' }).split('\n');
    assert.ok(files.includes('./dist/generators/docker/index.js'));
    assert.ok(files.includes('./plugins/PLUGIN_MANIFEST.yaml'));
    assert.ok(!files.some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')), 'no TypeScript sources');
    assert.ok(!files.some((file) => file.startsWith('./dist/test/') || file.startsWith('./test/')), 'no tests');
  });

  it("yeoman-environment's lookup finds all five namespaces in the installed copy", async () => {
    const env = createEnv();
    const found = await env.lookup({ npmPaths: [path.join(prefix, 'node_modules')], localOnly: true } as never);
    const namespaces = found.map((meta: { namespace: string }) => meta.namespace);
    for (const namespace of NAMESPACES) assert.ok(namespaces.includes(namespace), `${namespace} in ${namespaces.join(', ')}`);
    for (const meta of found as Array<{ namespace: string; generatorPath?: string; resolved?: string }>) {
      const file = meta.resolved ?? meta.generatorPath ?? '';
      assert.ok(file.startsWith(installed), `${meta.namespace} resolves inside the installed copy: ${file}`);
    }
  });

  it('the installed bin runs its help', () => {
    const result = spawnSync(path.join(prefix, 'node_modules', '.bin', 'ai-projen'), ['--help'], { cwd: prefix, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /terraform-aws/);
  });
});
