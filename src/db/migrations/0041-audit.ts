import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * The audit log: every write and every sign-in, with who, what, when and from where. Actor ids
 * carry no foreign key on purpose: the log outlives the users and tokens it names.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await adapter
    .idColumn(db.schema.createTable('audit_log'))
    .addColumn('at', adapter.timestampType, (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_token_id', 'integer')
    // session | token | cli | anonymous
    .addColumn('actor_via', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    // JSON object.
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_user_id', 'id']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();
}
