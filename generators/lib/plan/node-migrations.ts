// The migration tool of a Node app and the data store it names: Prisma (schema + migrations/), Drizzle
// (drizzle.config + the SQL drizzle-kit generated), Knex (knexfile + migrations), TypeORM (the project's own
// migration:run script). The command applies committed migrations only; it never generates or pushes a schema.
import { relJoin } from '../detect-shared.js';
import { at, fact, type Evidence, type Fact, type SourceReader } from './evidence.js';
import type { DataStore } from './types.js';

export interface NodeMigrations {
  /** The Prisma schema (package.json `prisma.schema`, else prisma/schema.prisma), when Prisma is used. */
  prisma?: Fact<string>;
  /** Generates the code the app imports (the Prisma client): before lint, tests, builds and the dev server. */
  generate?: Fact<string[]>;
  migrate?: Fact<string[]>;
  /** Stores the ORM's configuration names (a datasource provider, a dialect, a client). */
  stores: Array<Fact<DataStore>>;
  notes: string[];
}

export interface MigrationInputs {
  appPath: string;
  reader: SourceReader;
  /** App-relative files (bounded listing). */
  paths: readonly string[];
  has: (dependency: string) => boolean;
  scripts: Readonly<Record<string, string>>;
  /** `package.json` text and the app's `prisma.schema` field, when set. */
  prismaField?: string;
  prismaFieldFrom: Evidence;
  /** How the manager runs a script, and the evidence of a script. */
  run: (script: string) => string[];
  script: (name: string) => Evidence;
  label: string;
}

const STORE_WORDS: Readonly<Record<string, DataStore>> = {
  postgresql: 'postgres', postgres: 'postgres', pg: 'postgres', 'pg-native': 'postgres',
  mysql: 'mysql', mysql2: 'mysql', mariadb: 'mysql',
  sqlite: 'sqlite', sqlite3: 'sqlite', 'better-sqlite3': 'sqlite', turso: 'sqlite', libsql: 'sqlite',
  mongodb: 'mongodb',
};

const firstFile = (reader: SourceReader, appPath: string, names: readonly string[]): { file: string; text: string } | undefined => {
  for (const file of names) {
    const text = reader.read(relJoin(appPath, file));
    if (text !== undefined) return { file, text };
  }
  return undefined;
};

export function nodeMigrations(input: MigrationInputs): NodeMigrations {
  const { appPath, reader, paths, has, scripts, label } = input;
  const out: NodeMigrations = { stores: [], notes: [] };
  const store = (word: string | undefined, from: Evidence) => {
    const value = word ? STORE_WORDS[word.toLowerCase()] : undefined;
    if (value && !out.stores.some((s) => s.value === value)) out.stores.push(fact(value, from));
  };

  // Prisma: the datasource provider, `prisma migrate deploy` when migrations are committed.
  const schemaFile = input.prismaField ?? (reader.read(relJoin(appPath, 'prisma/schema.prisma')) !== undefined ? 'prisma/schema.prisma' : undefined);
  if ((has('prisma') || has('@prisma/client')) && schemaFile) {
    out.prisma = fact(schemaFile, input.prismaField ? input.prismaFieldFrom : relJoin(appPath, schemaFile));
    out.generate = fact(['prisma', 'generate', '--schema', schemaFile], out.prisma.from);
    const schema = reader.read(relJoin(appPath, schemaFile)) ?? '';
    const provider = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(schema);
    if (provider) store(provider[1], at(relJoin(appPath, schemaFile), schema, provider.index + provider[0].indexOf('provider')));
    const dir = schemaFile.replace(/[^/]+$/, '');
    if (paths.some((f) => f.startsWith(`${dir}migrations/`))) out.migrate = fact(['prisma', 'migrate', 'deploy'], `${relJoin(appPath, dir)}migrations/`);
    return out;
  }

  // Drizzle: the config's dialect and `out` folder; drizzle-kit migrate applies what drizzle-kit generate wrote.
  const drizzle = has('drizzle-kit') ? firstFile(reader, appPath, ['drizzle.config.ts', 'drizzle.config.mts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.cjs', 'drizzle.config.json']) : undefined;
  if (drizzle) {
    const dialect = /["']?dialect["']?\s*:\s*["'](\w+)["']/.exec(drizzle.text);
    if (dialect) store(dialect[1], at(relJoin(appPath, drizzle.file), drizzle.text, dialect.index));
    const outDir = (/["']?out["']?\s*:\s*["']\.?\/?([^"']+?)\/?["']/.exec(drizzle.text)?.[1]) ?? 'drizzle';
    if (paths.some((f) => f.startsWith(`${outDir}/`) && f.endsWith('.sql'))) out.migrate = fact(['drizzle-kit', 'migrate'], `${relJoin(appPath, outDir)}/ (${relJoin(appPath, drizzle.file)})`);
    else out.notes.push(`${label}: ${relJoin(appPath, drizzle.file)} writes migrations to ${outDir}/, which has none: run \`drizzle-kit generate\` and commit them (the stacks apply them with \`drizzle-kit migrate\`)`);
    return out;
  }

  // Knex: the knexfile's client, `knex migrate:latest`.
  const knex = has('knex') ? firstFile(reader, appPath, ['knexfile.js', 'knexfile.cjs', 'knexfile.mjs', 'knexfile.ts']) : undefined;
  if (knex) {
    const client = /\bclient\s*:\s*["']([\w-]+)["']/.exec(knex.text);
    if (client) store(client[1], at(relJoin(appPath, knex.file), knex.text, client.index));
    out.migrate = fact(['knex', 'migrate:latest', ...(knex.file === 'knexfile.js' ? [] : ['--knexfile', knex.file])], relJoin(appPath, knex.file));
    return out;
  }

  // TypeORM: its CLI needs the project's data source (and a TypeScript loader), which its own script names.
  if (has('typeorm')) {
    const name = Object.keys(scripts).find((s) => /\btypeorm\b.*\bmigration:run\b/.test(scripts[s]!));
    if (name) out.migrate = fact(input.run(name), input.script(name));
    else out.notes.push(`${label}: TypeORM without a script that runs \`typeorm migration:run\`: add one (e.g. "migration:run": "typeorm-ts-node-commonjs migration:run -d src/data-source.ts") and re-run, so the stacks can migrate`);
  }
  return out;
}
