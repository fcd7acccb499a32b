// What the project's own GitHub workflows (never ours) already do, so CI fits them instead of doubling them:
// which jobs lint, test or deploy (and in which folder), whether actions are pinned by commit SHA, and the
// self-hosted runner labels their jobs use (actionlint must know them). Pure: file path -> text in, facts out.
import { parseDocument, isMap, isSeq, type Node } from 'yaml';
import { at, type Evidence, type Fact } from './plan/evidence.js';
import { isGenerated } from './generated.js';
import { editYaml } from './structured-edit.js';

export type CiRole = 'lint' | 'test' | 'deploy';

export interface CiJob {
  /** `file:line` of the job. */
  at: string;
  role: CiRole;
  /** Folders the job works in ('.' for the root): its working-directory, or the folders its commands change to. */
  dirs: string[];
  /** The command or action that gives the role away. */
  evidence: string;
}

export interface ProjectCi {
  jobs: CiJob[];
  /** The first plain branch (no pattern) a workflow's push or pull_request trigger names, with `file:line`: the
   * repository's default branch when git does not say (git.ts). */
  branch?: Fact<string>;
  /** The project pins third-party actions by full commit SHA (`uses: owner/repo@<40 hex>`): `file:line` of one. */
  shaPinned?: string;
  /** Runner labels of its jobs that are no GitHub-hosted runner (self-hosted ones), sorted. */
  runnerLabels: string[];
}

// Commands by what they are for. Lint: linters, formatters in check mode, type checkers; test: test runners.
const LINT = /\b(ruff(\s+check|\s+format\s+--check)?|flake8|pylint|mypy|pyright|black\s+--check|isort\s+--check|eslint|biome\s+(ci|check|lint)|prettier\s+(--check|-c)\b|tsc\s+--noEmit|(npm|pnpm|yarn|bun)\b[^\n;&|]*?\s(run\s+)?(lint|typecheck|type-check|check-types)\b|pre-commit\s+run|turbo\s+(run\s+)?lint|nx\s+(affected|run-many)\s+.*-t\s+lint|make\s+lint)\b/;
const TEST = /\b(pytest|py\.test|python\s+-m\s+(pytest|unittest)|manage\.py\s+test|tox|nox|(npm|pnpm|yarn|bun)\b[^\n;&|]*?\s(run\s+)?test\b|vitest|jest|mocha|playwright\s+test|turbo\s+(run\s+)?test|nx\s+(affected|run-many)\s+.*-t\s+test|make\s+test)\b/;
const DEPLOY_RUN = /\b(aws\s+ecs\s+update-service|aws\s+ecs\s+deploy|ecs-deploy|copilot\s+(svc\s+)?deploy|flyctl\s+deploy|fly\s+deploy|vercel\s+(deploy|--prod)|netlify\s+deploy|railway\s+up|kubectl\s+(apply|set\s+image|rollout)|helm\s+(upgrade|install)|serverless\s+deploy|sls\s+deploy|cdk\s+deploy|terraform\s+apply|gcloud\s+(run|app)\s+deploy|heroku\s+(container:release|deploy))\b/;
const DEPLOY_USES = /^(aws-actions\/amazon-ecs-deploy-task-definition|superfly\/flyctl-actions|amondnet\/vercel-action|google-github-actions\/deploy-cloudrun|akhileshns\/heroku-deploy|azure\/webapps-deploy|cloudflare\/wrangler-action|appleboy\/ssh-action)@/;
const GITHUB_HOSTED = /^(ubuntu|windows|macos)-[a-z0-9.-]+$|^(ubuntu|windows|macos)-latest$/;
const ACTIONLINT_KNOWN = new Set(['self-hosted', 'linux', 'windows', 'macos', 'x64', 'arm', 'arm64']);

/** `file:line` of a YAML node (its first line when the node has no position). */
const nodeAt = (file: string, text: string, node: Node | null | undefined): Evidence => at(file, text, node?.range ? node.range[0] : 0);

