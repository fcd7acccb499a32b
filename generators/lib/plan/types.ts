// The run plan of one app: what it is and how it builds, starts, answers health checks, migrates, tests
// and lints, each fact with its evidence. Docker, GitHub Actions and Terraform render from this only.
import type { Evidence, Fact } from './evidence.js';

/** web: serves HTTP; static: built files served by nginx; worker: runs without a port; library, tool, mobile,
 * cli: not deployed as a service. */
export type AppKind = 'web' | 'static' | 'worker' | 'library' | 'tool' | 'mobile' | 'cli';

export const DEPLOYED_KINDS: ReadonlySet<AppKind> = new Set(['web', 'static', 'worker']);

/** How a container proves it is up: an HTTP GET of a path the app serves, a TCP connect, or nothing. */
export type HealthCheck = { kind: 'http'; path: string } | { kind: 'tcp' } | { kind: 'none' };

export type DataStore = 'postgres' | 'mysql' | 'sqlite' | 'redis' | 'mongodb';

export interface EnvVar {
  name: string;
  /** The app fails without it (no default in its settings). */
  required: boolean;
  /** A credential: never a plain value in compose files, ECS environment or logs. */
  secret: boolean;
  from: Evidence;
}

/** A variable the build reads: a public value the bundler inlines (NEXT_PUBLIC_*, VITE_*: a build argument,
 * no value of ours), or the switch an env schema offers to skip validation while building (a value). */
export interface BuildEnvVar {
  name: string;
  value?: string;
  from: Evidence;
}

export interface Worker {
  name: string;
  command: Fact<string[]>;
}

/** Two of the project's own files disagree on a value: the plan takes the first choice (sources in precedence
 * order), asks when interactive, and says which option picks another. */
export interface Ambiguity {
  field: 'port';
  /** The option that settles it (`ports`, as `<service>=<value>`). */
  option: string;
  /** Distinct values in precedence order; the plan took the first. */
  choices: Array<Fact<number | string>>;
}

export interface AppPlan {
  /** The app's service name and folder (as detection names them). */
  name: string;
  path: string;
  language: 'python' | 'node';
  kind: Fact<AppKind>;
  /** Production start command (exec form). */
  start: Fact<string[]>;
  /** Development command with reload. */
  dev: Fact<string[]>;
  port: Fact<number>;
  health: Fact<HealthCheck>;
  /** The project's own Dockerfile's ENTRYPOINT that owns the command line (a setup script), with its CMD: a
   * task that runs something before the image's command must run these, in this order, to keep it. */
  imageEntrypoint?: Fact<{ entrypoint: string[]; cmd: string[] }>;
  /** Applies the database migrations (run once per deploy, before the new version serves). */
  migrate?: Fact<string[]>;
  /** Build-time step that gathers static files (Django collectstatic). */
  staticFiles?: Fact<string[]>;
  tests: Array<Fact<string[]>>;
  lint: Array<Fact<string[]>>;
  /** Variables the app reads at run time. */
  env: EnvVar[];
  /** Variables the build (and the lint and test runs, which load the same config) reads. */
  buildEnv: BuildEnvVar[];
  dataStores: Array<Fact<DataStore>>;
  workers: Worker[];
  /** Where the project's files disagree (settled by the first choice unless an option or a prompt says otherwise). */
  ambiguities: Ambiguity[];
  notes: string[];
}
