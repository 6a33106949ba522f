import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';

/** What attackers send: markup, script URLs, SQL, template syntax, control characters. */
const NASTY = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE articles; --",
  "' OR '1'='1",
  '{{constructor.constructor("alert(1)")()}} ${7*7}',
  'javascript:alert(1)',
  '</script><script>alert(2)</script>',
  'nul\u0000byte \u202eevil',
];

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`injection and junk over the admin API on ${dialect.name}`, () => {
    let h: NewsroomHarness;
    beforeAll(async () => {
      h = await newsroomHarness(await dialect.open());
    });
    afterAll(async () => {
      await h?.close();
    });

    it('stores nasty text in every text field as given and renders it inert', async () => {
      for (const [i, nasty] of NASTY.entries()) {
        const res = await h.call('editor', 'POST', '/api/v1/admin/articles', {
          title: `${nasty} ${i}`,
          subtitle: nasty,
          summary: nasty,
          tags: [`${nasty}`.slice(0, 60)],
          source: { name: nasty },
          correctionNote: nasty,
          section: 'world',
          bodyHtml: `<p>正文 ${nasty}</p><script>alert(3)</script><img src="x" onerror="alert(4)"><a href="javascript:alert(5)">連結</a>`,
        });
        expect(res.statusCode, res.body).toBe(201);
        const a = res.json.article;
        // Stored safely: exactly what was sent (the NUL character is the one thing dropped).
        const expected = nasty.replace(/\u0000/g, '');
        expect(a.subtitle).toBe(expected);
        expect(a.source.name).toBe(expected);
        expect(a.correction.note).toBe(expected);
        expect(a.bodyHtml).not.toMatch(/<script|<[^>]+\son\w+=|href="javascript:/i);
        const published = await h.call('editor', 'POST', `/api/v1/admin/articles/${a.id}/publish`, { version: 1 });
        expect(published.statusCode).toBe(200);
        for (const url of [a.url, `/zh-hans${a.url}`, a.tags[0]?.url ?? '/']) {
          const page = await h.app.inject({ method: 'GET', url });
          expect(page.statusCode, url).toBeLessThan(500);
          // Rendered inert: no tag, handler or script the attacker wrote survives as markup.
          expect(page.body).not.toContain('<script>alert');
          expect(page.body).not.toContain('<img src=x');
          expect(page.body).not.toMatch(/<[^>]+onerror=/i);
          expect(page.body).not.toContain('href="javascript:');
        }
      }
      // SQL in text was data: the table is still there and lists everything.
      const list = await h.call('editor', 'GET', '/api/v1/admin/articles?limit=100');
      expect(list.json.meta.total).toBeGreaterThanOrEqual(NASTY.length);
    });

    it('treats nasty filters and ids as data: 200 or 400, never 500', async () => {
      for (const nasty of NASTY) {
        const q = encodeURIComponent(nasty);
        for (const url of [`/api/v1/admin/articles?q=${q}`, `/api/v1/admin/articles?section=${q}`, `/api/v1/admin/articles?tag=${q}&author=${q}`, `/api/v1/admin/tags?q=${q}`]) {
          const res = await h.call('editor', 'GET', url);
          expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
        }
        expect((await h.call('editor', 'GET', `/api/v1/admin/articles/${q}`)).statusCode).toBe(400);
        expect((await h.call('editor', 'POST', '/api/v1/admin/tags', { name: nasty.slice(0, 60) })).statusCode).toBeLessThan(500);
        expect((await h.call('editor', 'POST', '/api/v1/admin/sections', { slug: nasty, name: nasty.slice(0, 40) })).statusCode).toBe(400);
      }
    });

    it('answers junk bodies on every admin write with a 4xx', async () => {
      const article = await h.draft('editor');
      const doc = (await h.call(null, 'GET', '/api/v1/openapi.json')).json;
      const junk: unknown[] = [[], 'text', null, 42, { version: 1e308 }, { version: -1, title: { a: 1 } }, { version: '1', publishAt: '9999-99-99T99:99:99Z' }, { into: 1e20, tags: [null] }, { a: { b: { c: { d: [[[[]]]] } } } }];
      for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
        if (!path.startsWith('/api/v1/admin/articles') && !path.startsWith('/api/v1/admin/sections') && !path.startsWith('/api/v1/admin/tags')) continue;
        for (const method of ['post', 'patch', 'delete']) {
          if (!item[method]) continue;
          for (const id of [String(article.id), '99999999999999999999', '0']) {
            const url = path.replace('{id}', id).replace('{rev}', '1');
            for (const body of junk) {
              const res = await h.app.inject({
                method: method.toUpperCase() as 'POST',
                url,
                headers: { authorization: `Bearer ${h.members.admin.token}`, 'content-type': 'application/json' },
                payload: JSON.stringify(body),
              });
              expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`).toBeLessThan(500);
            }
          }
        }
      }
      const notJson = await h.app.inject({ method: 'POST', url: '/api/v1/admin/articles', headers: { authorization: `Bearer ${h.members.admin.token}`, 'content-type': 'application/json' }, payload: '{"title":' });
      expect(notJson.statusCode).toBe(400);
    });
  });
}
