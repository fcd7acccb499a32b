// The deployable services of a project and every name derived from them. Docker, GitHub Actions and
// Terraform all take their names from here, so a composed run agrees on images, ports, health paths,
// Dockerfiles, ECR repositories, clusters and ECS services by construction.
import { AiProjenError } from './errors.js';
import { isNode, type App, type ProjectProfile } from './profile.js';
import { isDeployed, isNodePlan, planOf, type AppPlan } from './plan/index.js';
import { optionName } from './questions.js';

export interface ServiceSpec {
  /** Service and container name (lowercase-hyphenated). */
  name: string;
  app: App;
  /** The app's run plan (commands, port, health, migrations... with their evidence). */
  plan: AppPlan;
  /** Port the container listens on. */
  port: number;
  /** The HTTP path probed, '' for a TCP check. */
  healthPath: string;
  /** Dockerfile path relative to the project root. */
  dockerfile: string;
  /** Build context relative to the project root ('.', the app folder, or the root of the app's Node workspace). */
  context: string;
  /** Image name without registry or tag: `<project>` for a single app, `<project>-<service>` otherwise
   * (the GHCR image `ghcr.io/<owner>/<image>` and the local compose image). */
  image: string;
  /** ALB path pattern: '/*' for the catch-all (the static site or Next.js / SSR front end, else the first web app),
   * '/api/*' for an app named backend, api or server, '/<name>/*' otherwise. */
  routePath: string;
  /** Lower number = evaluated first by the ALB listener (the catch-all gets the highest). */
  routePriority: number;
}

/** The apps that become services: what the plan deploys (web servers and static sites; not libraries,
 * tooling packages, mobile apps or CLIs). */
export function deployableApps(profile: ProjectProfile): App[] {
  const plans = planOf(profile);
  return profile.apps.filter((_, index) => isDeployed(plans[index]!));
}

/** The service whose port a single `--port` sets: the first server app (APIs matter more than SPAs). */
export function primaryApp(profile: ProjectProfile): App | undefined {
  const apps = deployableApps(profile);
  const plans = new Map(planOf(profile).map((plan) => [plan.path, plan]));
  return apps.find((app) => plans.get(app.path)?.kind.value === 'web') ?? apps[0];
}

/** Each service's port as its plan has it (what the project declares, else its framework's default). */
export function defaultPorts(profile: ProjectProfile): Record<string, number> {
  const plans = planOf(profile);
  return Object.fromEntries(profile.apps.flatMap((app, index) => (isDeployed(plans[index]!) ? [[app.name, plans[index]!.port.value]] : [])));
}

/**
 * Parses `--port 8000` (the primary service) or `--ports backend=8000,frontend=8080`: the ports given, by
 * service name. Services left out keep their plan's port.
 */
export function parsePorts(raw: unknown, profile: ProjectProfile): Record<string, number> {
  const ports: Record<string, number> = {};
  const known = defaultPorts(profile);
  const entries = typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? Object.entries(raw as Record<string, unknown>).map(([name, port]) => `${name}=${String(port)}`)
    : String(raw ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  for (const entry of entries) {
    const [name, value] = entry.includes('=') ? entry.split('=', 2) : [primaryApp(profile)?.name ?? '', entry];
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new AiProjenError(`--${optionName('ports')}: '${entry}' is not a TCP port (1-65535)`);
    }
    if (!(name in known) && deployableApps(profile).length > 0) {
      throw new AiProjenError(`--${optionName('ports')}: no service named '${name}' (services: ${Object.keys(known).join(', ')})`);
    }
    ports[name] = port;
  }
  return ports;
}

/** '' (each service's own health check, from its plan) or an absolute URL path for every service. */
export function parseHealthPath(raw: unknown): string {
  const value = String(raw ?? '').trim();
  if (value !== '' && !/^\/[A-Za-z0-9._~\/-]*$/.test(value)) {
    throw new AiProjenError(`--health-check-path: '${value}' must be an absolute URL path like /health (or empty: each service's own)`);
  }
  return value;
}

export interface ServiceAnswers {
  projectName: string;
  /** Ports given as options (the others come from the plan). */
  ports?: Record<string, number>;
  /** A health-check path for every service; '' or absent: each service's own. */
  healthCheckPath?: string;
  /** Folder the Docker plugin writes its files to (its `installPath` answer, '.' by default): the Dockerfiles live under it. */
  installPath?: string;
  /** A Dockerfile the project has at a service's path: kept and used (default), replaced by ours, or ours
   * written alongside (`.docker/dockerfiles/<service>.Dockerfile`) and used, theirs left untouched. */
  dockerfile?: DockerfileMode;
}

export const DOCKERFILE_MODES = ['keep', 'replace', 'alongside'] as const;
export type DockerfileMode = (typeof DOCKERFILE_MODES)[number];

