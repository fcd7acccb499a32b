import "dotenv/config";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Offline setup (binaries.prisma.sh unreachable): engine "js" + a driver adapter makes
// migrate/db commands use the Wasm schema engine bundled in the prisma package, so no
// schema-engine binary is downloaded.
//
// Work-arounds for @prisma/adapter-pg as the schema engine's driver:
//  - it cannot map the Postgres catalog types "char" (oid 18) and name (oid 19) that the
//    schema engine reads (prisma/orm#27403: "Column type 'name' could not be deserialized"),
//    so results report them as text (oid 25);
//  - its own shadow-database helper drops the database while still connected, so
//    `migrate dev` uses the pre-created database in SHADOW_DATABASE_URL instead,
//    emptied on each use.
// Prisma 6 reads engineType = "client" from schema.prisma only if env("DATABASE_URL") there
// resolves; if it does not (no .env, e.g. `prisma generate` in CI postinstall), the CLI falls
// back to the Rust query engine and tries to download it. generate needs no database, so a
// placeholder is set for it; migrate/db commands still require the real DATABASE_URL.
const DATABASE_URL = process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://unset:unset@localhost:5432/unset";

const CATALOG_TEXT_OIDS = new Set([18, 19]);
type Result = { fields?: { dataTypeID: number }[] } | undefined;
function asText<T extends Result>(res: T): T {
  for (const f of res?.fields ?? []) if (CATALOG_TEXT_OIDS.has(f.dataTypeID)) f.dataTypeID = 25;
  return res;
}
class CatalogSafeClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(config: any, values?: any, cb?: any): any {
    if (typeof values === "function") [cb, values] = [values, undefined];
    if (typeof cb === "function") {
      return super.query(config, values, (err: Error, res: Result) => cb(err, err ? res : asText(res)));
    }
    const out = super.query(config, values);
    return out && typeof out.then === "function" ? out.then(asText) : out;
  }
}

function pool(url: string | undefined) {
  if (!url) throw new Error("DATABASE_URL is not set");
  return new pg.Pool({ connectionString: url, Client: CatalogSafeClient });
}

export default defineConfig({
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
  },
  engine: "js",
  async adapter() {
    const shadowUrl = process.env.SHADOW_DATABASE_URL;
    class PrismaPgForMigrate extends PrismaPg {
      override async connectToShadowDb() {
        if (!shadowUrl) throw new Error("set SHADOW_DATABASE_URL for prisma migrate dev");
        const shadow = await new PrismaPg(pool(shadowUrl)).connect();
        // the schema engine expects an empty database on every call
        await shadow.executeScript('DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public";');
        return shadow;
      }
    }
    return new PrismaPgForMigrate(pool(DATABASE_URL));
  },
});
