// Which client library means which data store, per language: the one table the plan (and through it compose,
// CI and Terraform) takes data stores from. A store the project's settings name (Django ENGINE, a Prisma
// datasource) beats a driver that is merely installed.
import type { DataStore } from './types.js';

type Clients = Readonly<Partial<Record<DataStore, readonly string[]>>>;

export const PYTHON_CLIENTS: Clients = {
  postgres: ['psycopg', 'psycopg2', 'psycopg2-binary', 'psycopg-binary', 'asyncpg', 'pg8000'],
  mysql: ['mysqlclient', 'pymysql', 'mysql-connector-python', 'aiomysql', 'asyncmy'],
  redis: ['redis', 'aioredis', 'django-redis', 'rq', 'arq'],
  mongodb: ['pymongo', 'motor', 'mongoengine', 'beanie'],
};

export const NODE_CLIENTS: Clients = {
  postgres: ['pg', 'postgres', 'pg-promise'],
  mysql: ['mysql2', 'mysql'],
  redis: ['ioredis', 'redis', '@redis/client', 'bullmq', 'bull'],
  mongodb: ['mongodb', 'mongoose'],
};

/** The first client of `store` among the dependencies. */
export const clientOf = (clients: Clients, store: DataStore, has: (name: string) => boolean): string | undefined => clients[store]?.find(has);
