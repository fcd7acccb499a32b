// Pure: (detected profile, answers) -> every value the terraform-aws templates need. No file system, no
// network, no clock: the same inputs always give the same output (unit-tested directly).
import { AiProjenError } from '../lib/errors.js';
import { MAX_NAME_LENGTH } from '../lib/names.js';
import { connectionVars, sqlUrlScheme, type ConnectionPart, type SqlEngine } from '../lib/plan/connection.js';
import { isSigningSecret } from '../lib/plan/env-names.js';
import type { AppPlan } from '../lib/plan/index.js';
import { isNode, isPython, type App, type ProjectProfile } from '../lib/profile.js';
import { optionName } from '../lib/questions.js';
import {
  backendConfigFile,
  clusterName,
  type DockerfileMode,
  deployableApps,
  INFRA_DIR,
  WORKSPACES,
  type Workspace,
  ecrRepositoryName,
  ecsServiceName,
  parameterName,
  parameterPath,
  serviceSpecs,
  taskFamily,
} from '../lib/services.js';
import { VERSIONS, type Versions } from '../lib/versions.js';

export const PLUGIN = 'terraform-aws';
export const GENERATOR = `ai-projen:${PLUGIN}`;
export const REGENERATE = `npx ai-projen ${PLUGIN}`;

export { INFRA_DIR, S3_WORKSPACES, WORKSPACES, type Workspace } from '../lib/services.js';
export const DEFAULT_VPC_CIDR = '10.0.0.0/16';
/** Service of a project without a detected app (terraform-aws runs on an empty folder too). */
export const FALLBACK_SERVICE = 'app';
export const FALLBACK_PORT = 8000;
/** Name of a 32-character project used by the shipped tests to prove every AWS name stays within its limit. */
export const LONG_PROJECT_NAME = 'acme-enterprise-platform-service';
/** Project the shipped tests plan with: they test the modules' logic, not the project's tfvars (and so a
 * workspace renders the same for projects with the same services and environments). */
export const TEST_PROJECT_NAME = 'acme-shop';
/** Repository the shipped tests use for the deploy role (independent of the --oidc-repo answer). */
export const TEST_GITHUB_REPOSITORY = 'example-org/example-repo';
export const TEST_ACCOUNT_ID = '123456789012';

export const MAKE_TARGETS = [
  'infra-bootstrap',
  'infra-init',
  'infra-plan',
  'infra-apply',
  'infra-destroy',
  'infra-output',
  'infra-secrets',
  'infra-fmt',
  'infra-validate',
  'infra-test',
] as const;

export const GITIGNORE_LINES = [
  '.terraform/',
  '*.tfstate',
  '*.tfstate.*',
  '*.tfplan',
  'crash.log',
  'crash.*.log',
  'override.tf',
  'override.tf.json',
  '*_override.tf',
  '*_override.tf.json',
  '*.secret.tfvars',
  '*.secrets.tfvars',
  '*.secrets.env',
  'secrets.auto.tfvars',
  '.terraformrc',
  'terraform.rc',
];

/** How the task's container health check probes the app: the command every image of that kind has. */
export type HealthRuntime = 'python' | 'node' | 'bun' | 'static' | 'generic';

export interface TerraformService {
  /** Service, container and ECR repository suffix. */
  name: string;
  port: number;
  /** HTTP path of the health checks; '' when the app serves no route a probe can call (TCP check). */
  healthPath: string;
  routePath: string;
  routePriority: number;
  runtime: HealthRuntime;
  /** Names other plugins use for this service in each environment. */
  names: Record<string, { ecrRepository: string; ecsService: string; taskFamily: string }>;
  /** What the image runs (the plan's start command, or a kept Dockerfile's ENTRYPOINT + CMD): the task's command
   * when its start script runs first. */
  start: string[];
  /** The kept Dockerfile's ENTRYPOINT that owns the command line ([] for none): the start script keeps it in front
   * of the migration command too. */
  entrypoint: string[];
  /** The plan's migration command ([] without one): the one-off migration task runs it. */
  migrate: string[];
  /** Settings the app requires, has no default for and that are no credentials: `environment` from var.app_environment. */
  settings: string[];
  /** Credentials the app requires (other than its database's): SSM SecureStrings, set outside Terraform. */
  secrets: string[];
  /** The app's SQL database (RDS PostgreSQL or MySQL): its URL scheme and which of its variables carries which part. */
  database?: { engine: SqlEngine; scheme: string; env: Array<{ part: ConnectionPart; name: string }> };
  /** The app's Redis (ElastiCache): which of its variables carries the URL, host or port. */
  cache?: { env: Array<{ part: ConnectionPart; name: string }> };
  /** What the cloud does not provide for this service (sqlite, MySQL, MongoDB, optional credentials): run notes. */
  notes: string[];
}

