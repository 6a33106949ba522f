import { describe, expect, it } from 'vitest';
import { KEYS_PER_SECOND, type BackendFilter, type SearchBackend, type WindowOptions, type WindowRow } from './backend.js';
import { blendedScore, COUNT_CAP, RANK_WINDOW, rankedPage, topK, type RankedRow } from './ranking.js';
import type { ParsedQuery } from './query.js';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const query: ParsedQuery = { text: 'x', must: [[{ kind: 'all', terms: [{ token: 'x', prefix: false }] }]], not: [], highlight: ['x'], truncated: false };

/** An in-memory backend over `n` matches, one a minute, newest with the highest id. */
function fakeBackend(n: number, relevance: (id: number) => number): SearchBackend & { calls: WindowOptions[] } {
  const rows: WindowRow[] = Array.from({ length: n }, (_, i) => ({ sortKey: (NOW / 1000 - (n - i) * 60) * KEYS_PER_SECOND + i + 1, relevance: relevance(i + 1) })).reverse();
  const calls: WindowOptions[] = [];
  const no = async () => {
    throw new Error('not used');
  };
  return {
    calls,
    newest: async (_q: ParsedQuery, _f: BackendFilter, o: WindowOptions) => {
      calls.push(o);
      const before = o.beforeKey;
      return rows.filter((r) => before === undefined || r.sortKey < before).slice(o.offset ?? 0, (o.offset ?? 0) + o.limit);
    },
    count: async (_q, _f, cap) => Math.min(n, cap),
    upsert: no,
    remove: no,
    articleIdsOf: no,
    indexedArticleIds: no,
    documentFrequencies: no,
    optimize: no,
  };
}

const filter: BackendFilter = { scope: 'published' };
/** The fake's article id, kept in a sort key's low bits. */
const idOf = (r: RankedRow) => r.sortKey % KEYS_PER_SECOND;

describe('rankedPage', () => {
  it('ranks a small result set exactly, without counting', async () => {
    const b = fakeBackend(5, (id) => (id === 2 ? 10 : 1));
    const page = await rankedPage(b, query, filter, { sort: 'relevance', offset: 0, limit: 3, now: NOW });
    expect(page.rows.map((r) => idOf(r))).toEqual([2, 5, 4]);
    expect(page.total).toBe(5);
    expect(b.calls).toHaveLength(1);
  });

  it('ranks the newest window, then continues with older matches newest first', async () => {
    const n = RANK_WINDOW + 50;
    const b = fakeBackend(n, (id) => (id === 30 || id === 300 ? 1000 : id % 7));
    const first = await rankedPage(b, query, filter, { sort: 'relevance', offset: 0, limit: 10, now: NOW });
    // Article 30 is older than the window (the newest RANK_WINDOW are 51…550): it is not ranked, 300 is.
    expect(first.rows[0]!.sortKey % KEYS_PER_SECOND).toBe(300);
    expect(first.rows.map((r) => idOf(r))).not.toContain(30);
    expect(first.total).toBe(n);
    const straddle = await rankedPage(b, query, filter, { sort: 'relevance', offset: RANK_WINDOW - 5, limit: 10, now: NOW });
    expect(straddle.rows).toHaveLength(10);
    expect(straddle.rows.slice(5).map((r) => idOf(r))).toEqual([50, 49, 48, 47, 46]);
    const tail = await rankedPage(b, query, filter, { sort: 'relevance', offset: RANK_WINDOW + 40, limit: 20, now: NOW });
    expect(tail.rows.map((r) => idOf(r))).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const older = await rankedPage(b, query, filter, { sort: 'relevance', offset: RANK_WINDOW + 15, limit: 10, now: NOW });
    expect(older.rows.map((r) => idOf(r))).toContain(30);
    const all = new Set<number>();
    for (let offset = 0; offset < n; offset += 100) for (const r of (await rankedPage(b, query, filter, { sort: 'relevance', offset, limit: 100, now: NOW })).rows) all.add(idOf(r));
    expect(all.size).toBe(n);
  });

  it('sorts by date and caps the count', async () => {
    const b = fakeBackend(COUNT_CAP + 5, () => 1);
    const page = await rankedPage(b, query, filter, { sort: 'date', offset: 20, limit: 10, now: NOW });
    expect(page.rows.map((r) => idOf(r))[0]).toBe(COUNT_CAP + 5 - 20);
    expect(page).toMatchObject({ total: COUNT_CAP, totalIsLowerBound: true });
  });

  it('selects the top rows like a full sort would', () => {
    const rows = Array.from({ length: 300 }, (_, i) => (i * 7919) % 101);
    const desc = (a: number, b: number) => b - a;
    for (const k of [0, 1, 5, 20, 74, 75, 300, 400]) expect(topK(rows, k, desc), String(k)).toEqual([...rows].sort(desc).slice(0, k));
  });

  it('blends relevance with a recency boost that halves after 30 days', () => {
    const key = (daysAgo: number) => ((NOW - daysAgo * 86_400_000) / 1000) * KEYS_PER_SECOND;
    expect(blendedScore(2, key(0), NOW)).toBeCloseTo(3);
    expect(blendedScore(2, key(30), NOW)).toBeCloseTo(2.5);
    expect(blendedScore(2, key(3650), NOW)).toBeLessThan(2.01);
    expect(blendedScore(0, key(0), NOW)).toBe(0);
  });
});
