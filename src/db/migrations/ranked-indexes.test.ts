import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../dialect.js';
import { migrateToLatest } from '../migrate.js';
import { openSqlite } from '../sqlite/sqlite.js';

/** SQLite's plan for `query`, one line per step. */
async function planOf(db: Db, query: string): Promise<string> {
  const { rows } = await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(db.kysely);
  return rows.map((r) => r.detail).join('\n');
}

describe('0130-ranked-indexes on SQLite', () => {
  let db: Db | undefined;
  afterEach(async () => db?.close());

  it('reads a related list and a keyword list in index order, with no sort', async () => {
    db = openSqlite(':memory:');
    await migrateToLatest(db);
    // The statements the related and keyword repositories run on every article page.
    const related = await planOf(db, 'select "related_id" from "related_lists" where "article_id" = 1 order by "score" desc, "related_id" desc limit 10');
    expect(related).toContain('COVERING INDEX related_lists_ranked');
    expect(related).not.toContain('TEMP B-TREE');
    const terms = await planOf(db, 'select "term" from "article_terms" where "article_id" = 1 order by "weight" desc, "term" limit 8');
    expect(terms).toContain('COVERING INDEX article_terms_ranked');
    expect(terms).not.toContain('TEMP B-TREE');
  });
});
