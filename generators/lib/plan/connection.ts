// How an app is told where its database and cache are: in the variables it reads (DATABASE_URL, or the
// separate POSTGRES_SERVER / POSTGRES_USER / ... of a settings class), never in names it does not read.
// Compose (and the cloud) fill them; this module only says which name carries which part.
import { isPython, type App } from '../profile.js';
import type { AppPlan } from './types.js';

export type ConnectionPart = 'url' | 'host' | 'port' | 'user' | 'password' | 'database';

const SQL_NAMES: Record<ConnectionPart, readonly string[]> = {
  url: ['DATABASE_URL', 'DB_URL', 'POSTGRES_URL', 'POSTGRES_DSN', 'DATABASE_DSN', 'SQLALCHEMY_DATABASE_URI', 'SQLALCHEMY_DATABASE_URL', 'MYSQL_URL'],
  host: ['POSTGRES_SERVER', 'POSTGRES_HOST', 'PGHOST', 'DB_HOST', 'DATABASE_HOST', 'MYSQL_HOST'],
  port: ['POSTGRES_PORT', 'PGPORT', 'DB_PORT', 'DATABASE_PORT', 'MYSQL_PORT'],
  user: ['POSTGRES_USER', 'PGUSER', 'DB_USER', 'DB_USERNAME', 'DATABASE_USER', 'MYSQL_USER'],
  password: ['POSTGRES_PASSWORD', 'PGPASSWORD', 'DB_PASSWORD', 'DATABASE_PASSWORD', 'MYSQL_PASSWORD'],
  database: ['POSTGRES_DB', 'PGDATABASE', 'DB_NAME', 'DB_DATABASE', 'DATABASE_NAME', 'MYSQL_DATABASE'],
};
const REDIS_NAMES: Partial<Record<ConnectionPart, readonly string[]>> = {
  url: ['REDIS_URL', 'REDIS_DSN', 'CACHE_URL', 'CELERY_BROKER_URL', 'BROKER_URL'],
  host: ['REDIS_HOST'],
  port: ['REDIS_PORT'],
};

export interface ConnectionVar {
  name: string;
  part: ConnectionPart;
  /** The app reads it (evidence), or it is the conventional name because the app reads none of them. */
  from: string;
}

/** The variables that carry the connection to `store`, as the app reads them; DATABASE_URL / REDIS_URL when it reads none. */
export function connectionVars(plan: AppPlan, store: 'sql' | 'redis'): ConnectionVar[] {
  const table = store === 'sql' ? SQL_NAMES : REDIS_NAMES;
  const read = new Map(plan.env.map((v) => [v.name, v.from]));
  const out: ConnectionVar[] = [];
  for (const [part, names] of Object.entries(table) as Array<[ConnectionPart, readonly string[]]>) {
    for (const name of names) if (read.has(name)) out.push({ name, part, from: read.get(name)! });
  }
  if (out.length > 0) return out;
  return [{ name: store === 'sql' ? 'DATABASE_URL' : 'REDIS_URL', part: 'url', from: 'default (the app reads no connection variable ai-projen recognises)' }];
}

/** Where a SQL server is (values may be compose interpolations such as `${POSTGRES_USER:-app}`). */
export interface SqlEndpoint {
  host: string;
  port: string;
  user: string;
  password: string;
  database: string;
}

/** The SQL servers the stacks run: PostgreSQL, or MySQL for an app whose driver is a MySQL one. */
export type SqlEngine = 'postgres' | 'mysql';

/** The URL scheme of the app's driver: SQLAlchemy picks its driver from it (asyncpg, psycopg 3, PyMySQL...). */
export function sqlUrlScheme(app: App, engine: SqlEngine = 'postgres'): string {
  const deps = new Set(app.dependencies);
  if (engine === 'mysql') {
    if (!isPython(app) || !deps.has('sqlalchemy') && !deps.has('sqlmodel') && !deps.has('flask-sqlalchemy')) return 'mysql';
    const driver = (['pymysql', 'aiomysql', 'asyncmy'] as const).find((name) => deps.has(name));
    return driver ? `mysql+${driver}` : deps.has('mysql-connector-python') ? 'mysql+mysqlconnector' : 'mysql';
  }
  if (!isPython(app)) return 'postgresql';
  if (deps.has('asyncpg')) return 'postgresql+asyncpg';
  if (deps.has('sqlalchemy') && deps.has('psycopg') && !deps.has('psycopg2') && !deps.has('psycopg2-binary')) return 'postgresql+psycopg';
  return 'postgresql';
}

/** name -> value of the variables the app reads to reach its SQL server at `at` (compose, CI service containers). */
export function sqlEnv(plan: AppPlan, app: App, at: SqlEndpoint, engine: SqlEngine = 'postgres'): Array<[string, string]> {
  const value: Record<ConnectionPart, string> = {
    url: `${sqlUrlScheme(app, engine)}://${at.user}:${at.password}@${at.host}:${at.port}/${at.database}`,
    host: at.host,
    port: at.port,
    user: at.user,
    password: at.password,
    database: at.database,
  };
  return connectionVars(plan, 'sql').map((v) => [v.name, value[v.part]]);
}

/** name -> value of the variables the app reads to reach Redis at host:port. */
export function redisEnv(plan: AppPlan, host: string, port: string): Array<[string, string]> {
  const value: Partial<Record<ConnectionPart, string>> = { url: `redis://${host}:${port}/0`, host, port };
  return connectionVars(plan, 'redis').map((v) => [v.name, value[v.part] ?? '']);
}
