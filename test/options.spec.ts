// The options users read about (PLUGIN_MANIFEST.yaml, README.md) are the options the generators take:
// both are checked against the generators' own question definitions.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEnv } from 'yeoman-environment';
import { COMMON_OPTIONS } from '../generators/lib/base.js';
import { loadManifest, packageRoot, pluginsRoot } from '../generators/lib/manifest.js';
import { optionName, type Question } from '../generators/lib/questions.js';
import { generatorFile, GENERATOR_NAMES } from './helpers/run.js';

/** Option names (kebab-case) a generator declares through its questions, aliases apart. */
async function questionOptions(name: string): Promise<{ options: string[]; aliases: string[] }> {
  const env = createEnv();
  env.register(generatorFile(name), { namespace: `ai-projen:${name}` });
  const generator = (await env.create(`ai-projen:${name}`, { generatorArgs: [], generatorOptions: { help: true } } as never)) as unknown as {
    spec: { questions: Question[] };
  };
  const questions = generator.spec.questions;
  return {
    options: questions.map((question) => optionName(question.name)),
    aliases: questions.flatMap((question) => (question.aliases ?? []).map(optionName)),
  };
}

describe('documented options match the generators', () => {
  const manifest = loadManifest(pluginsRoot());
  const readme = readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');

  for (const [name, entry] of Object.entries(manifest.plugins).filter(([, plugin]) => plugin.status === 'stable')) {
    it(`PLUGIN_MANIFEST.yaml lists exactly the options of ai-projen:${name}`, async () => {
      const { options } = await questionOptions(name);
      assert.deepEqual(entry.options.map((option) => option.name).sort(), [...options].sort());
    });
  }

  for (const name of GENERATOR_NAMES) {
    it(`README documents every option of ai-projen ${name}`, async () => {
      const { options, aliases } = await questionOptions(name);
      const section = new RegExp(`^### \`ai-projen ${name}\`$([\\s\\S]*?)(?=^##)`, 'm').exec(readme)?.[1];
      assert.ok(section, `README has a "### \`ai-projen ${name}\`" section`);
      const documented = [...section.matchAll(/^\| `--([a-z-]+)`/gm)].map((match) => match[1]);
      assert.deepEqual([...documented].sort(), [...options].sort(), `options table of ${name}`);
      for (const alias of aliases) assert.ok(section.includes(`--${alias}`), `alias --${alias} mentioned`);
    });
  }

  it('README documents the common options', () => {
    for (const option of COMMON_OPTIONS) assert.match(readme, new RegExp(`^\\| \`--${option.name}\` \\|`, 'm'));
  });
});
