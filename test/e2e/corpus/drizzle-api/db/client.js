const { drizzle } = require('drizzle-orm/node-postgres');
const { Pool } = require('pg');
const schema = require('./schema');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

module.exports = drizzle(pool, { schema });
