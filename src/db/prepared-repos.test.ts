import { sql, type CompiledQuery, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserRepo } from '../auth/user.repo.js';
import { ArticleRepo, CARD_COLUMNS } from '../content/article.repo.js';
import { TagRepo } from '../content/tag.repo.js';
import { CovisitRepo } from '../recommend/covisit.repo.js';
import { RelatedRepo } from '../recommend/related.repo.js';
import { WordsRepo } from '../recommend/words.repo.js';
import { testDialects } from './dialects.testkit.js';
import type { Db } from './dialect.js';
import type { Database } from './schema.js';

type K = Kysely<Database>;

// The page queries as the repositories built them before they used prepareQuery: what they
// send must not change by a byte.
const before = {
  byId: (k: K, id: number) => k.selectFrom('articles').selectAll().where('id', '=', id),
  cardRows: (k: K, ids: readonly number[]) => k.selectFrom('articles').select(CARD_COLUMNS).select(sql<string>`''`.as('body_html')).where('id', 'in', ids),
  tags: (k: K, ids: readonly number[]) =>
    k
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .selectAll('tags')
      .select('article_tags.article_id')
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.article_id')
      .orderBy('article_tags.position'),
  authors: (k: K, ids: readonly number[]) =>
    k
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .selectAll('users')
      .select('article_authors.article_id')
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.article_id')
      .orderBy('article_authors.position'),
  listedIds: (k: K, id: number, limit: number) =>
    k.selectFrom('related_lists').select('related_id').where('article_id', '=', id).orderBy('score', 'desc').orderBy('related_id', 'desc').limit(limit),
  topTerms: (k: K, id: number, limit: number) => k.selectFrom('article_terms').select('term').where('article_id', '=', id).orderBy('weight', 'desc').orderBy('term').limit(limit),
  neighbourhood: (k: K, id: number) =>
    k
      .selectFrom('covisit_pairs as p')
      .leftJoin('covisit_pairs as s', (j) => j.onRef('s.article_id', '=', 'p.other_id').onRef('s.other_id', '=', 'p.other_id'))
      .select(['p.other_id', 'p.weight', 's.weight as reads'])
      .where('p.article_id', '=', id)
      .limit(500),
  overrides: (k: K, id: number) => k.selectFrom('related_word_overrides').selectAll().where('article_id', '=', id).orderBy('position'),
};

const NOW = '2026-11-01T00:00:00.000Z';

