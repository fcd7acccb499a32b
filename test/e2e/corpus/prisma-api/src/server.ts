import { loadEnv } from "./env.js";
import { createPrisma } from "./db.js";
import { buildApp } from "./app.js";

const env = loadEnv();
const app = buildApp(createPrisma(env.DATABASE_URL));
await app.listen({ host: env.HOST, port: env.PORT });
console.log(`listening on http://${env.HOST}:${env.PORT}`);
