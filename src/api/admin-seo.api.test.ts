import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';

const BASE = '/api/v1/admin/articles';

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`SEO fields through the admin API on ${dialect.name}`, () => {
    let h: NewsroomHarness;
    beforeAll(async () => {
      h = await newsroomHarness(await dialect.open());
    });
    afterAll(async () => {
      await h?.close();
    });

    it('stores, returns and changes the SEO title, description and canonical URL', async () => {
      const a = await h.draft('author', { seoTitle: '  颱風　\n最新動態 ', seoDescription: '東部\t沿海', seoCanonicalUrl: 'https://wire.example/a/1' });
      // Head values are one line: runs of whitespace become one space.
      expect(a).toMatchObject({ seoTitle: '颱風 最新動態', seoDescription: '東部 沿海', seoCanonicalUrl: 'https://wire.example/a/1' });
      const blank = await h.draft('author');
      expect(blank).toMatchObject({ seoTitle: '', seoDescription: '', seoCanonicalUrl: '' });
      const patched = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: a.version, seoTitle: '新標題', seoCanonicalUrl: '' });
      expect(patched.statusCode).toBe(200);
      // Fields left out keep their values; '' clears one.
      expect(patched.json.article).toMatchObject({ seoTitle: '新標題', seoDescription: '東部 沿海', seoCanonicalUrl: '' });
      const rev = await h.call('author', 'GET', `${BASE}/${a.id}/revisions/1`);
      expect(rev.json.revision.snapshot).toMatchObject({ seoTitle: '颱風 最新動態', seoCanonicalUrl: 'https://wire.example/a/1' });
    });

    it('keeps today’s SEO values when restoring a revision saved before the fields existed', async () => {
      const a = await h.draft('author', { title: '舊稿' });
      // Revision 1 as it was stored before the SEO fields: no such keys in its snapshot.
      const rev = await h.c.db.kysely.selectFrom('article_revisions').select(['id', 'snapshot']).where('article_id', '=', a.id).where('version', '=', 1).executeTakeFirstOrThrow();
      const { seoTitle: _t, seoDescription: _d, seoCanonicalUrl: _c, ...old } = JSON.parse(rev.snapshot) as Record<string, unknown>;
      await h.c.db.kysely.updateTable('article_revisions').set({ snapshot: JSON.stringify(old) }).where('id', '=', rev.id).execute();
      const v2 = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: 1, title: '新稿', seoTitle: '新的 SEO 標題' });
      const res = await h.call('author', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: v2.json.article.version });
      expect(res.statusCode).toBe(200);
      expect(res.json.article).toMatchObject({ title: '舊稿', seoTitle: '新的 SEO 標題' });
    });

    it('answers markup, overlong text and non-http URLs with a message per field', async () => {
      const res = await h.call('author', 'POST', BASE, {
        title: '題',
        section: 'world',
        seoTitle: '<b>粗體</b>',
        seoDescription: '長'.repeat(301),
        seoCanonicalUrl: 'javascript:alert(1)',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json.error.fields).toMatchObject({
        seoTitle: expect.stringMatching(/plain text/),
        seoDescription: expect.stringMatching(/300/),
        seoCanonicalUrl: expect.stringMatching(/http/),
      });
      const a = await h.draft('author');
      const long = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: a.version, seoTitle: '標'.repeat(121), seoCanonicalUrl: 'ftp://x.example/' });
      expect(long.statusCode).toBe(400);
      expect(Object.keys(long.json.error.fields).sort()).toEqual(['seoCanonicalUrl', 'seoTitle']);
      const ctl = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: a.version, seoDescription: 'a\u0007b' });
      expect(ctl.json.error.fields.seoDescription).toMatch(/control/);
    });

    it('puts the SEO values in the public page head and the content API, and keeps the defaults when unset', async () => {
      const a = await h.draft('editor', { title: '颱風逼近東部', summary: '氣象署發布警報。', seoTitle: '颱風最新：東部沿海警戒', seoDescription: '氣象署今晨發布海上警報。', seoCanonicalUrl: 'https://wire.example/typhoon' });
      const pub = await h.call('editor', 'POST', `${BASE}/${a.id}/publish`, { version: a.version });
      const url = pub.json.article.url as string;
      const page = await h.app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>颱風最新：東部沿海警戒</title>');
      expect(page.body).toContain('<meta name="description" content="氣象署今晨發布海上警報。"/>');
      expect(page.body).toContain('<meta property="og:title" content="颱風最新：東部沿海警戒"/>');
      expect(page.body).toContain('<link rel="canonical" href="https://wire.example/typhoon"/>');
      expect(page.body).toContain('<h1 class="article-title">颱風逼近東部</h1>');
      const api = await h.call(null, 'GET', `/api/v1/articles/${a.id}`);
      expect(api.json.article.canonicalUrl).toBe('https://wire.example/typhoon');

      const plain = await h.draft('editor', { title: '地震速報', summary: '花蓮外海地震。' });
      const pub2 = await h.call('editor', 'POST', `${BASE}/${plain.id}/publish`, { version: plain.version });
      const page2 = await h.app.inject({ method: 'GET', url: pub2.json.article.url });
      expect(page2.body).toMatch(/<title>地震速報 - [^<]+<\/title>/);
      expect(page2.body).toContain('<meta name="description" content="花蓮外海地震。"/>');
      expect(page2.body).toMatch(new RegExp(`<link rel="canonical" href="https?://[^"]+${pub2.json.article.url}"/>`));
    });
  });
}
