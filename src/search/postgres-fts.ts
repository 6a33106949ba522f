import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/index.js';
import type { SiteIdf } from '../zh/keywords.js';
import { FIELD_WEIGHTS, INDEX_FIELDS, type BackendFilter, type IndexDoc, type IndexField, type SearchBackend, type WindowOptions, type WindowRow } from './backend.js';
import type { ParsedQuery, Term, Unit } from './query.js';

type WeightClass = 'A' | 'B' | 'C' | 'D';

// A tsvector has four weight classes for our eight fields: title alone in A (so typeahead can
// ask for titles only), tags in B, the lead and bylines in C, the rest in D.
const CLASS_OF: Readonly<Record<IndexField, WeightClass>> = {
  title: 'A',
  tags: 'B',
  subtitle: 'C',
  summary: 'C',
  authors: 'C',
  body: 'D',
  section: 'D',
  source: 'D',
};
// ts_rank's weights are {D, C, B, A}; the strongest field of each class sets its weight,
// scaled so that a title match counts 1.
const RANK_WEIGHTS = (['D', 'C', 'B', 'A'] as const)
  .map((c) => Math.max(...INDEX_FIELDS.filter((f) => CLASS_OF[f] === c).map((f) => FIELD_WEIGHTS[f])) / FIELD_WEIGHTS.title)
  .map((w) => w.toFixed(3))
  .join(',');
// PostgreSQL keeps positions up to 16383 and at most 256 per lexeme.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;
// A gap between fields, so that a phrase never spans the end of one and the start of another.
const FIELD_GAP = 2;
const CHUNK = 200;

type Row = { sort_key: number; rel: number };

/**
 * The search index on PostgreSQL: one row per article with a weighted `tsvector` of the same
 * tokens SQLite indexes, a GIN index, and ts_rank for relevance: term frequency by field weight,
 * normalized by document length, like BM25 without its IDF (every result of an AND query holds
 * every term anyway). ts_rank_cd (cover density) was tried and ranked body-only mentions that
 * happen to sit close together above title matches, and costs three times as much.
 *
 * Both the tsvector and the tsquery are written as literals from tokens the app produced, each
 * quoted, and cast: no text search parser or `to_tsquery` ever sees a reader's input.
 */
