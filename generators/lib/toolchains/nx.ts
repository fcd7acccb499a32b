// Nx: the targets of one project, as its project.json or package.json "nx" field declares them and as the
// plugins nx.json lists infer them from the project's config files, and where its build writes. Pure: it
// reads the texts it is given. The plan runs these targets with `nx <target> <project>`.
import { posix } from 'node:path';
import { at, type Evidence } from '../plan/evidence.js';

export interface NxBuild {
  executor?: string;
  /** Where the build writes, relative to the workspace root ({projectRoot} and {workspaceRoot} resolved). */
  outputPath?: string;
  /** The entry source, relative to the workspace root (apps/api/src/main.ts). */
  main?: string;
}

export interface NxProject {
  /** The name `nx <target> <name>` selects the project by, and the file that gives it. */
  name: string;
  nameFrom: Evidence;
  /** target name -> where it is declared (the project's file) or inferred (the nx.json plugin). */
  targets: Map<string, Evidence>;
  build?: NxBuild;
}

export interface NxInputs {
  /** The project's folder relative to the workspace root ('.' for a standalone project). */
  projectRoot: string;
  /** Files of the project folder, relative to it. */
  files: readonly string[];
  pkgFile: string;
  pkgText?: string;
  projectFile: string;
  projectText?: string;
  nxJsonFile: string;
  nxJsonText?: string;
}

type Json = Record<string, unknown>;
const table = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const parse = (text: string | undefined): Json | undefined => {
  try {
    return text === undefined ? undefined : table(JSON.parse(text));
  } catch {
    return undefined;
  }
};

/** Plugins that infer targets from a config file in the project: plugin -> [option naming the target, default name, config files]. */
const INFERRING: ReadonlyArray<[string, ReadonlyArray<[string, string, RegExp]>]> = [
  ['@nx/eslint/plugin', [['targetName', 'lint', /^(eslint\.config\.[cm]?[jt]s|\.eslintrc(\.json|\.js|\.cjs|\.ya?ml)?)$/]]],
  ['@nx/jest/plugin', [['targetName', 'test', /^jest\.config\.[cm]?[jt]s$/]]],
  ['@nx/vite/plugin', [['buildTargetName', 'build', /^vite\.config\.[cm]?[jt]s$/], ['testTargetName', 'test', /^(vite|vitest)\.config\.[cm]?[jt]s$/], ['serveTargetName', 'serve', /^vite\.config\.[cm]?[jt]s$/]]],
  ['@nx/webpack/plugin', [['buildTargetName', 'build', /^webpack\.config\.[cm]?[jt]s$/], ['serveTargetName', 'serve', /^webpack\.config\.[cm]?[jt]s$/]]],
  ['@nx/next/plugin', [['buildTargetName', 'build', /^next\.config\.[cm]?[jt]s$/], ['devTargetName', 'dev', /^next\.config\.[cm]?[jt]s$/], ['startTargetName', 'start', /^next\.config\.[cm]?[jt]s$/]]],
  ['@nx/js/typescript', [['typecheck.targetName', 'typecheck', /^tsconfig\.json$/]]],
];

/** `{projectRoot}/dist`, `{workspaceRoot}/dist/apps/api`, `dist/apps/api` -> a path from the workspace root. */
function resolvePath(value: string, projectRoot: string): string {
  return posix.normalize(value.replace('{projectRoot}', projectRoot).replace(/^\{workspaceRoot\}\/?/, '').replace(/^\.\//, ''));
}

/**
 * The Nx project in a folder, when the workspace has an nx.json and the folder a project.json or a
 * package.json with an "nx" field; undefined otherwise.
 */
export function nxProject(inputs: NxInputs): NxProject | undefined {
  const nxJson = parse(inputs.nxJsonText);
  if (!nxJson) return undefined;
  const pkg = parse(inputs.pkgText);
  const project = parse(inputs.projectText);
  const field = table(pkg?.nx);
  if (!project && !field) return undefined;
  const [declaring, declaringFile, declaringText] = project ? [project, inputs.projectFile, inputs.projectText!] : [field!, inputs.pkgFile, inputs.pkgText!];
  const [name, nameFrom] = typeof declaring.name === 'string' ? [declaring.name, at(declaringFile, declaringText, declaringText.indexOf('"name"'))]
    : typeof pkg?.name === 'string' ? [pkg.name, at(inputs.pkgFile, inputs.pkgText!, inputs.pkgText!.indexOf('"name"'))] : [undefined, ''];
  if (!name) return undefined;

  const targets = new Map<string, Evidence>();
  for (const entry of Array.isArray(nxJson.plugins) ? nxJson.plugins : []) {
    const plugin = typeof entry === 'string' ? entry : table(entry)?.plugin;
    const options = table(table(entry)?.options) ?? {};
    const known = INFERRING.find(([id]) => id === plugin);
    if (!known) continue;
    for (const [option, fallback, config] of known[1]) {
      const file = inputs.files.find((f) => config.test(f));
      if (!file) continue;
      const [head, tail] = option.split('.');
      const named = tail ? table(options[head!])?.[tail] : options[head!];
      targets.set(typeof named === 'string' ? named : fallback, `${inputs.nxJsonFile} (${plugin} infers it from ${posix.join(inputs.projectRoot, file)})`);
    }
  }
  // Scripts of the project's package.json are targets too (Nx runs them), and declared targets win.
  for (const script of Object.keys(table(pkg?.scripts) ?? {})) targets.set(script, `${inputs.pkgFile} (scripts.${script})`);
  const declared = table(declaring.targets) ?? {};
  for (const target of Object.keys(declared)) {
    const index = declaringText.indexOf(`"${target}"`, Math.max(0, declaringText.indexOf('"targets"')));
    targets.set(target, index < 0 ? declaringFile : at(declaringFile, declaringText, index));
  }

  const buildTarget = table(declared.build);
  const options = table(buildTarget?.options) ?? {};
  const build: NxBuild = {
    ...(typeof buildTarget?.executor === 'string' ? { executor: buildTarget.executor } : {}),
    ...(typeof options.outputPath === 'string' ? { outputPath: resolvePath(options.outputPath, inputs.projectRoot) } : {}),
    ...(typeof options.main === 'string' ? { main: resolvePath(options.main, inputs.projectRoot) } : {}),
  };
  return { name, nameFrom, targets, ...(buildTarget ? { build } : {}) };
}

/**
 * The file the build writes for its entry, relative to the workspace root: esbuild and webpack write
 * <outputPath>/<main's name>.js, @nx/js:tsc keeps the path below the project (<outputPath>/src/main.js).
 */
export function nxEntry(build: NxBuild, projectRoot: string): string | undefined {
  if (!build.outputPath || !build.main) return undefined;
  const base = posix.basename(build.main).replace(/\.[cm]?[jt]sx?$/, '.js');
  if (build.executor === '@nx/js:tsc' || build.executor === '@nrwl/js:tsc') {
    const below = posix.relative(projectRoot === '.' ? '' : projectRoot, posix.dirname(build.main));
    return posix.join(build.outputPath, below, base);
  }
  return posix.join(build.outputPath, base);
}