export interface EnvironmentValues {
  name: string;
  stateBucket: string;
  singleNatGateway: boolean;
  logRetentionDays: number;
  taskCpu: number;
  taskMemory: number;
  desiredCount: number;
  maxCount: number;
  clusterName: string;
  prod: boolean;
}

export interface BackendConfig {
  workspace: Workspace;
  environment: string;
  /** Project-relative path of the .hcl file. */
  path: string;
  /** S3 backends: bucket/key/region; bootstrap: the local state path. */
  kind: 's3' | 'local';
  bucket?: string;
  key?: string;
  region?: string;
  localPath?: string;
}

export interface TerraformAnswers {
  projectName: string;
  awsRegion: string;
  environments: string[];
  ports?: Record<string, number>;
  healthCheckPath?: string;
  vpcCidr?: string;
  oidcRepo?: string;
  /** Which Dockerfile the images are built from when the project has its own (keep: theirs). */
  dockerfile?: DockerfileMode;
}

export interface TerraformContext {
  versions: Versions;
  generator: string;
  regenerate: string;
  /** `#` comment lines that open every generated HCL file / Makefile block. */
  header: string;
  /** Same, as an HTML comment for Markdown. */
  mdHeader: string;
  projectName: string;
  awsRegion: string;
  environments: string[];
  environmentValues: EnvironmentValues[];
  vpcCidr: string;
  oidcRepo: string;
  healthCheckPath: string;
  services: TerraformService[];
  /** What an SSM parameter holds until `make infra-secrets` sets it. */
  unsetValue: string;
  /** RDS PostgreSQL major, MySQL line and ElastiCache Redis version: the ones the compose stacks and CI run. */
  dataStoreVersions: { postgres: string; mysql: string; redis: string };
  /** What the run tells the user: per service (data stores the cloud lacks, optional settings left unset), and
   * which settings and credentials to set before the runtime workspace plans and its tasks start. */
  notes: string[];
  /** The engine of the environment's RDS instance (the first service's that uses one); undefined without one. */
  databaseEngine: SqlEngine | undefined;
  workspaces: readonly Workspace[];
  backendConfigs: BackendConfig[];
  infraDir: string;
  makeTargets: readonly string[];
  /** Values of the shipped terraform tests. */
  test: {
    projectName: string;
    /** The cross-plugin names of a service of the test project (services.ts). */
    names: (environment: string, service: string) => { ecrRepository: string; ecsService: string; taskFamily: string };
    longProjectName: string;
    /** An environment name that is not in `environments` (for the expect_failures run). */
    unknownEnvironment: string;
    /** The longest environment name: the worst case for name lengths. */
    longestEnvironment: string;
    githubRepository: string;
    accountId: string;
    stateBucket: (projectName: string, environment: string) => string;
    /** The stand-ins the runtime tests give for the base workspace's data stores and SSM parameters. */
    database: { address: string; name: string; secretArn: string };
    cache: { address: string };
    parameterArn: (service: string, name: string) => string;
    /** What the runtime tests expect a service's container to get: plain env, and secrets (name -> valueFrom). */
    environment: (service: TerraformService, environment: string) => Record<string, string>;
    secrets: (service: TerraformService) => Record<string, string>;
    composesUrl: (service: TerraformService) => boolean;
    wrapped: (service: TerraformService) => boolean;
    hclMap: (map: Record<string, string>) => string;
    hclList: (items: readonly string[]) => string;
  };
  /** `"key" = value` lines aligned the way `terraform fmt` aligns them. */
  align: (pairs: ReadonlyArray<readonly [string, string]>, indent: string) => string;
  hcl: (value: string) => string;
}

// ---------------------------------------------------------------------------------------------------------
// Answer parsers (pure, used by the generator's questions)