async function seed(k: K): Promise<number[]> {
  const section = await k.insertInto('sections').values({ parent_id: null, slug: 'news', name: '新聞', description: '', position: 1, created_at: NOW, updated_at: NOW }).returning('id').executeTakeFirstOrThrow();
  const users = await k
    .insertInto('users')
    .values([0, 1].map((i) => ({ email: null, slug: `u${i}`, name: `作者${i}`, bio: '', role: 'author', password_hash: null, created_at: NOW, updated_at: NOW })))
    .returning('id')
    .execute();
  const tags = await k.insertInto('tags').values([0, 1, 2].map((i) => ({ slug: `t${i}`, name: `標籤${i}`, description: '', created_at: NOW }))).returning('id').execute();
  const ids: number[] = [];
  for (let i = 0; i < 4; i++) {
    const a = await k
      .insertInto('articles')
      .values({ slug: `a${i}`, title: `標題${i}`, subtitle: '', summary: '', body_html: '<p>正文</p>', cover_media_id: null, cover_caption: '', cover_credit: '', section_id: section.id, source_name: '', source_url: '', lang: 'zh-Hant', status: i === 3 ? 'draft' : 'published', is_headline: 0, is_featured: 0, is_slideshow: 0, published_at: NOW, created_at: NOW, updated_at: NOW, correction_note: '', corrected_at: null, version: 1, publish_at: null, created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(a.id);
  }
  for (const [i, id] of ids.entries()) {
    await k.insertInto('article_tags').values(tags.slice(0, 3 - (i % 3)).map((t, position) => ({ article_id: id, tag_id: t.id, position }))).execute();
    await k.insertInto('article_authors').values(users.slice(0, 1 + (i % 2)).map((u, position) => ({ article_id: id, user_id: u.id, position }))).execute();
    await k.insertInto('related_lists').values(ids.filter((o) => o !== id).map((o, j) => ({ article_id: id, related_id: o, score: j % 2 }))).execute();
    await k.insertInto('covisit_pairs').values(ids.map((o, j) => ({ article_id: id, other_id: o, weight: j + 0.5 }))).execute();
    await k.insertInto('article_terms').values(['氣候', '貿易', '峰會'].map((term, j) => ({ article_id: id, term, weight: (j % 2) / 2 }))).execute();
    await k.insertInto('related_word_overrides').values(['甲', '乙'].map((word, j) => ({ article_id: id, word, label: word, action: j ? 'hide' : 'pin', position: 2 - j, created_at: NOW }))).execute();
  }
  return ids;
}

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`page queries built once on ${dialect.name}`, () => {
    let db: Db;
    let ids: number[];
    beforeAll(async () => {
      db = await dialect.open();
      ids = await seed(db.kysely);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('send the same SQL and values as before, and get the same rows', async () => {
      const k = db.kysely;
      const sent: CompiledQuery[] = [];
      const execute = k.executeQuery.bind(k);
      const spy = vi.spyOn(k, 'executeQuery').mockImplementation((q) => {
        sent.push('compile' in q ? q.compile() : q);
        return execute(q);
      });
      const articles = new ArticleRepo(k);
      const tags = new TagRepo(k);
      const users = new UserRepo(k);
      const related = new RelatedRepo(k);
      const covisit = new CovisitRepo(k);
      const words = new WordsRepo(k);
      const [a, b, c, d] = ids as [number, number, number, number];
      const long = [...Array.from({ length: 70 }, (_, i) => 100_000 + i), b, d];
      const cases: Array<[() => Promise<unknown>, { compile(): CompiledQuery }]> = [];
      for (const id of [a, b, d, 999_999]) {
        cases.push([() => articles.byId(id), before.byId(k, id)]);
        cases.push([() => related.listedIds(id, 2), before.listedIds(k, id, 2)]);
        cases.push([() => related.topTerms(id, 5), before.topTerms(k, id, 5)]);
        cases.push([() => covisit.neighbourhood(id, 10), before.neighbourhood(k, id)]);
        cases.push([() => words.overrides(id), before.overrides(k, id)]);
      }
      for (const list of [[a], [c], [b, d], [d, a, c], long]) {
        cases.push([() => articles.publishedCardRows(list), before.cardRows(k, list)]);
        cases.push([() => tags.forArticles(list), before.tags(k, list)]);
        cases.push([() => users.forArticles(list), before.authors(k, list)]);
      }
      for (const [call, query] of cases) {
        sent.length = 0;
        await call();
        const want = query.compile();
        expect(sent.map((q) => [q.sql, q.parameters])).toEqual([[want.sql, want.parameters]]);
      }
      spy.mockRestore();

      // And the rows are those of the queries as built before.
      expect(await articles.byId(b)).toEqual(await before.byId(k, b).executeTakeFirst());
      expect(await articles.byId(999_999)).toBeUndefined();
      expect((await articles.publishedCardRows([d, b, a])).map((r) => r.id).sort()).toEqual([a, b].sort());
      expect(await tags.forArticles([c, a])).toEqual(await before.tags(k, [c, a]).execute());
      expect(await users.forArticles([b])).toEqual(await before.authors(k, [b]).execute());
      expect(await related.listedIds(a, 2)).toEqual((await before.listedIds(k, a, 2).execute()).map((r) => r.related_id));
      expect(await related.topTerms(c, 2)).toEqual((await before.topTerms(k, c, 2).execute()).map((r) => r.term));
      expect((await related.topTerms(c, 2))[0]).toBe('貿易');
      // Self rows (weight i + 0.5 for the i-th article) are each neighbour's session reads.
      expect(await covisit.neighbourhood(a, 2)).toEqual({
        reads: 0.5,
        pairs: [
          { otherId: d, weight: 3.5, reads: 3.5 },
          { otherId: c, weight: 2.5, reads: 2.5 },
        ],
      });
      await k.deleteFrom('covisit_pairs').where('article_id', '=', d).where('other_id', '=', d).execute();
      expect((await covisit.neighbourhood(a, 1)).pairs).toEqual([{ otherId: d, weight: 3.5, reads: null }]);
      expect(await words.overrides(b)).toEqual([
        { word: '乙', label: '乙', action: 'hide', createdAt: NOW },
        { word: '甲', label: '甲', action: 'pin', createdAt: NOW },
      ]);
    });

    it('run inside the transaction a repository was made with', async () => {
      const [a] = ids as [number];
      await db.kysely
        .transaction()
        .execute(async (trx) => {
          await trx.deleteFrom('related_lists').where('article_id', '=', a).execute();
          // Had they run on the root instance, SQLite would wait for the transaction's connection and PostgreSQL would still see the rows.
          expect(await new RelatedRepo(trx).listedIds(a, 5)).toEqual([]);
          expect(await new TagRepo(trx).forArticles([a])).toHaveLength(3);
          throw Object.assign(new Error('roll back'), { rollback: true });
        })
        .catch((err: { rollback?: boolean }) => {
          if (!err.rollback) throw err;
        });
      expect(await new RelatedRepo(db.kysely).listedIds(a, 5)).toHaveLength(3);
    });
  });
}