export class PostgresFtsBackend implements SearchBackend {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async upsert(docs: readonly IndexDoc[]): Promise<void> {
    if (docs.length === 0) return;
    await this.#db.transaction().execute(async (trx) => {
      for (let i = 0; i < docs.length; i += CHUNK) {
        const values = docs
          .slice(i, i + CHUNK)
          .map(
            (d) =>
              sql`(${d.articleId}, ${d.sortKey}, ${d.published ? 1 : 0}, ${d.sectionId}, ${d.publishedAt}::timestamptz, ${tsvectorLiteral(d)}::tsvector, ${titleLiteral(d)}::tsvector)`,
          );
        await sql`
          insert into search_docs (article_id, sort_key, published, section_id, published_at, tsv, title_tsv) values ${sql.join(values)}
          on conflict (article_id) do update set sort_key = excluded.sort_key, published = excluded.published,
            section_id = excluded.section_id, published_at = excluded.published_at, tsv = excluded.tsv, title_tsv = excluded.title_tsv`.execute(trx);
      }
    });
  }

  async remove(articleIds: readonly number[]): Promise<void> {
    for (let i = 0; i < articleIds.length; i += CHUNK) {
      await this.#db.deleteFrom('search_docs').where('article_id', 'in', articleIds.slice(i, i + CHUNK)).execute();
    }
  }

  async newest(query: ParsedQuery, filter: BackendFilter, options: WindowOptions): Promise<WindowRow[]> {
    // Title-only queries (typeahead) read the small title vector, all else the whole one.
    const q = tsqueryLiteral(query);
    if (!q) return [];
    const column = options.field === 'title' ? sql`d.title_tsv` : sql`d.tsv`;
    // The window is cut first and ranked after, so ts_rank reads only the rows returned.
    const rel = options.rank ? sql`ts_rank(${`{${RANK_WEIGHTS}}`}::float4[], w.tsv, ${q}::tsquery, 1)` : sql`0`;
    const { rows } = await sql<Row>`
      select w.sort_key, ${rel} as rel
      from (select d.sort_key, d.tsv from search_docs d
            where ${where(q, filter, options.beforeKey, column)}
            order by d.sort_key desc limit ${options.limit} offset ${options.offset ?? 0}) as w
      order by w.sort_key desc`.execute(this.#db);
    return rows.map((r) => ({ sortKey: Number(r.sort_key), relevance: Number(r.rel) }));
  }

  async count(query: ParsedQuery, filter: BackendFilter, cap: number): Promise<number> {
    const q = tsqueryLiteral(query);
    if (!q) return 0;
    // Unordered on purpose: ordered by sort key, the planner walks that index and checks rows
    // one by one, which for words that are common apart but rare together (华东 能源 集团)
    // reads most of the table; the GIN bitmap's cost does not depend on its estimate.
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from (select 1 from search_docs d where ${where(q, filter)} limit ${cap}) as hits`.execute(this.#db);
    return Number(rows[0]?.n ?? 0);
  }

  async articleIdsOf(sortKeys: readonly number[]): Promise<Map<number, number>> {
    if (sortKeys.length === 0) return new Map();
    const rows = await this.#db.selectFrom('search_docs').select(['sort_key', 'article_id']).where('sort_key', 'in', sortKeys).execute();
    return new Map(rows.map((r) => [Number(r.sort_key), r.article_id]));
  }

  async indexedArticleIds(): Promise<number[]> {
    const rows = await this.#db.selectFrom('search_docs').select('article_id').execute();
    return rows.map((r) => r.article_id);
  }

  async documentFrequencies(): Promise<SiteIdf> {
    const [{ rows }, docs] = await Promise.all([
      sql<{ word: string; ndoc: number }>`select word, ndoc from ts_stat('select tsv from search_docs where published = 1')`.execute(this.#db),
      this.#db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).where('published', '=', 1).executeTakeFirstOrThrow(),
    ]);
    return { documents: Number(docs.n), frequency: new Map(rows.map((r) => [r.word, Number(r.ndoc)])) };
  }

  async optimize(): Promise<void> {
    // Moves GIN's pending list into the index proper and refreshes the planner's statistics.
    await sql`select gin_clean_pending_list('search_docs_tsv'::regclass)`.execute(this.#db);
    await sql`analyze search_docs`.execute(this.#db);
  }
}

function where(q: string, f: BackendFilter, beforeKey?: number, column: RawBuilder<unknown> = sql`d.tsv`): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`d.published = ${f.scope === 'published' ? 1 : 0}`, sql`${column} @@ ${q}::tsquery`];
  if (f.fromKey !== undefined) parts.push(sql`d.sort_key >= ${f.fromKey}`);
  if (f.toKey !== undefined) parts.push(sql`d.sort_key < ${f.toKey}`);
  if (beforeKey !== undefined) parts.push(sql`d.sort_key < ${beforeKey}`);
  if (f.sectionIds) parts.push(f.sectionIds.length > 0 ? sql`d.section_id in (${sql.join(f.sectionIds)})` : sql`false`);
  if (f.tagId !== undefined) parts.push(sql`d.article_id in (select article_id from article_tags where tag_id = ${f.tagId})`);
  if (f.authorId !== undefined) parts.push(sql`d.article_id in (select article_id from article_authors where user_id = ${f.authorId})`);
  return sql.join(parts, sql` and `);
}

/** A tsvector literal: every token quoted, with its positions and its field's weight class. */
export function tsvectorLiteral(doc: IndexDoc): string {
  const positions = new Map<string, string[]>();
  let pos = 1;
  for (const field of INDEX_FIELDS) {
    const cls = CLASS_OF[field];
    for (const token of doc.fields[field]) {
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(pos, MAX_POSITION)}${cls}`);
      positions.set(token, list);
      pos++;
    }
    pos += FIELD_GAP;
  }
  return [...positions].map(([token, list]) => `${quote(token)}:${list.join(',')}`).join(' ');
}

/** The title's own tsvector literal (positions from 1, no weight), for typeahead. */
export function titleLiteral(doc: IndexDoc): string {
  const positions = new Map<string, number[]>();
  doc.fields.title.forEach((token, i) => {
    const list = positions.get(token) ?? [];
    if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(Math.min(i + 1, MAX_POSITION));
    positions.set(token, list);
  });
  return [...positions].map(([token, list]) => `${quote(token)}:${list.join(',')}`).join(' ');
}

/**
 * The tsquery literal for a parsed query, or undefined when nothing positive is asked for.
 *
 * @example
 * tsqueryLiteral(parseQuery('"绿色 债券" -地震', seg)) // "('绿色' <-> '债券') & !('地震')"
 */
export function tsqueryLiteral(q: ParsedQuery, field?: IndexField): string | undefined {
  if (q.must.length === 0) return undefined;
  const weight = field ? CLASS_OF[field] : '';
  const positive = q.must.map((group) => `(${group.map((u) => unit(u, weight)).join(' | ')})`).join(' & ');
  return [positive, ...q.not.map((u) => `!${unit(u, '')}`)].join(' & ');
}

function unit(u: Unit, weight: string): string {
  return `(${u.terms.map((t) => term(t, weight)).join(u.kind === 'phrase' ? ' <-> ' : ' & ')})`;
}

function term(t: Term, weight: string): string {
  const label = `${t.prefix ? '*' : ''}${weight}`;
  return `${quote(t.token)}${label ? `:${label}` : ''}`;
}

function quote(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