/** An IPv4 network in CIDR form with a /16 to /24 prefix (room for 2x8 subnets of prefix + 4). */
export function parseVpcCidr(raw: unknown): string {
  const value = String(raw ?? '').trim();
  const fail = (why: string): never => {
    throw new AiProjenError(`--${optionName('vpcCidr')}: '${value}' ${why}`);
  };
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return fail('is not an IPv4 CIDR like 10.0.0.0/16');
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255)) fail('has an octet above 255');
  if (prefix < 16 || prefix > 24) fail('must have a prefix between /16 and /24 (public and private subnets are carved out of it)');
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) {
    const network = address - (address % size);
    const text = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
    fail(`is not a network address (did you mean ${text}/${prefix}?)`);
  }
  return value;
}

/** `owner/name` of the GitHub repository allowed to deploy; '' for none. GitHub URLs are accepted. */
export function parseOidcRepo(raw: unknown): string {
  let value = String(raw ?? '').trim();
  value = value
    .replace(/^(?:https?:\/\/|ssh:\/\/git@|git@)github\.com[/:]/, '')
    .replace(/\.git$/, '')
    .replace(/\/$/, '');
  if (value === '') return '';
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/.test(value) || /\/\.\.?$/.test(value)) {
    throw new AiProjenError(`--${optionName('oidcRepo')}: '${String(raw)}' is not a GitHub repository like owner/name`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Names

/**
 * The remote-state bucket of one environment: `<project>-<env>-tfstate-<region>`. Deterministic, so the
 * backend configuration can be written before the bucket exists. S3 names are at most 63 characters: a long
 * project name is cut (never the environment or the region, which keep the name unique per environment).
 */
export function stateBucketName(projectName: string, environment: string, region: string): string {
  const suffix = `-${environment}-tfstate-${region}`;
  const room = 63 - suffix.length;
  const project = projectName.length <= room ? projectName : projectName.slice(0, room).replace(/-+$/, '');
  return `${project}${suffix}`;
}

/** Which command the container health check can rely on in this service's image. */
export function healthRuntime(app: App | undefined): HealthRuntime {
  if (!app) return 'generic';
  if (isPython(app)) return 'python';
  if (isNode(app)) return app.kind === 'spa' ? 'static' : app.packageManager === 'bun' ? 'bun' : 'node';
  return 'generic';
}

/** One service per detected app (services.ts), or a single `app` service for a project without one. */
export function terraformServices(profile: ProjectProfile, answers: TerraformAnswers): TerraformService[] {
  const withNames = (service: Omit<TerraformService, 'names'>): TerraformService => ({
    ...service,
    names: Object.fromEntries(
      answers.environments.map((env) => [
        env,
        {
          ecrRepository: ecrRepositoryName(answers.projectName, env, service.name),
          ecsService: ecsServiceName(answers.projectName, env, service.name),
          taskFamily: taskFamily(answers.projectName, env, service.name),
        },
      ]),
    ),
  });
  // No app (a new project) or only workspace libraries: one generic service until the first app exists.
  if (deployableApps(profile).length === 0) {
    const ports = answers.ports ?? {};
    const port = ports[FALLBACK_SERVICE] ?? ports[''] ?? Object.values(ports)[0] ?? FALLBACK_PORT;
    // Nothing to read a route from yet: the given path, else a TCP check.
    return [withNames({ name: FALLBACK_SERVICE, port, healthPath: answers.healthCheckPath ?? '', routePath: '/*', routePriority: 1000, runtime: 'generic', start: [], entrypoint: [], migrate: [], settings: [], secrets: [], notes: [] })];
  }
  return serviceSpecs(profile, answers).map((spec) =>
    withNames({
      name: spec.name,
      port: spec.port,
      healthPath: spec.healthPath,
      routePath: spec.routePath,
      routePriority: spec.routePriority,
      runtime: healthRuntime(spec.app),
      ...runtimeConfig(spec.name, spec.plan, spec.app, answers.dockerfile),
    }),
  );
}


type RuntimeConfig = Pick<TerraformService, 'start' | 'entrypoint' | 'migrate' | 'settings' | 'secrets' | 'database' | 'cache' | 'notes'>;

/**
 * What the service's tasks are given at start, from its plan: the database and cache Terraform provisions, in
 * the variables the app reads (plan/connection.ts, as compose and CI have them); the other settings it requires
 * (no default in its code): credentials from SSM, plain values from shared/<env>.tfvars. Optional settings keep
 * the app's own defaults.
 */
export function runtimeConfig(service: string, plan: AppPlan, app: App, dockerfile: DockerfileMode = 'keep'): RuntimeConfig {
  const stores = new Set(plan.dataStores.map((store) => store.value));
  const notes: string[] = [];
  const pick = (store: 'sql' | 'redis') => connectionVars(plan, store).map(({ part, name }) => ({ part, name }));
  const engine: SqlEngine | undefined = stores.has('postgres') ? 'postgres' : stores.has('mysql') ? 'mysql' : undefined;
  const database = engine ? { engine, scheme: sqlUrlScheme(app, engine), env: pick('sql') } : undefined;
  const cache = stores.has('redis') ? { env: pick('redis') } : undefined;
  const wired = new Set([...(database?.env ?? []), ...(cache?.env ?? [])].map((v) => v.name));
  const own = plan.env.filter((v) => !wired.has(v.name));
  const from = (name: string) => plan.dataStores.find((store) => store.value === name)?.from ?? '';
  if (stores.has('sqlite')) notes.push(`terraform-aws: ${service} uses SQLite (${from('sqlite')}): Fargate tasks have no durable disk, its data is lost on every deploy; move it to PostgreSQL (RDS) for the cloud`);
  if (stores.has('mysql') && stores.has('postgres')) notes.push(`terraform-aws: ${service} uses MySQL (${from('mysql')}) as well as PostgreSQL: only PostgreSQL is declared on RDS`);
  if (stores.has('mongodb')) notes.push(`terraform-aws: ${service} uses MongoDB (${from('mongodb')}): no database is declared for it; use MongoDB Atlas or Amazon DocumentDB and put its URL in an SSM SecureString`);
  if (database?.env.some((v) => v.part === 'url') && healthRuntime(app) === 'generic') notes.push(`terraform-aws: ${service} reads its database URL, which the task composes at start with the image's runtime; this image has none ai-projen knows`);
  // Required credentials, and signing keys even with a default in the code (a development value).
  const secrets = own.filter((v) => v.secret && (v.required || isSigningSecret(v.name))).map((v) => v.name);
  const optional = own.filter((v) => !v.required && !secrets.includes(v.name)).map((v) => v.name);
  if (optional.length > 0) notes.push(`terraform-aws: ${service} reads ${optional.join(', ')} with defaults in its code: the ECS task leaves them unset (add them to app_environment in shared/<env>.tfvars, or as SSM parameters, to override)`);
  // The project's own Dockerfile is what gets built (kept): its ENTRYPOINT (a setup script) and CMD are what the
  // image runs, and the task's start script must not drop them.
  const image = dockerfile === 'keep' ? plan.imageEntrypoint?.value : undefined;
  return {
    start: image ? [...image.entrypoint, ...image.cmd] : [...plan.start.value],
    entrypoint: image ? [...image.entrypoint] : [],
    migrate: plan.migrate ? [...plan.migrate.value] : [],
    settings: own.filter((v) => v.required && !v.secret).map((v) => v.name),
    secrets,
    ...(database ? { database } : {}),
    ...(cache ? { cache } : {}),
    notes,
  };
}

/** The placeholder of an SSM parameter nobody has set (the task's start script refuses to run with it). */
export const UNSET_VALUE = 'unset: ENV=<env> make infra-secrets';

/** The PostgreSQL major of the compose stacks' image for RDS; ElastiCache's newest Redis OSS of the same major. */
export function dataStoreVersions(): { postgres: string; mysql: string; redis: string } {
  const major = (image: string) => /:(\d+)/.exec(image)?.[1] ?? '';
  const redis = major(VERSIONS.images.redis);
  // RDS takes MySQL as major.minor (8.4, the LTS line), PostgreSQL as its major.
  return { postgres: major(VERSIONS.images.postgres), mysql: /:(\d+\.\d+)/.exec(VERSIONS.images.mysql)?.[1] ?? '', redis: ELASTICACHE_REDIS[redis] ?? `${redis}.0` };
}
/** ElastiCache's Redis OSS engine versions (it offers no patch versions to pin), by major. */
const ELASTICACHE_REDIS: Record<string, string> = { '6': '6.2', '7': '7.1' };

/** Per-environment defaults written once into shared/<env>.tfvars (the user owns them afterwards). */
export function environmentValues(projectName: string, environment: string, region: string): EnvironmentValues {
  const prod = environment === 'prod' || environment === 'production';
  return {
    name: environment,
    stateBucket: stateBucketName(projectName, environment, region),
    // One NAT gateway is cheap but a single point of failure: dev only, one per AZ everywhere else.
    singleNatGateway: environment === 'dev',
    logRetentionDays: environment === 'dev' ? 14 : prod ? 90 : 30,
    taskCpu: prod ? 512 : 256,
    taskMemory: prod ? 1024 : 512,
    desiredCount: prod ? 2 : 1,
    maxCount: prod ? 6 : 3,
    clusterName: clusterName(projectName, environment),
    prod,
  };
}

export function backendConfigs(projectName: string, environments: readonly string[], region: string): BackendConfig[] {
  const configs: BackendConfig[] = [];
  for (const workspace of WORKSPACES) {
    for (const environment of environments) {
      const path = `${INFRA_DIR}/${backendConfigFile(workspace, environment)}`;
      if (workspace === 'bootstrap') {
        configs.push({ workspace, environment, path, kind: 'local', localPath: `state/${environment}.tfstate` });
      } else {
        configs.push({
          workspace,
          environment,
          path,
          kind: 's3',
          bucket: stateBucketName(projectName, environment, region),
          key: `${workspace}/${environment}/terraform.tfstate`,
          region,
        });
      }
    }
  }
  return configs;
}

/** A name that is not one of `environments` (qa, qa1, qa2...). */
export function unknownEnvironment(environments: readonly string[]): string {
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? 'qa' : `qa${i}`;
    if (!environments.includes(candidate)) return candidate;
  }
}

/** An HCL string literal (the values we put in are validated, so escaping is a safety net). */
export function hcl(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

/** `key = value` lines with the `=` aligned, as `terraform fmt` aligns consecutive attributes. */
export function align(pairs: ReadonlyArray<readonly [string, string]>, indent: string): string {
  const width = Math.max(0, ...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`).join('\n');
}

function runNotes(services: readonly TerraformService[]): string[] {
  const list = (pick: (s: TerraformService) => string[]) => services.filter((s) => pick(s).length > 0).map((s) => `${s.name}: ${pick(s).join(', ')}`).join('; ');
  const settings = list((s) => s.settings);
  const secrets = list((s) => s.secrets);
  return [
    ...services.flatMap((service) => service.notes),
    ...(settings ? [`terraform-aws: set ${settings} in app_environment of shared/<env>.tfvars (planning the runtime workspace fails until they are set)`] : []),
    ...(secrets ? [`terraform-aws: after applying base, store ${secrets} with \`ENV=<env> make infra-secrets FILE=<NAME=value file>\` (a task refuses to start while one holds the placeholder)`] : []),
  ];
}

