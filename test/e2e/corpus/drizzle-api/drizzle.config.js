// drizzle-kit's configuration: `drizzle-kit generate` writes SQL migrations to ./drizzle, `drizzle-kit migrate` applies them.
const { defineConfig } = require('drizzle-kit');

module.exports = defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.js',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL },
});
