import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import type { SiteIdf } from '../zh/keywords.js';
import { FIELD_WEIGHTS, INDEX_FIELDS, type BackendFilter, type IndexDoc, type IndexField, type SearchBackend, type WindowOptions, type WindowRow } from './backend.js';
import type { ParsedQuery, Term, Unit } from './query.js';
import { CHECK_EVERY, RECENT_TIERS, recentFloors, trimRecent, type RecentTier } from './sqlite-hot.js';

// Published and unpublished articles live in two FTS5 tables (see migration 0003), so a
// reader's search never steps over drafts.
const TABLES = { published: 'search_fts', drafts: 'search_fts_drafts' } as const;
const COLUMNS = INDEX_FIELDS.join(', ');
// bm25() takes one weight per column, in the table's column order.
const WEIGHTS = INDEX_FIELDS.map((f) => FIELD_WEIGHTS[f].toFixed(1)).join(', ');
// SQLite allows 32,766 bound values per statement; 200 rows of 9 stay far below.
const CHUNK = 200;

type Row = { sort_key: number; rel: number };

/**
 * The search index on SQLite: FTS5 tables over the space-joined tokens (`unicode61` only splits
 * on the spaces the app put there), ranked by FTS5's weighted bm25(). Ranked reads of the
 * newest matches go to the tables of recent documents first (see sqlite-hot.ts).
 *
 * Queries are FTS5 expressions built from tokens only, each one quoted ("a""b" for a quote inside
 * a token), so no reader's text is ever parsed as FTS5 syntax.
 */
export class SqliteFtsBackend implements SearchBackend {
  readonly #db: Kysely<Database>;
  readonly #tiers: readonly RecentTier[];
  #added = 0;
  /** `recentSizes`: documents in each recent table (RECENT_TIERS; tests use a few). */
  constructor(db: Kysely<Database>, options: { recentSizes?: readonly number[] } = {}) {
    this.#db = db;
    this.#tiers = RECENT_TIERS.map((t, i) => ({ ...t, size: options.recentSizes?.[i] ?? t.size }));
  }