/** One RDS instance per environment: the engine of the first service with a database (the others' is noted). */
function databaseEngineOf(services: readonly TerraformService[]): SqlEngine | undefined {
  const engines = [...new Set(services.flatMap((s) => (s.database ? [s.database.engine] : [])))];
  for (const service of services) {
    if (service.database && service.database.engine !== engines[0]) service.notes.push(`terraform-aws: ${service.name} uses ${service.database.engine}, the environment's RDS instance is ${engines[0]} (another service's): add a second instance for it`);
  }
  return engines[0];
}

const composesUrl = (service: TerraformService): boolean => Boolean(service.database?.env.some((v) => v.part === 'url'));

/** The runtime tests' stand-ins for the base workspace's outputs, and what ecs.tf must make of them: written
 * out here, apart from ecs.tf, so the shipped tests check its logic instead of repeating it. */
function runtimeTestValues(region: string): Omit<TerraformContext['test'], 'projectName' | 'names' | 'longProjectName' | 'unknownEnvironment' | 'longestEnvironment' | 'githubRepository' | 'accountId' | 'stateBucket'> {
  const database = { address: 'db.example.internal', name: 'acme_shop', secretArn: `arn:aws:secretsmanager:${region}:${TEST_ACCOUNT_ID}:secret:rds!db-0123-AbCdEf` };
  const cache = { address: 'master.cache.example.internal' };
  const parameterArn = (service: string, name: string) => `arn:aws:ssm:${region}:${TEST_ACCOUNT_ID}:parameter${parameterName(TEST_PROJECT_NAME, 'env', service, name)}`;
  return {
    database,
    cache,
    parameterArn,
    environment: (service, environment) => {
      const env: Record<string, string> = {};
      for (const name of service.settings) env[name] = `test-${name.toLowerCase().replace(/_/g, '-')}`;
      const port = service.database?.engine === 'mysql' ? '3306' : '5432';
      const db: Partial<Record<string, string>> = { host: database.address, port, database: database.name, user: 'app' };
      for (const { name, part } of service.database?.env ?? []) if (db[part] !== undefined) env[name] = db[part]!;
      const redis: Partial<Record<string, string>> = { url: `rediss://${cache.address}:6379/0`, host: cache.address, port: '6379' };
      for (const { name, part } of service.cache?.env ?? []) env[name] = redis[part] ?? '';
      if (composesUrl(service)) {
        Object.assign(env, { RDS_HOST: database.address, RDS_PORT: port, RDS_DB_NAME: database.name, RDS_URL_SCHEME: service.database!.scheme });
        env.AI_PROJEN_URL_VARS = service.database!.env.filter((v) => v.part === 'url').map((v) => v.name).join(' ');
      }
      if (service.secrets.length > 0) {
        Object.assign(env, { AI_PROJEN_REQUIRED: service.secrets.join(' '), AI_PROJEN_UNSET: UNSET_VALUE, AI_PROJEN_PARAMETERS: parameterPath(TEST_PROJECT_NAME, environment, service.name) });
      }
      return env;
    },
    secrets: (service) => {
      const out: Record<string, string> = {};
      for (const name of service.secrets) out[name] = parameterArn(service.name, name);
      for (const { name, part } of service.database?.env ?? []) if (part === 'password') out[name] = `${database.secretArn}:password::`;
      if (composesUrl(service)) Object.assign(out, { RDS_USERNAME: `${database.secretArn}:username::`, RDS_PASSWORD: `${database.secretArn}:password::` });
      return out;
    },
    composesUrl,
    wrapped: (service) => composesUrl(service) || service.secrets.length > 0,
    hclMap: (map) => (Object.keys(map).length === 0 ? '{}' : `{ ${Object.entries(map).map(([k, v]) => `${k} = ${hcl(v)}`).join(', ')} }`),
    hclList: (items) => `[${items.map(hcl).join(', ')}]`,
  };
}

