import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import { buildServer } from '../http/server.js';
import { MAX_QUERY_LENGTH } from './query.js';
import { searchFixture } from './search.testkit.js';

/** Queries readers (and robots) send: operators, quotes left open, SQL, control characters. */
const BAD_QUERIES = [
  '', ' ', ' \t\n ', 'x'.repeat(2000), '雜誌'.repeat(1000), '雜誌 '.repeat(400),
  '"', '"雜誌', '雜誌"', '“雜誌', '「雜誌', '『', '""', '" "',
  '*', '**', '雜誌*', 'NEAR(', 'NEAR(雜誌 晶片)', 'NEAR(雜誌, 2)', '(', ')', '()', '(雜誌', '雜誌)',
  'AND', 'OR', 'NOT', 'AND OR NOT', 'OR 雜誌', '雜誌 OR', '雜誌 OR OR 晶片', 'NOT 雜誌', '雜誌 AND 晶片',
  '-', '--', '-雜誌', '- 雜誌', '-"', '雜誌 -"', '-雜誌 -晶片',
  '😀', '😀雜誌😀', '👨‍👩‍👧', '\u0000', 'a\u0000b', '\u0007\u001b[31m雜誌', '\u200b\u200e\ufeff', '\u2028\u2029',
  "' OR 1=1 --", "'; DROP TABLE articles; --", '" OR ""="', "1' UNION SELECT version() --", 'pg_sleep(10)',
  'title:雜誌', 'title : x', '{title}: 雜誌', '{title body}: x', '^雜誌', '雜誌^', 'body:', ':',
  '\\', "\\'", "''", '%', '_', '%_%', ':*', "'':*", "'a':*A", '!', '!雜誌', '&', '&&', '|', '||', '<->', '<2>', 'a <-> b',
  '<script>alert(1)</script>', '&lt;b&gt;', 'ｔｉｔｌｅ：Ｘ', '＂雜誌', '－雜誌', '的', '的 了 和', 'the and of',
];