/** One service per deployable app, in detection order; names, files and routes are stable across runs. */
export function serviceSpecs(profile: ProjectProfile, answers: ServiceAnswers): ServiceSpec[] {
  const plans = planOf(profile, { ports: answers.ports ?? {}, healthCheckPath: answers.healthCheckPath ?? '' });
  const deployed = profile.apps.flatMap((app, index) => (isDeployed(plans[index]!) ? [{ app, plan: plans[index]! }] : []));
  const single = deployed.length === 1;
  const dockerDir = answers.installPath && answers.installPath !== '.' ? `${answers.installPath}/` : '';
  // The front end takes the catch-all route (a static site, else a Next.js / SSR app), else the first web app;
  // an API (named backend, api or server) takes /api/*.
  const frontEnd = ({ plan }: { plan: AppPlan }) => isNodePlan(plan) && ['next', 'next-standalone', 'nitro', 'sveltekit', 'astro', 'react-router'].includes(plan.recipe.value);
  const catchAll = deployed.find(({ plan }) => plan.kind.value === 'static') ?? deployed.find(frontEnd) ?? deployed.find(({ plan }) => plan.kind.value === 'web') ?? deployed[0];
  const used = new Set<string>();
  const routeOf = (name: string, isCatchAll: boolean): string => {
    const wanted = isCatchAll ? '/*' : ['backend', 'api', 'server'].includes(name) && !used.has('/api/*') ? '/api/*' : `/${name}/*`;
    used.add(wanted);
    return wanted;
  };
  return deployed.map(({ app, plan }, index) => ({
    name: app.name,
    app,
    plan,
    port: plan.port.value,
    healthPath: plan.health.value.kind === 'http' ? plan.health.value.path : '',
    dockerfile: dockerfilePath(profile, dockerDir, app.name, single && app.path === '.', answers.dockerfile),
    // A workspace member builds from the workspace root: its lock file and sibling packages live there.
    context: isNode(app) && app.workspace ? app.workspace.root : app.path,
    image: single ? answers.projectName : `${answers.projectName}-${app.name}`,
    routePath: routeOf(app.name, deployed[index] === catchAll),
    routePriority: deployed[index] === catchAll ? 1000 : 100 + index * 10,
  }));
}

/** Where a service's Dockerfile is: `Dockerfile` for a single root app, else `.docker/dockerfiles/<service>.Dockerfile`;
 * with `--dockerfile alongside`, a root `Dockerfile` the project has stays theirs and ours goes to the second form. */
function dockerfilePath(profile: ProjectProfile, dockerDir: string, name: string, root: boolean, mode: DockerfileMode | undefined): string {
  const alongside = `${dockerDir}.docker/dockerfiles/${name}.Dockerfile`;
  if (!root) return alongside;
  const own = `${dockerDir}Dockerfile`;
  return mode === 'alongside' && profile.existing.dockerfiles.includes(own) ? alongside : own;
}

/**
 * The ALB forwards `/<prefix>/*` with the path as it came: an app routed there must serve under that prefix
 * (Next.js basePath, a global or router prefix). Its health route says whether it does; when it does not (or
 * nothing tells), a note says how to fix it.
 */
export function routeNotes(specs: readonly ServiceSpec[]): string[] {
  return specs.flatMap((spec) => {
    if (spec.routePath === '/*') return [];
    const prefix = spec.routePath.replace(/\/\*$/, '');
    const path = spec.healthPath || undefined;
    if (path !== undefined && (path === prefix || path.startsWith(`${prefix}/`))) return [];
    const serves = path === undefined ? 'no route ai-projen could read' : `${path} (its health route, ${spec.plan.health.from})`;
    return [`${spec.name}: the load balancer routes ${spec.routePath} to it and keeps the path, but it serves ${serves}: give it the base path ${prefix} (Next.js basePath, NestJS setGlobalPrefix, a router prefix), or route it by host name instead of path in infra/terraform`];
  });
}

// AWS names, one per environment (each environment has its own state, and may share an account).
// Terraform computes the same strings from var.project_name / var.environment / the service key; the
// workflows use these functions. ALB and target-group names (<= 32 chars) are shortened in HCL only.
export const clusterName = (projectName: string, environment: string): string => `${projectName}-${environment}`;
export const ecsServiceName = (projectName: string, environment: string, service: string): string =>
  `${projectName}-${environment}-${service}`;
/** Task definition family; the container inside it is named after the service. */
export const taskFamily = ecsServiceName;
/** Task definition family of a service's one-off migration task (same image, the plan's migrate command; the
 * container inside it is named after the service too). Deploys run it and wait for it before rolling the service. */
export const migrationTaskFamily = (projectName: string, environment: string, service: string): string =>
  `${taskFamily(projectName, environment, service)}-migrate`;
/** SSM Parameter Store name of a setting the service reads (a secret, or a required value without a default):
 * Terraform declares it, its value is set outside Terraform (`make infra-secrets`), the task reads it at start. */
export const parameterName = (projectName: string, environment: string, service: string, name: string): string =>
  `${parameterPath(projectName, environment, service)}/${name}`;
/** The SSM path under which a service's parameters live (what its task reads at start). */
export const parameterPath = (projectName: string, environment: string, service: string): string => `/${projectName}/${environment}/${service}`;
export const ecrRepositoryName = (projectName: string, environment: string, service: string): string =>
  `${projectName}-${environment}/${service}`;

// The Terraform/AWS plugin's layout, which the CI workflows validate and plan too.
export const INFRA_DIR = 'infra/terraform';
/** Root modules, in apply order. */
export const WORKSPACES = ['bootstrap', 'base', 'runtime'] as const;
export type Workspace = (typeof WORKSPACES)[number];
/** Workspaces whose state lives in the S3 bucket that bootstrap creates (bootstrap itself keeps local state). */
export const S3_WORKSPACES: readonly Workspace[] = ['base', 'runtime'];
/** A workspace's backend configuration and an environment's values, relative to INFRA_DIR. */
export const backendConfigFile = (workspace: string, environment: string): string => `backend-config/${workspace}-${environment}.hcl`;
export const tfvarsFile = (environment: string): string => `shared/${environment}.tfvars`;
