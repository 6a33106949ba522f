import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * Editors' changes to an article's related words (相關詞): a pinned word is shown first, in
 * pin order, whether or not it is a keyword; a hidden keyword is never shown. `word` is the
 * normalized form (either script matches it), `label` what the editor typed.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('related_word_overrides')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    // Pins show in this order; timestamps alone tie when two pins land in one millisecond.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', adapter.timestampType, (c) => c.notNull())
    .addPrimaryKeyConstraint('related_word_overrides_pk', ['article_id', 'word'])
    .execute();
}
