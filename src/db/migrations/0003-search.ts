import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

// The full-text index's columns, in the order both dialects weigh them (see src/search/).
const FTS_COLUMNS = 'title, subtitle, summary, body, tags, section, authors, source';
// unicode61 over tokens the app has already segmented and normalized (jieba over t2s text):
// FTS5 only has to split on the spaces. Not trigram: it cannot match 2-character words.
const FTS_OPTIONS = "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'";

/**
 * Search index DDL per dialect. Each list is that dialect's own SQL; the search backends in
 * src/search/ query these tables.
 *
 * SQLite: `search_docs` maps a time-ordered key (`sort_key`, the FTS rowid) to its article;
 * `search_fts` holds published articles and `search_fts_drafts` every other status, so public
 * searches never filter drafts out row by row; `search_fts_recent` and `search_fts_recent_large`
 * repeat the newest published ones, so that ranking (bm25 counts each term's documents first)
 * stays cheap on a large archive.
 * All are contentless: snippets come from the articles themselves.
 *
 * PostgreSQL: one row per article with a weighted tsvector built from the same tokens and one
 * of the title alone (typeahead), GIN indexes for matching, a (published, sort_key) index for
 * newest-first windows and one on sort_key alone to find the articles of a page of results.
 */
const DDL: Record<DialectAdapter['name'], readonly string[]> = {
  sqlite: [
    `create table search_docs (
       sort_key integer primary key,
       article_id integer not null unique,
       published integer not null,
       section_id integer not null,
       published_at text
     )`,
    `create virtual table search_fts using fts5(${FTS_COLUMNS}, ${FTS_OPTIONS})`,
    `create virtual table search_fts_drafts using fts5(${FTS_COLUMNS}, ${FTS_OPTIONS})`,
    `create virtual table search_fts_recent using fts5(${FTS_COLUMNS}, ${FTS_OPTIONS})`,
    `create virtual table search_fts_recent_large using fts5(${FTS_COLUMNS}, ${FTS_OPTIONS})`,
    `create virtual table search_fts_vocab using fts5vocab(search_fts, 'row')`,
  ],
  postgres: [
    // Kept in the row (up to a page) rather than in TOAST: ranking and filtering read the
    // tsvector of every candidate, and fetching it from TOAST costs several index lookups each.
    `create table search_docs (
       article_id integer primary key references articles(id) on delete cascade,
       sort_key bigint not null,
       published integer not null,
       section_id integer not null,
       published_at timestamptz,
       tsv tsvector not null,
       title_tsv tsvector not null
     ) with (toast_tuple_target = 8160)`,
    `alter table search_docs alter column tsv set storage main`,
    `create index search_docs_tsv on search_docs using gin (tsv)`,
    // Titles alone, small: typeahead's prefix queries need no recheck against the whole vector.
    `create index search_docs_title_tsv on search_docs using gin (title_tsv)`,
    `create index search_docs_order on search_docs (published, sort_key desc)`,
    `create index search_docs_sort_key on search_docs (sort_key)`,
  ],
};

/** The search index, keyword statistics and the editors' word list that segmentation uses. */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  for (const statement of DDL[adapter.name]) await sql.raw(statement).execute(db);
  // Document frequencies of indexed tokens (keyword IDF), written by each full rebuild.
  await db.schema
    .createTable('search_terms')
    .addColumn('term', 'text', (c) => c.primaryKey())
    .addColumn('df', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('user_words')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('created_at', adapter.timestampType, (c) => c.notNull())
    .execute();
}
