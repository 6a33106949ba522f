import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqlite, type Db } from '../db/index.js';
import { INDEX_FIELDS, sortKeyOf, type IndexDoc } from './backend.js';
import type { ParsedQuery } from './query.js';
import { RECENT_TIERS, recentFloors } from './sqlite-hot.js';
import { SqliteFtsBackend } from './sqlite-fts.js';

// The recent tables are SQLite's own speed-up (the conformance suite covers behaviour on both
// dialects): here they are made tiny so that windows, trimming and fallbacks all happen.
const SIZES = [5, 12];
const q = (token: string): ParsedQuery => ({ text: token, must: [[{ kind: 'all', terms: [{ token, prefix: false }] }]], not: [], highlight: [token], truncated: false });

function doc(id: number, published = true, minutes = id): IndexDoc {
  const fields = Object.fromEntries(INDEX_FIELDS.map((f) => [f, [] as string[]])) as Record<(typeof INDEX_FIELDS)[number], string[]>;
  fields.title = ['x', ...(id % 3 === 0 ? ['y'] : [])];
  fields.body = id % 10 === 0 ? ['z'] : [];
  const at = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
  return { articleId: id, sortKey: sortKeyOf(at, id), published, sectionId: 1, publishedAt: at, fields };
}

describe('the SQLite recent tables', () => {
  let db: Db;
  let backend: SqliteFtsBackend;
  const docs = new Map<number, IndexDoc>();
  // What the whole index would answer: the newest matches, by key.
  const expected = (token: string, limit: number, offset = 0) =>
    [...docs.values()]
      .filter((d) => d.published && [...d.fields.title, ...d.fields.body].includes(token))
      .map((d) => d.sortKey)
      .sort((a, b) => b - a)
      .slice(offset, offset + limit);
  const keys = async (token: string, limit: number, offset = 0) => (await backend.newest(q(token), { scope: 'published' }, { limit, offset, rank: true })).map((r) => r.sortKey);

  beforeAll(async () => {
    db = openSqlite(':memory:');
    await migrateToLatest(db);
    backend = new SqliteFtsBackend(db.kysely, { recentSizes: SIZES });
    for (let id = 1; id <= 40; id++) docs.set(id, doc(id, id % 7 !== 0));
    await backend.upsert([...docs.values()]);
    await backend.optimize();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps only the newest published documents above each floor', async () => {
    const floors = await recentFloors(db.kysely, RECENT_TIERS);
    const published = [...docs.values()].filter((d) => d.published).map((d) => d.sortKey).sort((a, b) => b - a);
    expect(floors).toEqual(SIZES.map((n) => published[n - 1]));
  });

  it('answers windows exactly as the whole index would, inside and beyond the recent table', async () => {
    for (const [token, limit, offset] of [['x', 3, 0], ['x', 5, 0], ['x', 10, 0], ['x', 20, 0], ['x', 3, 4], ['x', 3, 9], ['y', 2, 0], ['y', 4, 0], ['y', 6, 0], ['z', 1, 0], ['z', 5, 0]] as const) {
      expect(await keys(token, limit, offset), `${token} ${limit} ${offset}`).toEqual(expected(token, limit, offset));
    }
    const ranked = await backend.newest(q('x'), { scope: 'published' }, { limit: 3, rank: true });
    expect(ranked.every((r) => r.relevance > 0)).toBe(true);
  });

  it('stays exact as documents are unpublished, back-dated and added', async () => {
    const newest = [...docs.values()].filter((d) => d.published).sort((a, b) => b.sortKey - a.sortKey)[0]!;
    docs.set(newest.articleId, doc(newest.articleId, false));
    await backend.upsert([docs.get(newest.articleId)!]);
    expect(await keys('x', 5)).toEqual(expected('x', 5));
    // Republished with an old date: below the floor, it belongs to the full table only.
    docs.set(newest.articleId, doc(newest.articleId, true, -100));
    await backend.upsert([docs.get(newest.articleId)!]);
    expect(await keys('x', 50)).toEqual(expected('x', 50));
    for (let id = 41; id <= 60; id++) {
      docs.set(id, doc(id));
      await backend.upsert([docs.get(id)!]);
    }
    for (const [token, limit] of [['x', 5], ['x', 30], ['y', 4], ['z', 3]] as const) expect(await keys(token, limit), `${token} ${limit}`).toEqual(expected(token, limit));
    await backend.remove([60, 59]);
    docs.delete(60);
    docs.delete(59);
    expect(await keys('x', 6)).toEqual(expected('x', 6));
    expect(await backend.count(q('x'), { scope: 'published' }, 1000)).toBe(expected('x', 1000).length);
  });
});
