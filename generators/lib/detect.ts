// detect(root) -> ProjectProfile: what the project is made of, read from disk and never written.
// See ARCHITECTURE.md (detection -> plan -> rendering). A malformed manifest throws AiProjenError (file and line).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AiProjenError } from './errors.js';
import { isGenerated } from './generated.js';
import { projectCi } from './project-workflows.js';
import { defaultBranch, isTracked } from './git.js';
import { isNode, type App, type ExistingInfra, type ProjectProfile } from './profile.js';
import { walk, type WalkedDir } from './walk.js';
import { DEFAULT_PYTHON_VERSION, detectPythonApp, type PythonDetection } from './detect-python.js';
import { DEFAULT_NODE_VERSION, detectNodeApp, detectNxApplication, type NodeDetection } from './detect-node.js';
import { attachNodeWorkspaces } from './detect-node-workspace.js';
import { ancestry, normaliseName, ordered, relJoin } from './detect-shared.js';

export { DEFAULT_PYTHON_VERSION } from './detect-python.js';
export { DEFAULT_NODE_VERSION } from './detect-node.js';
export { normaliseName } from './detect-shared.js';

/**
 * Folders whose manifests are never apps: documentation builds (docs/requirements.txt), test data,
 * examples, helper scripts and infrastructure code (a CDK app is not a service).
 */
const NOT_APP_DIRS: ReadonlySet<string> = new Set([
  'docs', 'doc', 'test', 'tests', '__tests__', 'fixtures', 'examples', 'example', 'e2e', 'scripts', 'infra', 'infrastructure', 'requirements', '.github',
]);

interface Found {
  app: App;
  declaredName?: string;
  orchestrationOnly: boolean;
}

const isAppCandidate = (path: string) => path === '.' || !path.split('/').some((segment) => NOT_APP_DIRS.has(segment));

const isInside = (path: string, parent: string) => parent !== '.' && path.startsWith(`${parent}/`);

/** Apps of every candidate folder, shallow first; a sub-folder app owns its subtree (no nested apps). */
function findApps(root: string, dirs: WalkedDir[]): Found[] {
  const found: Found[] = [];
  const byPath = new Map(dirs.map((d) => [d.path, d]));
  // The Nx workspace above a folder (nx.json beside a package.json), for its project.json-only applications.
  const nxRoot = (dir: WalkedDir) => ancestry(dir.path).slice(1).map((level) => byPath.get(level)).find((d) => d?.files.includes('nx.json') && d.files.includes('package.json'));
  for (const dir of dirs) {
    if (!isAppCandidate(dir.path) || found.some((f) => isInside(dir.path, f.app.path))) continue;
    const python: PythonDetection | undefined = detectPythonApp(root, dir);
    const workspace = dir.files.includes('project.json') ? nxRoot(dir) : undefined;
    // The Nx root was detected before its projects (shallow first): its manifest is the project's.
    const base = workspace && found.find((f) => f.app.path === workspace.path && isNode(f.app))?.app;
    const node: NodeDetection | undefined = detectNodeApp(root, dir) ?? (workspace && base && isNode(base) ? detectNxApplication(root, dir, workspace, base) : undefined);
    if (python) found.push(python);
    // package.json next to a Python project is usually repo tooling (linters, hooks); it is an app
    // of its own only when it carries code or a framework.
    if (node && !(python && node.orchestrationOnly)) found.push(node);
  }
  return found;
}

/** Drops root manifests that only orchestrate when real apps live in sub-folders. */
function keepApps(found: Found[]): Found[] {
  const hasSubApps = found.some((f) => f.app.path !== '.' && !f.orchestrationOnly);
  if (!hasSubApps) return found;
  return found.filter((f) => !(f.app.path === '.' && f.orchestrationOnly));
}

/** Project name: root pyproject name, then root package.json name, then the folder name. */
function projectName(root: string, found: Found[]): string {
  const atRoot = found.filter((f) => f.app.path === '.');
  const declared = atRoot.find((f) => f.app.language === 'python' && f.declaredName)?.declaredName
    ?? atRoot.find((f) => f.app.language !== 'python' && f.declaredName)?.declaredName;
  return normaliseName(declared ?? basename(root), 'project');
}

/** Service names: folder basenames (the project name at the root), made unique. */
function nameApps(apps: App[], project: string): App[] {
  const base = (app: App) => (app.path === '.' ? project : normaliseName(app.path.split('/').pop()!));
  const counts = new Map<string, number>();
  for (const app of apps) counts.set(base(app), (counts.get(base(app)) ?? 0) + 1);
  const paths = new Map<string, number>();
  for (const app of apps) paths.set(app.path, (paths.get(app.path) ?? 0) + 1);
  return apps.map((app) => {
    let name = base(app);
    // Two folders with the same basename (apps/web, packages/web): use the whole path.
    if (counts.get(name)! > 1 && app.path !== '.') name = normaliseName(app.path);
    // A Python and a Node app in the same folder: the Node one gets a suffix.
    if (paths.get(app.path)! > 1 && app.language !== 'python') name = normaliseName(`${name}-${app.language === 'typescript' ? 'ts' : 'js'}`);
    return { ...app, name };
  });
}

