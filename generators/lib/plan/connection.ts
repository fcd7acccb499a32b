// How an app is told where its database and cache are: in the variables it reads (DATABASE_URL, or the
// separate POSTGRES_SERVER / POSTGRES_USER / ... of a settings class), never in names it does not read.
// Compose (and the cloud) fill them; this module only says which name carries which part.
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