  async upsert(docs: readonly IndexDoc[]): Promise<void> {
    if (docs.length === 0) return;
    const added = await this.#db.transaction().execute(async (trx) => {
      await removeIn(trx, docs.map((d) => d.articleId), this.#tiers);
      const floors = await recentFloors(trx, this.#tiers);
      for (const [i, tier] of this.#tiers.entries()) await insertFts(trx, tier.table, docs.filter((d) => d.published && d.sortKey >= floors[i]!));
      for (let i = 0; i < docs.length; i += CHUNK) {
        const chunk = docs.slice(i, i + CHUNK);
        await trx
          .insertInto('search_docs')
          .values(chunk.map((d) => ({ sort_key: d.sortKey, article_id: d.articleId, published: d.published ? 1 : 0, section_id: d.sectionId, published_at: d.publishedAt })))
          .execute();
        for (const scope of ['published', 'drafts'] as const) await insertFts(trx, TABLES[scope], chunk.filter((d) => d.published === (scope === 'published')));
      }
      return docs.filter((d) => d.published).length;
    });
    this.#added += added;
    if (this.#added >= Math.min(CHECK_EVERY, ...this.#tiers.map((t) => t.size))) {
      this.#added = 0;
      for (const tier of this.#tiers) await trimRecent(this.#db, tier);
    }
  }

  async remove(articleIds: readonly number[]): Promise<void> {
    if (articleIds.length === 0) return;
    await this.#db.transaction().execute((trx) => removeIn(trx, articleIds, this.#tiers));
  }

  async newest(query: ParsedQuery, filter: BackendFilter, options: WindowOptions): Promise<WindowRow[]> {
    const match = matchExpression(query, options.field);
    if (!match) return [];
    // A recent table holds every published document at or above its floor, all newer than
    // any below it: when it has enough matches, they are the newest matches of the whole index.
    if (filter.scope === 'published' && options.rank && options.beforeKey === undefined) {
      const floors = await recentFloors(this.#db, this.#tiers);
      for (const [i, tier] of this.#tiers.entries()) {
        const rows = await this.#window(tier.table, match, { ...filter, fromKey: Math.max(filter.fromKey ?? 0, floors[i]!) }, options);
        if (rows.length === options.limit) return rows;
      }
    }
    return this.#window(TABLES[filter.scope], match, filter, options);
  }

  async #window(name: string, match: string, filter: BackendFilter, options: WindowOptions): Promise<WindowRow[]> {
    const table = sql.raw(name);
    const rel = options.rank ? sql`-bm25(${table}, ${sql.raw(WEIGHTS)})` : sql`0`;
    const { rows } = await sql<Row>`
      select ${table}.rowid as sort_key, ${rel} as rel
      from ${table} ${joinDocs(table, filter)}
      where ${where(table, match, filter, options.beforeKey)}
      order by ${table}.rowid desc
      limit ${options.limit} offset ${options.offset ?? 0}`.execute(this.#db);
    return rows.map((r) => ({ sortKey: r.sort_key, relevance: r.rel }));
  }

  async count(query: ParsedQuery, filter: BackendFilter, cap: number): Promise<number> {
    const match = matchExpression(query);
    if (!match) return 0;
    const table = sql.raw(TABLES[filter.scope]);
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from (select 1 from ${table} ${joinDocs(table, filter)} where ${where(table, match, filter)} limit ${cap}) as hits`.execute(this.#db);
    return Number(rows[0]?.n ?? 0);
  }

  async articleIdsOf(sortKeys: readonly number[]): Promise<Map<number, number>> {
    if (sortKeys.length === 0) return new Map();
    const rows = await this.#db.selectFrom('search_docs').select(['sort_key', 'article_id']).where('sort_key', 'in', sortKeys).execute();
    return new Map(rows.map((r) => [r.sort_key, r.article_id]));
  }

  async indexedArticleIds(): Promise<number[]> {
    const rows = await this.#db.selectFrom('search_docs').select('article_id').execute();
    return rows.map((r) => r.article_id);
  }

  async documentFrequencies(): Promise<SiteIdf> {
    const [{ rows: terms }, docs] = await Promise.all([
      sql<{ term: string; doc: number }>`select term, doc from search_fts_vocab`.execute(this.#db),
      this.#db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).where('published', '=', 1).executeTakeFirstOrThrow(),
    ]);
    return { documents: Number(docs.n), frequency: new Map(terms.map((t) => [t.term, t.doc])) };
  }

  async optimize(): Promise<void> {
    for (const tier of this.#tiers) await trimRecent(this.#db, tier, true);
    // Merges each index's segments into one: fewer b-trees for every query to walk.
    for (const table of [...Object.values(TABLES), ...this.#tiers.map((t) => t.table)]) await sql`insert into ${sql.raw(table)} (${sql.raw(table)}) values ('optimize')`.execute(this.#db);
  }
}

async function removeIn(db: Kysely<Database>, articleIds: readonly number[], tiers: readonly RecentTier[]): Promise<void> {
  for (let i = 0; i < articleIds.length; i += CHUNK) {
    const ids = articleIds.slice(i, i + CHUNK);
    const old = await db.selectFrom('search_docs').select(['sort_key', 'published']).where('article_id', 'in', ids).execute();
    if (old.length === 0) continue;
    for (const scope of ['published', 'drafts'] as const) {
      const keys = old.filter((r) => (r.published === 1) === (scope === 'published')).map((r) => r.sort_key);
      if (keys.length === 0) continue;
      // Deleting a rowid a contentless table does not hold is harmless: recent tables need no check.
      for (const table of scope === 'published' ? [TABLES.published, ...tiers.map((t) => t.table)] : [TABLES.drafts]) {
        await sql`delete from ${sql.raw(table)} where rowid in (${sql.join(keys)})`.execute(db);
      }
    }
    await db.deleteFrom('search_docs').where('article_id', 'in', ids).execute();
  }
}

async function insertFts(db: Kysely<Database>, table: string, docs: readonly IndexDoc[]): Promise<void> {
  if (docs.length === 0) return;
  for (let i = 0; i < docs.length; i += CHUNK) {
    const values = docs.slice(i, i + CHUNK).map((d) => sql`(${d.sortKey}, ${sql.join(INDEX_FIELDS.map((f) => d.fields[f].join(' ')))})`);
    await sql`insert into ${sql.raw(table)} (rowid, ${sql.raw(COLUMNS)}) values ${sql.join(values)}`.execute(db);
  }
}

/** The join filters on the article need; without them a query stays inside the FTS index. */
function joinDocs(table: RawBuilder<unknown>, f: BackendFilter): RawBuilder<unknown> {
  const needed = f.sectionIds !== undefined || f.tagId !== undefined || f.authorId !== undefined;
  return needed ? sql`join search_docs d on d.sort_key = ${table}.rowid` : sql``;
}

function where(table: RawBuilder<unknown>, match: string, f: BackendFilter, beforeKey?: number): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`${table} match ${match}`];
  // Date bounds are rowid ranges: FTS5 seeks straight to them.
  if (f.fromKey !== undefined) parts.push(sql`${table}.rowid >= ${f.fromKey}`);
  if (f.toKey !== undefined) parts.push(sql`${table}.rowid < ${f.toKey}`);
  if (beforeKey !== undefined) parts.push(sql`${table}.rowid < ${beforeKey}`);
  if (f.sectionIds) parts.push(f.sectionIds.length > 0 ? sql`d.section_id in (${sql.join(f.sectionIds)})` : sql`0 = 1`);
  if (f.tagId !== undefined) parts.push(sql`d.article_id in (select article_id from article_tags where tag_id = ${f.tagId})`);
  if (f.authorId !== undefined) parts.push(sql`d.article_id in (select article_id from article_authors where user_id = ${f.authorId})`);
  return sql.join(parts, sql` and `);
}

/**
 * The FTS5 expression for a parsed query, or undefined when nothing positive is asked for
 * (FTS5 cannot answer "everything except").
 *
 * @example
 * matchExpression(parseQuery('颱風 -地震', seg)) // '("台风") NOT ("地震")'
 */
export function matchExpression(q: ParsedQuery, field?: IndexField): string | undefined {
  if (q.must.length === 0) return undefined;
  const positive = q.must.map((group) => `(${group.map(unit).join(' OR ')})`).join(' AND ');
  const expr = q.not.length > 0 ? `(${positive}) NOT (${q.not.map(unit).join(' OR ')})` : positive;
  return field ? `{${field}} : (${expr})` : expr;
}

function unit(u: Unit): string {
  return `(${u.terms.map(term).join(u.kind === 'phrase' ? ' + ' : ' AND ')})`;
}

function term(t: Term): string {
  return `"${t.token.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`;
}
