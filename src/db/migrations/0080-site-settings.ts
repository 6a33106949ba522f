import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * Site settings an admin changes in the newsroom (src/settings): one row per setting that has
 * been set, its value as JSON. A setting without a row keeps the configuration's value (flag,
 * environment or default), so an empty table means "as configured". Who changed a setting and
 * when is kept beside it for the settings screen; the full history is in the audit log.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('site_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', adapter.timestampType, (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
}