/** What must never reach a reader: a database's own words. */
const LEAKS = /fts5|syntax error|tsquery|tsvector|sqlite|postgres|SQLSTATE|no such (table|column)|unterminated|ERROR:/i;

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`bad search input on ${dialect.name}`, () => {
    let c: Container;
    let app: FastifyInstance;

    beforeAll(async () => {
      ({ c } = await searchFixture(dialect));
      await c.articles.create({ title: '符號測試', section: 'tech', status: 'published', bodyHtml: '<p>比較 1 &lt; 2，以及 &lt;b&gt;粗體&lt;/b&gt; 的寫法。</p>' });
      app = await buildServer(c);
    });
    afterAll(async () => {
      await app?.close();
      await c?.close();
    });

    it('answers every bad query from the service with results or an explained empty state', async () => {
      for (const q of [...BAD_QUERIES, '\uD800', 'a\uDC00b']) {
        const res = await c.site.search.search(q);
        expect(Array.isArray(res.items), JSON.stringify(q)).toBe(true);
        expect(Array.from(res.query).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
        if (res.items.length === 0 && res.total === 0 && res.notice === undefined) expect(res.query, JSON.stringify(q)).not.toBe('');
        for (const h of res.items) expect(h.snippet).not.toMatch(/<(?!\/?mark>)/);
        await c.site.search.suggest(q);
        await c.search.service.searchNewsroom({ q, sort: 'date' });
      }
      expect((await c.site.search.search('')).notice).toBe('empty-query');
      expect((await c.site.search.search('*')).notice).toBe('no-words');
      expect((await c.site.search.search('的 了')).notice).toBe('no-words');
      expect((await c.site.search.search('-雜誌')).notice).toBe('only-exclusions');
      expect((await c.site.search.search('雜誌 '.repeat(400))).truncated).toBe(true);
      expect((await c.site.search.search('x'.repeat(2000))).truncated).toBe(true);
      // Operators are text: the unclosed quote still finds the word, the SQL finds nothing and harms nothing.
      expect((await c.site.search.search('"雜誌')).total).toBe(2);
      expect((await c.site.search.search('title:雜誌')).total).toBe(0);
      expect((await c.site.search.search('NEAR(雜誌')).total).toBe(0);
      expect(await c.site.reader.count()).toBe(9);
    });

    it('escapes the article’s own markup-like text in snippets', async () => {
      const res = await c.site.search.search('粗體');
      expect(res.items[0]!.snippet).toContain('&lt;b&gt;<mark>粗體</mark>&lt;/b&gt;');
      expect(res.items[0]!.snippet).toContain('1 &lt; 2');
    });

    it('answers every bad query on the API and the page with 200, never database text', async () => {
      for (const q of BAD_QUERIES) {
        const enc = encodeURIComponent(q);
        for (const url of [`/api/v1/search?q=${enc}`, `/api/v1/search?q=${enc}&sort=date&page=2&limit=5`, `/api/v1/search/suggest?q=${enc}`, `/search?q=${enc}`, `/zh-hans/search?q=${enc}`]) {
          const res = await app.inject({ method: 'GET', url });
          expect(res.statusCode, `${url.slice(0, 60)}`).toBe(200);
          expect(res.body, url.slice(0, 60)).not.toMatch(LEAKS);
        }
      }
      const api = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/search?q=' })).body);
      expect(api).toEqual({ results: [], meta: { page: 1, limit: 20, total: 0, query: '', notice: 'empty-query' } });
      const raw = await app.inject({ method: 'GET', url: '/api/v1/search?q=%ED%A0%80%00%FF' });
      expect(raw.statusCode).toBe(200);
      const twice = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/search?q=雜誌&q=文學' })).body);
      expect(twice.meta.query).toBe('雜誌 文學');
      expect(twice.results).toHaveLength(1);
    });

    it('answers invalid filter values with 400 and a message per field', async () => {
      const cases: Array<[string, string[]]> = [
        ['from=yesterday', ['from']],
        ['to=2026-02-30', ['to']],
        ['from=2026-11-02&to=2026-11-01', ['to']],
        ['page=0', ['page']],
        ['page=abc', ['page']],
        ['limit=1000', ['limit']],
        ['sort=best', ['sort']],
        ['variant=zh-XX', ['variant']],
        ['section=nope&tag=nope&author=nope', ['author', 'section', 'tag']],
        [`section=${'s'.repeat(200)}`, ['section']],
      ];
      for (const [qs, fields] of cases) {
        const res = await app.inject({ method: 'GET', url: `/api/v1/search?q=雜誌&${qs}` });
        expect(res.statusCode, qs).toBe(400);
        const body = JSON.parse(res.body);
        expect(body.error.code, qs).toBe('JD_ERR_VALIDATION');
        expect(Object.keys(body.error.fields).sort(), qs).toEqual(fields);
        expect(res.body).not.toMatch(LEAKS);
      }
      for (const qs of ['limit=0', 'limit=abc', 'variant=xx']) expect((await app.inject({ method: 'GET', url: `/api/v1/search/suggest?q=a&${qs}` })).statusCode, qs).toBe(400);
      // Empty form fields mean "no filter".
      expect((await app.inject({ method: 'GET', url: '/api/v1/search?q=雜誌&section=&tag=&from=&to=&sort=' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/search?q=雜誌&page=abc' })).statusCode).toBe(400);
    });

    it('serves results with the contract’s fields', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/search?q=杂志&variant=zh-TW&limit=1' });
      const body = JSON.parse(res.body);
      expect(body.meta).toMatchObject({ page: 1, limit: 1, total: 2 });
      expect(Object.keys(body.results[0]).sort()).toEqual(['id', 'publishedAt', 'score', 'section', 'snippet', 'title', 'url']);
      expect(body.results[0].snippet).toContain('<mark>雜誌</mark>');
      const suggest = JSON.parse((await app.inject({ method: 'GET', url: '/api/v1/search/suggest?q=颱&variant=zh-Hans' })).body);
      expect(suggest.suggestions.some((s: { label: string }) => s.label.startsWith('台风'))).toBe(true);
      const page = await app.inject({ method: 'GET', url: '/zh-hans/search?q=雜誌' });
      expect(page.body).toContain('文学杂志《灯塔》复刊');
    });
  });
}