export function buildContext(profile: ProjectProfile, answers: TerraformAnswers): TerraformContext {
  if (answers.projectName.length > MAX_NAME_LENGTH) {
    throw new AiProjenError(`project name '${answers.projectName}' is longer than ${MAX_NAME_LENGTH} characters`);
  }
  const environments = [...answers.environments];
  const vpcCidr = parseVpcCidr(answers.vpcCidr ?? DEFAULT_VPC_CIDR);
  const oidcRepo = parseOidcRepo(answers.oidcRepo ?? '');
  const longestEnvironment = environments.reduce((a, b) => (b.length > a.length ? b : a), environments[0] ?? 'dev');
  const services = terraformServices(profile, { ...answers, environments });
  return {
    versions: VERSIONS,
    generator: GENERATOR,
    regenerate: REGENERATE,
    header: `# Generated by ai-projen (${GENERATOR}). Regenerate: ${REGENERATE}\n# (a file you changed is kept unless you pass --force).`,
    mdHeader: `<!-- Generated by ai-projen (${GENERATOR}). Regenerate: ${REGENERATE} (a file you changed is kept unless you pass --force). -->`,
    projectName: answers.projectName,
    awsRegion: answers.awsRegion,
    environments,
    environmentValues: environments.map((env) => environmentValues(answers.projectName, env, answers.awsRegion)),
    vpcCidr,
    oidcRepo,
    healthCheckPath: answers.healthCheckPath ?? '',
    services,
    unsetValue: UNSET_VALUE,
    dataStoreVersions: dataStoreVersions(),
    databaseEngine: databaseEngineOf(services),
    notes: runNotes(services),
    workspaces: WORKSPACES,
    backendConfigs: backendConfigs(answers.projectName, environments, answers.awsRegion),
    infraDir: INFRA_DIR,
    makeTargets: MAKE_TARGETS,
    test: {
      projectName: TEST_PROJECT_NAME,
      names: (environment, service) => ({
        ecrRepository: ecrRepositoryName(TEST_PROJECT_NAME, environment, service),
        ecsService: ecsServiceName(TEST_PROJECT_NAME, environment, service),
        taskFamily: taskFamily(TEST_PROJECT_NAME, environment, service),
      }),
      longProjectName: LONG_PROJECT_NAME,
      unknownEnvironment: unknownEnvironment(environments),
      longestEnvironment,
      githubRepository: TEST_GITHUB_REPOSITORY,
      accountId: TEST_ACCOUNT_ID,
      stateBucket: (projectName, environment) => stateBucketName(projectName, environment, answers.awsRegion),
      ...runtimeTestValues(answers.awsRegion),
    },
    align,
    hcl,
  };
}
