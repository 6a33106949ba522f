import { describe, expect, it } from 'vitest';
import { Segmenter } from '../zh/segment.js';
import { EMPTY_QUERY, MAX_QUERY_LENGTH, MAX_QUERY_TOKENS, normalizeQuery, parseQuery, prefixQueries, relaxQuery, type ParsedQuery } from './query.js';
import { titleLiteral, tsqueryLiteral, tsvectorLiteral } from './postgres-fts.js';
import { matchExpression } from './sqlite-fts.js';
import { sortKeyOf, keyFloor, keyTime } from './backend.js';

const seg = new Segmenter();
/** A parsed query in a compact form: groups of units, `~` marking phrases. */
const shape = (q: ParsedQuery) => ({
  must: q.must.map((g) => g.map((u) => (u.kind === 'phrase' ? '~' : '') + u.terms.map((t) => t.token + (t.prefix ? '*' : '')).join(' '))),
  not: q.not.map((u) => (u.kind === 'phrase' ? '~' : '') + u.terms.map((t) => t.token).join(' ')),
});

describe('parseQuery', () => {
  it('gives EMPTY_QUERY for a query with nothing in it (the service answers those without a segmenter)', () => {
    for (const q of ['', '   ', '\t\n']) expect(parseQuery(q, seg)).toEqual(EMPTY_QUERY);
  });

  it('segments words as documents are, in Simplified, so either script matches', () => {
    expect(shape(parseQuery('雜誌', seg))).toEqual({ must: [['杂志']], not: [] });
    expect(shape(parseQuery('颱風 氣象局', seg))).toEqual({ must: [['台风'], ['气象局']], not: [] });
    expect(shape(parseQuery('颱風逼近', seg))).toEqual({ must: [['台风 逼近']], not: [] });
    expect(parseQuery('ＡＢＣ  雜誌', seg).highlight).toEqual(['abc', '杂志']);
  });

  it('reads quotes as phrases, -word as exclusion and OR between items', () => {
    expect(shape(parseQuery('"綠色 債券" 市場', seg))).toEqual({ must: [['~绿色 债券'], ['市场']], not: [] });
    expect(shape(parseQuery('「綠色債券」', seg))).toEqual({ must: [['~绿色 债券']], not: [] });
    expect(shape(parseQuery('雜誌 -體育 -"數字 訂閱"', seg))).toEqual({ must: [['杂志']], not: ['体育', '~数字 订阅'] });
    expect(shape(parseQuery('颱風 OR 地震 警報', seg))).toEqual({ must: [['台风', '地震'], ['警报']], not: [] });
    expect(shape(parseQuery('颱風 | 地震 | 海嘯', seg))).toEqual({ must: [['台风', '地震', '海啸']], not: [] });
  });

  it('treats operators of other engines and SQL as plain text', () => {
    // `a` is an English stop word: NEAR(a b) is the words near and b.
    expect(shape(parseQuery('title:x NEAR(a b) *', seg))).toEqual({ must: [['title x'], ['near'], ['b']], not: [] });
    expect(shape(parseQuery("' OR 1=1 --", seg))).toEqual({ must: [['1 1']], not: [] });
    expect(shape(parseQuery('AND OR NOT ( ) ^ *', seg))).toEqual({ must: [], not: [] });
    expect(shape(parseQuery('OR 雜誌 OR', seg))).toEqual({ must: [['杂志']], not: [] });
    expect(shape(parseQuery('"雜誌', seg))).toEqual({ must: [['杂志']], not: [] });
    expect(shape(parseQuery('- -', seg))).toEqual({ must: [], not: [] });
  });

  it('cuts long queries and caps the number of tokens', () => {
    const long = parseQuery('颱風'.repeat(500), seg);
    expect(long.truncated).toBe(true);
    expect(Array.from(long.text).length).toBe(MAX_QUERY_LENGTH);
    const many = parseQuery(Array.from({ length: 40 }, (_, i) => `詞${i}`).join(' '), seg);
    expect(many.must.flat().flatMap((u) => u.terms).length).toBeLessThanOrEqual(MAX_QUERY_TOKENS);
    expect(many.truncated).toBe(true);
    expect(parseQuery('雜誌', seg).truncated).toBe(false);
  });

  it('normalizes control characters and never splits a surrogate pair', () => {
    expect(normalizeQuery(' a\u0000b\n\tc\u200b ')).toBe('a b c');
    expect(Array.from(normalizeQuery('😀'.repeat(300)))).toHaveLength(MAX_QUERY_LENGTH);
    expect(normalizeQuery('😀'.repeat(300))).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('relaxes plain words to prefixes, and builds typeahead queries', () => {
    expect(shape(relaxQuery(parseQuery('晶 "綠色 債券"', seg))!)).toEqual({ must: [['晶*'], ['~绿色 债券']], not: [] });
    expect(relaxQuery(parseQuery('"綠色 債券"', seg))).toBeUndefined();
    expect(prefixQueries('颱風 氣象', seg).map(shape)).toEqual([{ must: [['台风 气象*']], not: [] }]);
    expect(prefixQueries('美國總統選', seg).map(shape)).toEqual([{ must: [['美国总统选*']], not: [] }, { must: [['美国 总统 选*']], not: [] }]);
    expect(prefixQueries('  ', seg)).toEqual([]);
  });
});

describe('backend query text', () => {
  it('quotes every token for FTS5 and PostgreSQL', () => {
    const q = parseQuery('"綠色 債券" 颱風 OR 地震 -體育', seg);
    expect(matchExpression(q)).toBe('((("绿色" + "债券")) AND (("台风") OR ("地震"))) NOT (("体育"))');
    expect(tsqueryLiteral(q)).toBe("(('绿色' <-> '债券')) & (('台风') | ('地震')) & !('体育')");
    const odd = { text: '', must: [[{ kind: 'all' as const, terms: [{ token: `a"b'c\\`, prefix: true }] }]], not: [], highlight: [], truncated: false };
    expect(matchExpression(odd, 'title')).toBe('{title} : ((("a""b\'c\\"*)))');
    expect(tsqueryLiteral(odd, 'title')).toBe("(('a\"b''c\\\\':*A))");
    expect(matchExpression(parseQuery('-x', seg))).toBeUndefined();
    expect(tsqueryLiteral(parseQuery('', seg))).toBeUndefined();
  });

  it('writes tsvector literals with positions, weights and gaps between fields', () => {
    const empty = { title: [], subtitle: [], summary: [], body: [], tags: [], section: [], authors: [], source: [] };
    const doc = { articleId: 1, sortKey: 1, published: true, sectionId: 1, publishedAt: null, fields: { ...empty, title: ['台风', "o'neil"], tags: ['台风'], body: ['台风'] } };
    expect(tsvectorLiteral(doc)).toBe("'台风':1A,9D,12B 'o''neil':2A");
    expect(titleLiteral(doc)).toBe("'台风':1 'o''neil':2");
  });

  it('orders sort keys by time and keeps them exact', () => {
    const a = sortKeyOf('2026-11-01T00:00:00Z', 5);
    const b = sortKeyOf('2026-11-01T00:00:01Z', 4);
    expect(b).toBeGreaterThan(a);
    expect(keyTime(a)).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(keyFloor('2026-11-01T00:00:00.900Z')).toBeLessThanOrEqual(a);
    expect(Number.isSafeInteger(sortKeyOf('2100-01-01T00:00:00Z', 2 ** 31))).toBe(true);
  });
});
