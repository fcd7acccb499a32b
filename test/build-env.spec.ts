// Build-time env of Node apps: the public values a bundler inlines (NEXT_PUBLIC_*, VITE_*) become build
// arguments wired through the Dockerfile, the prod compose file, .env.example and CI; an @t3-oss/env schema's
// skip switch is set where the config is loaded but no server runs (lint, test, build), never in dev or prod.
// Settings the app needs at run time that no compose file sets are documented in .env.example.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { detect } from '../generators/lib/detect.js';
import { mergeEnvExample } from '../generators/lib/env-example.js';
import { dockerInstructions } from '../generators/lib/plan/container-files.js';
import { planApps, type NodePlan } from '../generators/lib/plan/index.js';
import { diskReader } from '../generators/lib/plan/reader.js';
import { cleanupFixtures, writeProject } from './helpers/fixtures.js';
import { generatorFile, runGenerator } from './helpers/run.js';

const planOf = (root: string): NodePlan => {
  const plans = planApps(detect(root), diskReader(root));
  assert.equal(plans.length, 1);
  return plans[0] as NodePlan;
};

// Shaped after create-t3-app / create-t3-turbo's Next.js app: src/env.ts validated by @t3-oss/env-nextjs,
// imported by next.config.ts so `next build` validates it, with the skipValidation switch those templates carry.
const T3_APP = {
  'package.json': JSON.stringify({
    name: 't3-web',
    private: true,
    type: 'module',
    scripts: { dev: 'next dev', build: 'next build', start: 'next start', lint: 'eslint .', test: 'vitest run' },
    dependencies: { next: '15.5.4', react: '19.2.0', 'react-dom': '19.2.0', '@t3-oss/env-nextjs': '0.13.8', zod: '4.1.12' },
    devDependencies: { typescript: '5.9.3', eslint: '9.37.0', vitest: '3.2.4' },
  }, null, 2),
  'package-lock.json': JSON.stringify({ name: 't3-web', lockfileVersion: 3, requires: true, packages: {} }),
  'next.config.ts': 'import type { NextConfig } from "next";\n\nimport "./src/env";\n\nconst config = {} satisfies NextConfig;\n\nexport default config;\n',
  'src/env.ts': [
    'import { createEnv } from "@t3-oss/env-nextjs";',
    'import { z } from "zod";',
    '',
    'export const env = createEnv({',
    '  server: {',
    '    AUTH_SECRET: z.string(),',
    '    DATABASE_URL: z.string().url(),',
    '  },',
    '  client: {',
    '    NEXT_PUBLIC_API_URL: z.string().url(),',
    '  },',
    '  experimental__runtimeEnv: {',
    '    NEXT_PUBLIC_API_URL: process.env.NEXT_PUBLIC_API_URL,',
    '  },',
    '  skipValidation:',
    '    !!process.env.CI ||',
    '    !!process.env.SKIP_ENV_VALIDATION ||',
    '    process.env.npm_lifecycle_event === "lint",',
    '  emptyStringAsUndefined: true,',
    '});',
    '',
  ].join('\n'),
  'src/app/page.tsx': 'export default function Page() {\n  return <main>t3</main>;\n}\n',
  '.env.example': '# Next Auth\nAUTH_SECRET=""\nDATABASE_URL="postgresql://postgres:password@localhost:5432/t3"\nNEXT_PUBLIC_API_URL="http://localhost:3000/api"\nNEXT_PUBLIC_POSTHOG_KEY=""\n',
  '.gitignore': 'node_modules\n.next\n.env\n',
};

