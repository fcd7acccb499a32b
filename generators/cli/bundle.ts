// Build step (`npm run build`, after tsc): bundles the compiled CLI and the core generator classes into ONE
// ESM file, dist/generators/cli/ai-projen.bundle.js, which bin/ai-projen.js imports when present. Loading
// yeoman-environment as thousands of small module files dominated the CLI's start-up time.
// The unbundled dist/generators/<name>/index.js stay as they are: yo and yeoman-test load those.
import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, 'bundle-entry.js');
const outfile = path.join(here, 'ai-projen.bundle.js');
/** The package.json of the package a bundled module file belongs to (walking up from the file). */
function packageJsonOf(file: string, name: string): { name: string; version: string } {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const text = readFileSafe(path.join(dir, 'package.json'));
    const pkg = text === undefined ? undefined : (JSON.parse(text) as { name?: string; version: string });
    if (pkg?.name === name) return pkg as { name: string; version: string };
    if (path.dirname(dir) === dir) throw new Error(`bundle: cannot find the package.json of ${name} above ${file}`);
  }
}

function readFileSafe(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Modules that read their own package.json relative to their file: in the bundle that file would be ours
 * (or missing), so the read is replaced by the JSON inlined at build time. Each patch must match exactly
 * once, so an upgrade that changes the code fails the build instead of shipping a wrong read.
 */
const patches: { file: RegExp; package: string; from: string; to: (pkg: { name: string; version: string }) => string }[] = [
  {
    file: /[\\/]node_modules[\\/]yeoman-generator[\\/]dist[\\/]generator\.js$/,
    package: 'yeoman-generator',
    from: "JSON.parse(readFileSync(pathJoin(_dirname, '../package.json'), 'utf8'))",
    to: (pkg) => `(${JSON.stringify({ name: pkg.name, version: pkg.version })})`,
  },
  {
    file: /[\\/]node_modules[\\/]yeoman-environment[\\/]dist[\\/]environment-base\.js$/,
    package: 'yeoman-environment',
    from: "require('../package.json').version",
    to: (pkg) => JSON.stringify(pkg.version),
  },
  {
    file: /[\\/]node_modules[\\/]yeoman-environment[\\/]dist[\\/]module-lookup\.js$/,
    package: 'yeoman-environment',
    from: "JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json')).toString()).name",
    to: (pkg) => JSON.stringify(pkg.name),
  },
];

const applied = new Set<number>();
const inlineOwnPackageJson: Plugin = {
  name: 'inline-own-package-json',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]node_modules[\\/]yeoman-(generator|environment)[\\/]dist[\\/].*\.js$/ }, (args) => {
      let contents = readFileSync(args.path, 'utf8');
      patches.forEach((patch, index) => {
        if (!patch.file.test(args.path)) return;
        const count = contents.split(patch.from).length - 1;
        if (count !== 1) throw new Error(`bundle: expected "${patch.from}" once in ${args.path}, found ${count}`);
        contents = contents.replace(patch.from, () => patch.to(packageJsonOf(args.path, patch.package)));
        applied.add(index);
      });
      return { contents, loader: 'js' };
    });
  },
};

/**
 * fly-import (yeoman-environment's installer of generators from npm) imports @npmcli/arborist at load time,
 * but only constructs it when a generator has to be installed, which this CLI never does. Bundling arborist
 * would add ~2 MB of CommonJS (with __dirname-relative paths) to every start; instead it is required from
 * node_modules on first construction.
 */
const lazyArborist: Plugin = {
  name: 'lazy-arborist',
  setup(builder) {
    builder.onResolve({ filter: /^@npmcli\/arborist$/ }, (args) => ({ path: args.path, namespace: 'lazy-arborist', pluginData: args.resolveDir }));
    builder.onLoad({ filter: /.*/, namespace: 'lazy-arborist' }, (args) => ({
      contents: [
        "import { createRequire } from 'node:module';",
        'export default class Arborist {',
        '  constructor(...args) {',
        `    const Real = createRequire(import.meta.url)(${JSON.stringify(args.path)});`,
        '    return new Real(...args);',
        '  }',
        '}',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  // CommonJS dependencies require() Node builtins: give the ESM bundle a real require.
  banner: { js: "import { createRequire as __aiProjenCreateRequire } from 'node:module'; const require = __aiProjenCreateRequire(import.meta.url);" },
  plugins: [inlineOwnPackageJson, lazyArborist],
});
const missing = patches.filter((_, index) => !applied.has(index)).map((patch) => patch.from);
if (missing.length > 0) throw new Error(`bundle: patches not applied (module not bundled?): ${missing.join('; ')}`);
if (result.errors.length > 0) process.exitCode = 1;