const DOCKERFILE = (name: string) => (name === 'Dockerfile' || name.endsWith('.Dockerfile') || name.startsWith('Dockerfile.')) && !name.endsWith('.dockerignore');
const COMPOSE = /^(docker-)?compose(\.[A-Za-z0-9_-]+)?\.ya?ml$/;

/** Infrastructure already present. Workflows, Makefile, AGENTS.md and .gitignore count at the root only. */
function existingInfra(root: string, dirs: WalkedDir[]): ExistingInfra {
  const paths = (match: (name: string) => boolean) => dirs.flatMap((d) => d.files.filter(match).map((f) => relJoin(d.path, f)));
  const rootFiles = new Set(dirs.find((d) => d.path === '.')?.files ?? []);
  const workflows = dirs.find((d) => d.path === '.github/workflows')?.files.filter((f) => /\.ya?ml$/.test(f)) ?? [];
  const dockerfiles = paths(DOCKERFILE);
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  const workflowFiles = workflows.map((f) => `.github/workflows/${f}`);
  const ci = projectCi(Object.fromEntries(workflowFiles.flatMap((file) => {
    const text = read(file);
    return text === undefined ? [] : [[file, text]];
  })));
  return {
    dockerfiles,
    ownDockerfiles: dockerfiles.filter((file) => {
      const text = read(file);
      return text !== undefined && !isGenerated(text);
    }),
    composeFiles: paths((f) => COMPOSE.test(f)),
    workflows: workflowFiles,
    ci,
    terraformFiles: [...new Set([...paths((f) => f.endsWith('.tf')), ...terraformWorkspaceFiles(root)])].sort(),
    makefile: ['Makefile', 'makefile', 'GNUmakefile'].some((f) => rootFiles.has(f)),
    agentsMd: rootFiles.has('AGENTS.md'),
    gitignore: rootFiles.has('.gitignore'),
    defaultBranch: defaultBranch(root, ci.branch),
    envTracked: isTracked(root, '.env'),
  };
}

/** The Terraform/AWS plugin's workspaces sit one level below the walk's depth bound: read that one known folder. */
const TERRAFORM_WORKSPACES = 'infra/terraform/workspaces';
function terraformWorkspaceFiles(root: string): string[] {
  const list = (rel: string) => {
    try {
      return readdirSync(resolve(root, rel), { withFileTypes: true });
    } catch {
      return [];
    }
  };
  return list(TERRAFORM_WORKSPACES)
    .filter((entry) => entry.isDirectory())
    .flatMap((workspace) => list(`${TERRAFORM_WORKSPACES}/${workspace.name}`)
      .filter((file) => file.isFile() && file.name.endsWith('.tf'))
      .map((file) => `${TERRAFORM_WORKSPACES}/${workspace.name}/${file.name}`));
}

const byPath = (a: App, b: App) => (a.path === b.path ? 0 : a.path === '.' ? -1 : b.path === '.' ? 1 : a.path < b.path ? -1 : 1);

/** Detects the project at `root`. Pure with respect to the file system: it only reads. */
export function detect(root: string): ProjectProfile {
  const abs = resolve(root);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDir) throw new AiProjenError(`project folder not found: ${abs}`);

  const dirs = walk(abs);
  const candidates = findApps(abs, dirs);
  // Named before filtering: a workspace-only root package.json still names the project.
  const name = projectName(abs, candidates);
  const found = keepApps(candidates);
  const apps = attachNodeWorkspaces(abs, dirs, nameApps(found.map((f) => f.app).sort(byPath), name));
  const layout = apps.length === 0 ? 'none' : apps.every((a) => a.path === '.') ? 'single' : 'multi';
  return {
    root: abs,
    name,
    layout,
    apps,
    languages: ordered(apps.map((a) => a.language), ['python', 'typescript', 'javascript']),
    existing: existingInfra(abs, dirs),
  };
}

/**
 * `--language` on a folder without a manifest: one app at the root with the defaults of that language,
 * so a new project can get its infrastructure before its first pyproject.toml / package.json.
 */
export function forceLanguage(profile: ProjectProfile, language: 'python' | 'typescript'): ProjectProfile {
  if (profile.apps.length > 0) return profile;
  const common = { path: '.', name: profile.name, manifestFiles: [], dependencies: [], devDependencies: [] };
  const app: App = language === 'python'
    ? { ...common, language, packageManager: 'pip', pythonVersion: DEFAULT_PYTHON_VERSION, pythonVersionSource: 'default', tools: [], extras: [], srcLayout: false }
    : { ...common, language, packageManager: 'npm', nodeVersion: DEFAULT_NODE_VERSION, nodeVersionSource: 'default', kind: 'server', scripts: {} };
  return { ...profile, layout: 'single', apps: [app], languages: [language] };
}
