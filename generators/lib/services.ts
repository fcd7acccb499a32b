// The deployable services of a project and every name derived from them. Docker, GitHub Actions and
// Terraform all take their names from here, so a composed run agrees on images, ports, health paths,
// Dockerfiles, ECR repositories, clusters and ECS services by construction.
import { AiProjenError } from './errors.js';
import { isNode, isPython, type App, type ProjectProfile } from './profile.js';
import { optionName } from './questions.js';

export const DEFAULT_HEALTH_PATH = '/health';

export interface ServiceSpec {
  /** Service and container name (lowercase-hyphenated). */
  name: string;
  app: App;
  /** Port the container listens on. */
  port: number;
  healthPath: string;
  /** Dockerfile path relative to the project root. */
  dockerfile: string;
  /** Build context relative to the project root ('.', the app folder, or the root of the app's Node workspace). */
  context: string;
  /** Image name without registry or tag: `<project>` for a single app, `<project>-<service>` otherwise
   * (the GHCR image `ghcr.io/<owner>/<image>` and the local compose image). */
  image: string;
  /** ALB path pattern: '/*' for the catch-all (the SPA, else the primary app), '/api/*' for a backend, '/<name>/*' otherwise. */
  routePath: string;
  /** Lower number = evaluated first by the ALB listener (the catch-all gets the highest). */
  routePriority: number;
}

/** Default port for an app: uvicorn/gunicorn 8000, Node servers 3000, static SPA served by an unprivileged nginx on 8080. */
export function defaultPort(app: App): number {
  if (isPython(app)) return 8000;
  return isNode(app) && app.kind === 'spa' ? 8080 : 3000;
}

/** The apps that become services: every app but workspace libraries (other packages import them; nothing runs them). */
export function deployableApps(profile: ProjectProfile): App[] {
  return profile.apps.filter((app) => !(isNode(app) && app.library));
}

/** The service whose port a single `--port` sets: the first server app (APIs matter more than SPAs). */
export function primaryApp(profile: ProjectProfile): App | undefined {
  const apps = deployableApps(profile);
  return apps.find((app) => isPython(app) || (isNode(app) && app.kind === 'server')) ?? apps[0];
}

export function defaultPorts(profile: ProjectProfile): Record<string, number> {
  return Object.fromEntries(deployableApps(profile).map((app) => [app.name, defaultPort(app)]));
}

/** Parses `--port 8000` (the primary service) or `--ports backend=8000,frontend=8080` into name -> port. */
export function parsePorts(raw: unknown, profile: ProjectProfile): Record<string, number> {
  const ports = defaultPorts(profile);
  const entries = typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? Object.entries(raw as Record<string, unknown>).map(([name, port]) => `${name}=${String(port)}`)
    : String(raw ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  for (const entry of entries) {
    const [name, value] = entry.includes('=') ? entry.split('=', 2) : [primaryApp(profile)?.name ?? '', entry];
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new AiProjenError(`--${optionName('ports')}: '${entry}' is not a TCP port (1-65535)`);
    }
    if (!(name in ports) && deployableApps(profile).length > 0) {
      throw new AiProjenError(`--${optionName('ports')}: no service named '${name}' (services: ${Object.keys(ports).join(', ')})`);
    }
    ports[name] = port;
  }
  return ports;
}

export function parseHealthPath(raw: unknown): string {
  const value = String(raw ?? '').trim();
  if (!/^\/[A-Za-z0-9._~\/-]*$/.test(value)) {
    throw new AiProjenError(`--health-check-path: '${value}' must be an absolute URL path like /health`);
  }
  return value;
}

export interface ServiceAnswers {
  projectName: string;
  ports?: Record<string, number>;
  healthCheckPath?: string;
  /** Folder the Docker plugin writes its files to (its `installPath` answer, '.' by default): the Dockerfiles live under it. */
  installPath?: string;
}

/** One service per deployable app, in detection order; names, files and routes are stable across runs. */
export function serviceSpecs(profile: ProjectProfile, answers: ServiceAnswers): ServiceSpec[] {
  const apps = deployableApps(profile);
  const single = apps.length === 1;
  const ports = answers.ports ?? defaultPorts(profile);
  const healthPath = answers.healthCheckPath ?? DEFAULT_HEALTH_PATH;
  const dockerDir = answers.installPath && answers.installPath !== '.' ? `${answers.installPath}/` : '';
  const catchAll = apps.find((app) => isNode(app) && app.kind === 'spa') ?? primaryApp(profile);
  return apps.map((app, index) => ({
    name: app.name,
    app,
    port: ports[app.name] ?? defaultPort(app),
    healthPath,
    dockerfile: dockerDir + (single && app.path === '.' ? 'Dockerfile' : `.docker/dockerfiles/${app.name}.Dockerfile`),
    // A workspace member builds from the workspace root: its lock file and sibling packages live there.
    context: isNode(app) && app.workspace ? app.workspace.root : app.path,
    image: single ? answers.projectName : `${answers.projectName}-${app.name}`,
    routePath: app === catchAll ? '/*' : `/${app.name === 'backend' ? 'api' : app.name}/*`,
    routePriority: app === catchAll ? 1000 : 100 + index * 10,
  }));
}

// AWS names, one per environment (each environment has its own state, and may share an account).
// Terraform computes the same strings from var.project_name / var.environment / the service key; the
// workflows use these functions. ALB and target-group names (<= 32 chars) are shortened in HCL only.
export const clusterName = (projectName: string, environment: string): string => `${projectName}-${environment}`;
export const ecsServiceName = (projectName: string, environment: string, service: string): string =>
  `${projectName}-${environment}-${service}`;
/** Task definition family; the container inside it is named after the service. */
export const taskFamily = ecsServiceName;
export const ecrRepositoryName = (projectName: string, environment: string, service: string): string =>
  `${projectName}-${environment}/${service}`;
