import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';

const BASE = '/api/v1/admin/articles';
const SPAM = '<p>正文</p><p>延伸：<a href="https://bet.example.com/">百家樂開戶</a></p>';

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`restoring a revision into a live article on ${dialect.name}`, () => {
    let h: NewsroomHarness;
    beforeAll(async () => {
      h = await newsroomHarness(await dialect.open());
    });
    afterAll(async () => {
      await h?.close();
    });

    /** A published article whose version 1 (a draft) had a flagged body, fixed before publishing. */
    async function liveWithSpamHistory() {
      const a = await h.draft('author', { bodyHtml: SPAM });
      const fixed = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: 1, bodyHtml: '<p>乾淨的正文</p>' });
      const pub = await h.call('editor', 'POST', `${BASE}/${a.id}/publish`, { version: fixed.json.article.version });
      expect(pub.json.article.status).toBe('published');
      return { id: a.id as number, version: pub.json.article.version as number };
    }

    it('refuses to put a flagged old body live without an override, and changes nothing', async () => {
      const a = await liveWithSpamHistory();
      const res = await h.call('editor', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: a.version });
      expect(res.statusCode).toBe(409);
      expect(res.json.error.code).toBe('JD_ERR_GUARD_FLAGGED');
      expect(Object.values(res.json.error.fields).join(' ')).toMatch(/spam-anchor/);
      const now = await h.call('editor', 'GET', `${BASE}/${a.id}`);
      expect(now.json.article).toMatchObject({ version: a.version, bodyHtml: '<p>乾淨的正文</p>', status: 'published' });
      const pub = await h.call(null, 'GET', `/api/v1/articles/${a.id}`);
      expect(pub.json.article.bodyHtml).not.toContain('百家樂');
    });

    it('lets only an editor override, with a reason, and records it in the audit log', async () => {
      const a = await liveWithSpamHistory();
      const byAuthor = await h.call('author', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: a.version, override: true, overrideReason: '恢復原稿' });
      expect(byAuthor.statusCode).toBe(403);
      expect(byAuthor.json.error.code).toBe('JD_ERR_GUARD_OVERRIDE_FORBIDDEN');
      const noReason = await h.call('editor', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: a.version, override: true, overrideReason: '  ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json.error.fields).toHaveProperty('overrideReason');
      const bad = await h.call('editor', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: a.version, override: 'yes' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json.error.fields).toHaveProperty('override');

      const ok = await h.call('editor', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: a.version, override: true, overrideReason: '報導賭場廣告，連結為證據' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json.article).toMatchObject({ status: 'published', version: a.version + 1 });
      expect(ok.json.article.bodyHtml).toContain('百家樂');
      const log = await h.c.auth.audit.list({ action: 'article.integrity.override' }, 1, 10);
      expect(log.entries[0]).toMatchObject({ target: `article:${a.id}`, details: { move: 'restore', version: 1, reason: '報導賭場廣告，連結為證據', rules: ['spam-anchor'] } });
      expect(log.entries[0]!.actor.userId).toBe(h.members.editor.id);
    });

    it('restores a flagged body into a draft freely: publishing it is guarded later', async () => {
      const a = await h.draft('author', { bodyHtml: SPAM });
      const fixed = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: 1, bodyHtml: '<p>乾淨</p>' });
      const res = await h.call('author', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: fixed.json.article.version });
      expect(res.statusCode).toBe(200);
      expect(res.json.article).toMatchObject({ status: 'draft' });
      expect(res.json.article.integrity.verdict).toBe('flagged');
    });

    it('restores a clean old body into a live article without any override', async () => {
      const a = await h.draft('author', { bodyHtml: '<p>第一版</p>' });
      const v2 = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: 1, bodyHtml: '<p>第二版</p>' });
      const pub = await h.call('editor', 'POST', `${BASE}/${a.id}/publish`, { version: v2.json.article.version });
      const res = await h.call('author', 'POST', `${BASE}/${a.id}/revisions/1/restore`, { version: pub.json.article.version });
      expect(res.statusCode).toBe(200);
      expect(res.json.article).toMatchObject({ status: 'published', bodyHtml: '<p>第一版</p>' });
    });
  });
}
