import { test } from "node:test";
import assert from "node:assert/strict";
import { loadEnv } from "../src/env.js";
import { buildApp } from "../src/app.js";
import type { PrismaClient } from "../src/generated/prisma/client.js";

test("env: DATABASE_URL is required, PORT is coerced", () => {
  assert.throws(() => loadEnv({}), /DATABASE_URL/);
  const env = loadEnv({ DATABASE_URL: "postgresql://u:p@localhost:5432/db", PORT: "4000" });
  assert.equal(env.PORT, 4000);
});

test("GET / answers without touching the database", async () => {
  const fake = { $disconnect: async () => {} } as unknown as PrismaClient;
  const app = buildApp(fake);
  const res = await app.inject({ method: "GET", url: "/" });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { ok: true, service: "prisma-api" });
  await app.close();
});