/** Folders a run script changes to before its commands (`cd backend`, `npm --prefix web`, `make -C api`). */
function dirsOfRun(run: string): string[] {
  const dirs = [...run.matchAll(/(?:^|[;&|]\s*|\n\s*)cd\s+["']?([A-Za-z0-9_./-]+)["']?/g), ...run.matchAll(/--prefix[ =]["']?([A-Za-z0-9_./-]+)/g), ...run.matchAll(/\bmake\s+-C\s+["']?([A-Za-z0-9_./-]+)/g)]
    .map((m) => m[1]!.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((d) => d !== '' && d !== '.' && !d.startsWith('$') && !d.startsWith('..'));
  return [...new Set(dirs)];
}

export function projectCi(files: Readonly<Record<string, string>>): ProjectCi {
  const jobs: CiJob[] = [];
  const labels = new Set<string>();
  let shaPinned: string | undefined;
  let branch: ProjectCi['branch'];
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (isGenerated(text)) continue;
    const doc = parseDocument(text);
    if (doc.errors.length > 0) continue;
    if (!branch) {
      for (const event of ['push', 'pull_request']) {
        const list = doc.getIn(['on', event, 'branches'], true);
        const item = isSeq(list) ? list.items.find((i) => !/[*?[]/.test(String((i as { value?: unknown }).value ?? i))) : undefined;
        if (item) {
          branch = { value: String((item as { value?: unknown }).value ?? item), from: nodeAt(file, text, item as Node) };
          break;
        }
      }
    }
    const jobsNode = doc.get('jobs', true);
    if (!isMap(jobsNode)) continue;
    const defaults = (doc.toJS() as { defaults?: { run?: { 'working-directory'?: string } } } | null)?.defaults?.run?.['working-directory'];
    for (const pair of jobsNode.items) {
      const job = pair.value;
      if (!isMap(job)) continue;
      const jobAt = nodeAt(file, text, pair.key as Node);
      const js = job.toJSON() as { 'runs-on'?: unknown; defaults?: { run?: { 'working-directory'?: string } }; steps?: Array<{ run?: unknown; uses?: unknown; 'working-directory'?: unknown }>; uses?: unknown };
      const runsOn = js['runs-on'];
      // runs-on: a label, a list of labels, or { group, labels }.
      const listed = runsOn && typeof runsOn === 'object' && !Array.isArray(runsOn) ? (runsOn as { labels?: unknown }).labels : runsOn;
      const jobLabels = typeof listed === 'string' ? [listed] : Array.isArray(listed) ? listed.map(String) : [];
      for (const label of jobLabels) if (!label.includes('${{') && !GITHUB_HOSTED.test(label) && !ACTIONLINT_KNOWN.has(label)) labels.add(label);
      const jobDir = (js.defaults?.run?.['working-directory'] ?? defaults ?? '.').replace(/^\.\//, '').replace(/\/+$/, '') || '.';
      const steps = Array.isArray(js.steps) ? js.steps : [];
      const stepsNode = job.get('steps', true);
      steps.forEach((step, index) => {
        const uses = typeof step?.uses === 'string' ? step.uses : undefined;
        if (uses && /@[0-9a-f]{40}$/.test(uses) && !shaPinned) {
          const node = isSeq(stepsNode) ? stepsNode.items[index] : undefined;
          shaPinned = nodeAt(file, text, node as Node);
        }
        const run = typeof step?.run === 'string' ? step.run : '';
        const stepDir = typeof step?.['working-directory'] === 'string' ? String(step['working-directory']).replace(/^\.\//, '').replace(/\/+$/, '') : jobDir;
        const dirs = dirsOfRun(run);
        const where = dirs.length > 0 ? dirs : [stepDir];
        const role: CiRole | undefined = (uses && DEPLOY_USES.test(uses)) || DEPLOY_RUN.test(run) ? 'deploy' : TEST.test(run) ? 'test' : LINT.test(run) ? 'lint' : undefined;
        if (!role) return;
        const evidence = uses && DEPLOY_USES.test(uses) ? uses : (run.match(role === 'deploy' ? DEPLOY_RUN : role === 'test' ? TEST : LINT)?.[0] ?? '');
        const known = jobs.find((j) => j.at === jobAt && j.role === role);
        if (known) known.dirs = [...new Set([...known.dirs, ...where])];
        else jobs.push({ at: jobAt, role, dirs: where, evidence });
      });
      // A job that calls a reusable workflow whose name says deploy counts as a deploy pipeline.
      if (typeof js.uses === 'string' && /deploy|release/i.test(js.uses)) jobs.push({ at: jobAt, role: 'deploy', dirs: ['.'], evidence: js.uses });
    }
  }
  return { jobs, ...(branch ? { branch } : {}), ...(shaPinned ? { shaPinned } : {}), runnerLabels: [...labels].sort() };
}

/** The project's job that already does `role` for the app in `appPath`: one working in that folder (a job whose
 * commands name no folder works at the root, so it counts for a root app only). */
export function coveredBy(ci: ProjectCi, role: CiRole, appPath: string): CiJob | undefined {
  return ci.jobs.find((job) => job.role === role && job.dirs.includes(appPath));
}

/** The project's own actionlint config with the runner labels its workflows use added (its text kept). Pure. */
export function withRunnerLabels(text: string, labels: readonly string[], file: string): string {
  return editYaml(text, (doc) => {
    const have = (doc.getIn(['self-hosted-runner', 'labels']) as { toJSON?: () => unknown } | undefined)?.toJSON?.();
    const list = Array.isArray(have) ? have.map(String) : [];
    const missing = labels.filter((label) => !list.includes(label));
    if (missing.length > 0) doc.setIn(['self-hosted-runner', 'labels'], doc.createNode([...list, ...missing]));
  }, file);
}
