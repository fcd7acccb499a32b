import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import {
  findCycles,
  loadManifest,
  packageRoot,
  pluginDir,
  pluginsRoot,
  REQUIRED_PLUGIN_ENTRIES,
  validateManifest,
  type PluginManifest,
} from '../generators/lib/manifest.js';

describe('plugin manifest', () => {
  describe('the real manifest', () => {
    const root = pluginsRoot();
    const manifest = loadManifest(root);

    it('resolves the package plugins/ folder', () => {
      assert.ok(existsSync(join(root, 'PLUGIN_MANIFEST.yaml')));
      assert.equal(dirname(root), packageRoot());
    });

    it('has no problems (structure, paths, dependencies, generators)', () => {
      const problems = validateManifest(manifest, root, { generatorsRoot: join(packageRoot(), 'generators') });
      assert.deepEqual(problems, []);
    });

    it('lists the three stable plugins with their prefixes and headings', () => {
      const expected: Record<string, [string, string, string]> = {
        docker: ['containerization', 'docker-', '#### Docker'],
        'github-actions': ['ci-cd', 'ci-', '#### GitHub Actions'],
        'terraform-aws': ['iac', 'infra-', '#### Terraform / AWS'],
      };
      for (const [name, [category, prefix, heading]] of Object.entries(expected)) {
        const p = manifest.plugins[name];
        assert.ok(p, `plugin ${name} is listed`);
        assert.equal(p.status, 'stable');
        assert.equal(p.category, category);
        assert.equal(p.generator, `ai-projen:${name}`);
        assert.equal(p.makefile_prefix, prefix);
        assert.equal(p.agents_md_heading, heading);
      }
      assert.deepEqual(Object.keys(manifest.categories).sort(), ['ci-cd', 'containerization', 'iac', 'monitoring']);
    });

    it('pluginDir() returns the absolute plugin folder', () => {
      assert.equal(pluginDir('terraform-aws'), join(packageRoot(), 'plugins/infrastructure/iac/terraform/providers/aws'));
      assert.ok(existsSync(join(pluginDir('docker'), 'AGENT_INSTRUCTIONS.md')));
      assert.throws(() => pluginDir('kubernetes'), /unknown plugin "kubernetes"/);
    });
  });

  describe('validation of synthetic manifests', () => {
    let tmp: string;
    let plugins: string;
    let generators: string;

    // A minimal valid package: one category with its _template, plugins a and b, generators for both.
    const baseManifest = (): PluginManifest => ({
      version: 1,
      allowed_status: ['stable', 'beta', 'planned'],
      categories: {
        tools: { description: 'Tools.', location: 'plugins/infrastructure/tools/', template: 'plugins/infrastructure/tools/_template/' },
      },
      plugins: {
        a: plugin('a'),
        b: plugin('b'),
      },
    });
    function plugin(name: string) {
      return {
        category: 'tools',
        status: 'stable' as const,
        description: `Plugin ${name}.`,
        location: `plugins/infrastructure/tools/${name}/`,
        generator: `ai-projen:${name}`,
        dependencies: [] as string[],
        integrates_with: [] as string[],
        options: [{ name: 'some-flag', type: 'boolean' as const, description: 'A flag.' }],
        guide: `plugins/infrastructure/tools/${name}/AGENT_INSTRUCTIONS.md`,
        makefile_prefix: `${name}-`,
        agents_md_heading: `#### ${name.toUpperCase()}`,
      };
    }
    function makePluginFolder(rel: string) {
      const dir = join(tmp, rel);
      for (const entry of REQUIRED_PLUGIN_ENTRIES) {
        if (entry.endsWith('/')) mkdirSync(join(dir, entry), { recursive: true });
        else {
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, entry), `# ${entry}\n`);
        }
      }
    }
    function write(manifest: PluginManifest) {
      writeFileSync(join(plugins, 'PLUGIN_MANIFEST.yaml'), stringify(manifest));
    }
    const validate = (manifest: PluginManifest) => {
      write(manifest);
      return validateManifest(loadManifest(plugins), plugins, { generatorsRoot: generators });
    };
    const expectProblem = (problems: string[], pluginName: string, pattern: RegExp) => {
      const hit = problems.find((p) => p.includes(`plugin "${pluginName}"`) && pattern.test(p));
      assert.ok(hit, `expected a problem about plugin "${pluginName}" matching ${pattern}, got:\n${problems.join('\n')}`);
    };

    beforeEach(() => {
      tmp = mkdtempSync(join(tmpdir(), 'ai-projen-manifest-'));
      plugins = join(tmp, 'plugins');
      generators = join(tmp, 'generators');
      makePluginFolder('plugins/infrastructure/tools/_template');
      makePluginFolder('plugins/infrastructure/tools/a');
      makePluginFolder('plugins/infrastructure/tools/b');
      for (const g of ['a', 'b']) {
        mkdirSync(join(generators, g), { recursive: true });
        writeFileSync(join(generators, g, 'index.ts'), 'export {};\n');
      }
    });
    afterEach(() => rmSync(tmp, { recursive: true, force: true }));

    it('accepts the valid baseline', () => {
      assert.deepEqual(validate(baseManifest()), []);
    });

    it('accepts a compiled generator (index.js)', () => {
      rmSync(join(generators, 'a', 'index.ts'));
      writeFileSync(join(generators, 'a', 'index.js'), 'export {};\n');
      assert.deepEqual(validate(baseManifest()), []);
    });

    it('reports a status outside allowed_status', () => {
      const m = baseManifest();
      (m.plugins.a as { status: string }).status = 'experimental';
      expectProblem(validate(m), 'a', /status "experimental"/);
    });

    it('reports a missing location', () => {
      const m = baseManifest();
      m.plugins.a!.location = 'plugins/infrastructure/tools/nowhere/';
      expectProblem(validate(m), 'a', /location plugins\/infrastructure\/tools\/nowhere\/ does not exist/);
    });

    it('reports a missing guide', () => {
      rmSync(join(plugins, 'infrastructure/tools/a/AGENT_INSTRUCTIONS.md'));
      const problems = validate(baseManifest());
      expectProblem(problems, 'a', /guide .*AGENT_INSTRUCTIONS\.md does not exist/);
    });

    it('reports a plugin folder without the required structure', () => {
      rmSync(join(plugins, 'infrastructure/tools/b/standards'), { recursive: true });
      expectProblem(validate(baseManifest()), 'b', /lacks standards\//);
    });

    it('reports an unknown dependency', () => {
      const m = baseManifest();
      m.plugins.a!.dependencies = ['ghost'];
      expectProblem(validate(m), 'a', /unknown dependency "ghost"/);
    });

    it('reports a dependency cycle with its path', () => {
      const m = baseManifest();
      m.plugins.a!.dependencies = ['b'];
      m.plugins.b!.dependencies = ['a'];
      const problems = validate(m);
      expectProblem(problems, 'a', /dependency cycle a -> b -> a/);
      assert.equal(problems.filter((p) => p.includes('dependency cycle')).length, 1, 'the cycle is reported once');
    });

    it('finds longer cycles and ignores acyclic chains', () => {
      assert.deepEqual(findCycles({ x: { dependencies: ['y'] }, y: { dependencies: ['z'] }, z: { dependencies: ['x'] } }), [['x', 'y', 'z', 'x']]);
      assert.deepEqual(findCycles({ x: { dependencies: ['y', 'z'] }, y: { dependencies: ['z'] }, z: { dependencies: [] } }), []);
    });

    it('reports a name that is not lowercase-hyphenated', () => {
      const m = baseManifest();
      makePluginFolder('plugins/infrastructure/tools/MyTool');
      mkdirSync(join(generators, 'MyTool'), { recursive: true });
      m.plugins.MyTool = { ...plugin('MyTool'), generator: undefined, status: 'beta' };
      expectProblem(validate(m), 'MyTool', /lowercase-hyphenated/);
    });

    it('reports a stable plugin without a generator implementation', () => {
      rmSync(join(generators, 'b'), { recursive: true });
      expectProblem(validate(baseManifest()), 'b', /generator ai-projen:b has no implementation/);
    });

    it('reports a stable plugin that declares no generator', () => {
      const m = baseManifest();
      delete m.plugins.b!.generator;
      expectProblem(validate(m), 'b', /stable plugins must declare a generator/);
    });

    it('reports an unknown category and a category _template without the required files', () => {
      const m = baseManifest();
      m.plugins.a!.category = 'observability';
      rmSync(join(plugins, 'infrastructure/tools/_template/howtos'), { recursive: true });
      const problems = validate(m);
      expectProblem(problems, 'a', /unknown category "observability"/);
      assert.ok(problems.some((p) => p.startsWith('category "tools"') && p.includes('lacks howtos/')), problems.join('\n'));
    });

    it('skips on-disk checks for planned plugins', () => {
      const m = baseManifest();
      m.plugins.later = { ...plugin('later'), status: 'planned' };
      assert.deepEqual(validate(m), []);
    });

    it('rejects malformed YAML with the file and line', () => {
      writeFileSync(join(plugins, 'PLUGIN_MANIFEST.yaml'), 'version: 1\nplugins:\n  a: [unclosed\n');
      assert.throws(() => loadManifest(plugins), /PLUGIN_MANIFEST\.yaml:\d+: /);
    });
  });
});
