import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * The integrity guard's findings on each article's stored body (src/guard/integrity.ts), as a
 * JSON array of `{rule, reason, location}` written by every save. Null means the article was
 * saved before the guard existed: readers inspect the body on the fly instead.
 */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('articles').addColumn('integrity_findings', 'text').execute();
}
