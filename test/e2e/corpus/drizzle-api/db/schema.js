const { pgTable, serial, text, timestamp } = require('drizzle-orm/pg-core');

exports.notes = pgTable('notes', {
  id: serial('id').primaryKey(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
});