describe('build-time env', () => {
  after(() => cleanupFixtures());
  const make = (files: Record<string, string>) => writeProject(files);

  it('plan: the t3 skip switch (SKIP_ENV_VALIDATION over CI) and the NEXT_PUBLIC_ names of the schema and .env.example; the server env keeps the rest', () => {
    const plan = planOf(make(T3_APP));
    assert.deepEqual(plan.buildEnv, [
      { name: 'SKIP_ENV_VALIDATION', value: '1', from: 'src/env.ts:15' },
      { name: 'NEXT_PUBLIC_API_URL', from: 'src/env.ts:10' },
      { name: 'NEXT_PUBLIC_POSTHOG_KEY', from: '.env.example:5' },
    ]);
    assert.deepEqual(plan.env.map((v) => v.name), ['AUTH_SECRET', 'DATABASE_URL']);
    assert.ok(!plan.notes.some((n) => n.includes('skipValidation')));
  });

  it('plan: a schema without a skip switch is a note (the build needs its variables); Vite reads import.meta.env.VITE_*', () => {
    const strict = planOf(make({ ...T3_APP, 'src/env.ts': T3_APP['src/env.ts'].replace(/ {2}skipValidation:[\s\S]*?"lint",\n/, '') }));
    assert.deepEqual(strict.buildEnv.map((v) => v.name), ['NEXT_PUBLIC_API_URL', 'NEXT_PUBLIC_POSTHOG_KEY']);
    assert.ok(strict.notes.some((n) => /src\/env\.ts validates the environment .*no skipValidation switch.*SKIP_ENV_VALIDATION/.test(n)), strict.notes.join('\n'));
    const spa = planOf(make({
      'package.json': JSON.stringify({ name: 'spa', scripts: { dev: 'vite', build: 'vite build' }, devDependencies: { vite: '7.1.9' }, dependencies: { react: '19.2.0' } }),
      'index.html': '<!doctype html><div id="root"></div>',
      'src/main.tsx': 'const api = import.meta.env.VITE_API_URL;\nconst mode = import.meta.env.MODE;\nfetch(`${api}/items`);\n',
    }));
    assert.deepEqual(spa.buildEnv, [{ name: 'VITE_API_URL', from: 'src/main.tsx:1' }]);
    assert.deepEqual(spa.env, [], 'a public value is the build\'s, not the server\'s; MODE is Vite\'s own');
  });

  it('rendered: ARGs and the switch in the Dockerfile\'s build stages only, args in the prod compose file and .env.example, the switch and build-args in CI', async () => {
    const root = make(T3_APP);
    await runGenerator(generatorFile('app'), 'ai-projen:app', root, { yes: true, plugins: 'docker,github-actions' });
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    // Instructions per stage.
    const stages = new Map<string, string[]>();
    let stage = '';
    for (const ins of dockerInstructions(dockerfile)) {
      if (ins.keyword === 'FROM') stages.set((stage = / AS (\S+)/i.exec(ins.args)?.[1] ?? ins.args), []);
      else stages.get(stage)?.push(`${ins.keyword} ${ins.args}`);
    }
    const has = (name: string, line: string) => (stages.get(name) ?? []).includes(line);
    for (const name of ['lint', 'test', 'build']) assert.ok(has(name, 'ENV SKIP_ENV_VALIDATION=1'), `${name}: ${stages.get(name)?.join(' | ')}`);
    for (const name of ['dev', 'prod']) assert.ok(!(stages.get(name) ?? []).some((l) => l.includes('SKIP_ENV_VALIDATION')), `${name} validates for real`);
    assert.ok(has('build', 'ARG NEXT_PUBLIC_API_URL') && has('build', 'ARG NEXT_PUBLIC_POSTHOG_KEY'));
    const buildStage = stages.get('build') ?? [];
    assert.ok(buildStage.findIndex((l) => l.startsWith('RUN ')) > buildStage.indexOf('ARG NEXT_PUBLIC_API_URL'), 'the ARGs come before `next build`');

    const prod = parseYaml(readFileSync(path.join(root, 'docker-compose.prod.yml'), 'utf8')) as { services: Record<string, { build?: { args?: Record<string, string> } }> };
    const args = Object.values(prod.services).find((s) => s.build)?.build?.args;
    assert.deepEqual(args, { NEXT_PUBLIC_API_URL: '${NEXT_PUBLIC_API_URL:-}', NEXT_PUBLIC_POSTHOG_KEY: '${NEXT_PUBLIC_POSTHOG_KEY:-}' });
    assert.doesNotMatch(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), /args:/, 'the dev server reads them from .env at run time');
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    assert.equal(example.match(/^NEXT_PUBLIC_API_URL=/gm)?.length, 1, 'the project\'s own line, not a second one');

    const workflow = (file: string) => parseYaml(readFileSync(path.join(root, '.github/workflows', file), 'utf8')) as { jobs: Record<string, { env?: Record<string, string>; steps: Array<{ uses?: string; with?: Record<string, string> }> }> };
    for (const file of ['lint.yml', 'test.yml']) {
      const jobs = Object.entries(workflow(file).jobs).filter(([id]) => /^(lint|test)-/.test(id) && !['lint-docker', 'lint-workflows', 'lint-terraform'].includes(id));
      assert.ok(jobs.length > 0, file);
      for (const [id, job] of jobs) assert.equal(job.env?.SKIP_ENV_VALIDATION, '1', `${file} ${id}`);
    }
    const pushes = Object.values(workflow('build.yml').jobs).flatMap((job) => job.steps).filter((step) => step.uses?.startsWith('docker/build-push-action'));
    assert.equal(pushes.length, 1);
    assert.equal(pushes[0]!.with!['build-args'], 'NEXT_PUBLIC_API_URL=${{ vars.NEXT_PUBLIC_API_URL }}\nNEXT_PUBLIC_POSTHOG_KEY=${{ vars.NEXT_PUBLIC_POSTHOG_KEY }}\n');
  });

  it('our own .env.example is output, not evidence: VITE_SPA_HOST_PORT of a service named vite-spa is no build value, and --check passes', async () => {
    const root = writeProject({
      'package.json': JSON.stringify({ name: 'vite-spa', private: true, type: 'module', scripts: { dev: 'vite', build: 'vite build' }, devDependencies: { vite: '7.1.9' } }),
      'package-lock.json': '{"lockfileVersion":3,"packages":{}}',
      'index.html': '<!doctype html><div id="root"></div>',
      'src/main.ts': 'document.title = "spa";\n',
    }, 'vite-spa');
    await runGenerator(generatorFile('docker'), 'ai-projen:docker', root, { yes: true });
    assert.match(readFileSync(path.join(root, '.env.example'), 'utf8'), /^VITE_SPA_HOST_PORT=/m);
    assert.deepEqual(planOf(root).buildEnv, []);
    await runGenerator(generatorFile('docker'), 'ai-projen:docker', root, { check: true });
  });

  it('.env.example documents the settings the app needs that no compose file sets (commented out), once', async () => {
    const { '.env.example': _own, ...files } = T3_APP;
    const root = make(files);
    await runGenerator(generatorFile('docker'), 'ai-projen:docker', root, { yes: true });
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    assert.match(example, /^# AUTH_SECRET \(src\/env\.ts:6; a secret: never commit the value\)\n# AUTH_SECRET=$/m);
    assert.match(example, /^# DATABASE_URL=$/m);
    assert.match(example, /^NEXT_PUBLIC_API_URL=$/m, 'a public build value is set (empty), not commented');
    // A project file that documents the key (even commented out) keeps it: the merged block does not repeat it.
    const merged = mergeEnvExample('# AUTH_SECRET=\nDATABASE_URL=postgres://localhost/app\n', example, 'docker');
    assert.doesNotMatch(merged.split('# >>> ai-projen:docker >>>')[1] ?? '', /AUTH_SECRET|DATABASE_URL/);
    assert.match(merged, /^NEXT_PUBLIC_API_URL=$/m);
  });
});
