// plan(profile) -> one AppPlan per detected app, every field with its evidence. The layer between detection
// and rendering: docker, github-actions and terraform-aws take commands, ports, health checks, migrations,
// tests and lint from here and never re-derive them. Pure over the reader; the disk plan is memoized per
// profile and answers, so the plugins of one run share it.
import { isNode, isPython, type ProjectProfile } from '../profile.js';
import { fact, type SourceReader } from './evidence.js';
import { containerDeclares } from './container-files.js';
import { planNode, type NodePlan } from './node.js';
import { ambiguityNote } from './ambiguity.js';
import { planPython, type PythonPlan } from './python.js';
import { diskReader } from './reader.js';
import { DEPLOYED_KINDS, type AppPlan } from './types.js';

export type { Ambiguity, AppPlan, AppKind, DataStore, EnvVar, HealthCheck } from './types.js';
export type { PythonPlan } from './python.js';
export type { NodePlan, NodeRecipe } from './node.js';
export type { Fact, Evidence } from './evidence.js';

export interface PlanAnswers {
  /** --ports, by service name. */
  ports?: Readonly<Record<string, number>>;
  /** --health-check-path for every service ('' or absent: each app's own). */
  healthCheckPath?: string;
}

export function planApps(profile: ProjectProfile, reader: SourceReader, answers: PlanAnswers = {}): AppPlan[] {
  // A workspace member another member depends on is a package, not a service, unless it runs something itself.
  const imported = new Set(profile.apps.flatMap((app) => (isNode(app) && app.workspace ? app.workspace.localDependencies.map((dep) => `${app.workspace!.root}/${dep}`.replace(/^\.\//, '')) : [])));
  return profile.apps.map((app) => {
    const options = {
      ...(answers.ports?.[app.name] ? { port: answers.ports[app.name] } : {}),
      ...(answers.healthCheckPath ? { healthPath: answers.healthCheckPath } : {}),
    };
    const plan = isPython(app) ? planPython(app, reader, options) : planNode(app, reader, options, imported.has(app.path));
    const label = `${app.name} (${app.path === '.' ? 'project root' : app.path})`;
    const entrypoint = containerDeclares(reader, app.path).entrypoint;
    return {
      ...plan,
      ...(entrypoint ? { imageEntrypoint: fact(entrypoint.value, entrypoint.from) } : {}),
      notes: [...plan.notes, ...plan.ambiguities.map((a) => ambiguityNote(app.name, label, a))],
    };
  });
}

const cache = new WeakMap<ProjectProfile, Map<string, AppPlan[]>>();

/** The plan of the project on disk (memoized per profile and answers). */
export function planOf(profile: ProjectProfile, answers: PlanAnswers = {}): AppPlan[] {
  const key = JSON.stringify([answers.ports ?? {}, answers.healthCheckPath ?? '']);
  let byAnswers = cache.get(profile);
  if (!byAnswers) cache.set(profile, (byAnswers = new Map()));
  let plans = byAnswers.get(key);
  if (!plans) byAnswers.set(key, (plans = planApps(profile, diskReader(profile.root), answers)));
  return plans;
}

export const isDeployed = (plan: AppPlan): boolean => DEPLOYED_KINDS.has(plan.kind.value) && plan.kind.value !== 'worker';

export const isNodePlan = (plan: AppPlan): plan is NodePlan => plan.language === 'node';

export const isPythonPlan = (plan: AppPlan): plan is PythonPlan => plan.language === 'python';

/** The public values the build inlines (NEXT_PUBLIC_*, VITE_*): build arguments, their values the user's. */
export const buildArgNames = (plan: AppPlan): string[] => plan.buildEnv.filter((v) => v.value === undefined).map((v) => v.name);

/** The env schema's switches the lint, test and build runs set (SKIP_ENV_VALIDATION=1), never the server. */
export const buildSwitches = (plan: AppPlan): Array<{ name: string; value: string }> =>
  plan.buildEnv.flatMap((v) => (v.value === undefined ? [] : [{ name: v.name, value: v.value }]));
