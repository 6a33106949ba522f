import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/dialects.testkit.js';
import { PUBLIC_CSP } from '../http/security-headers.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';

const BASE = '/api/v1/admin/articles';
const SPAM = '<p>正文</p><div style="display:none"><a href="https://bet.example.com/">澳門賭場</a></div><p>延伸：<a href="https://bet.example.com/">百家樂開戶</a></p>';
const future = '2026-12-01T00:00:00Z';

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`the integrity guard over the admin API on ${dialect.name}`, () => {
    let h: NewsroomHarness;
    beforeAll(async () => {
      h = await newsroomHarness(await dialect.open());
    });
    afterAll(async () => {
      await h?.close();
    });

    it('stores findings with every save and returns them with the article; the save proceeds', async () => {
      const clean = await h.draft('author');
      expect(clean.integrity).toEqual({ verdict: 'clean', findings: [] });
      const flagged = await h.draft('author', { bodyHtml: SPAM });
      expect(flagged.integrity.verdict).toBe('flagged');
      // The policy drops the style that hid the first link, so both spam links are in what would be served.
      expect(flagged.integrity.findings).toEqual([
        expect.objectContaining({ rule: 'spam-anchor', location: expect.stringContaining('澳門賭場') }),
        expect.objectContaining({ rule: 'spam-anchor', location: expect.stringContaining('百家樂') }),
      ]);
      const fixed = await h.call('author', 'PATCH', `${BASE}/${flagged.id}`, { version: flagged.version, bodyHtml: '<p>正文</p>' });
      expect(fixed.json.article.integrity.verdict).toBe('clean');
      const read = await h.call('author', 'GET', `${BASE}/${flagged.id}`);
      expect(read.json.article.integrity.verdict).toBe('clean');
    });

    it('refuses to publish or schedule a flagged article without an override, naming the findings', async () => {
      const a = await h.draft('editor', { bodyHtml: SPAM });
      for (const [move, extra] of [['publish', {}], ['schedule', { publishAt: future }]] as const) {
        const res = await h.call('editor', 'POST', `${BASE}/${a.id}/${move}`, { version: a.version, ...extra });
        expect(res.statusCode).toBe(409);
        expect(res.json.error.code).toBe('JD_ERR_GUARD_FLAGGED');
        expect(Object.values(res.json.error.fields).join(' ')).toMatch(/spam-anchor/);
      }
      const again = await h.call('editor', 'GET', `${BASE}/${a.id}`);
      expect(again.json.article.status).toBe('draft');
    });

    it('lets only editors and admins override, with a reason, and writes it to the audit log', async () => {
      const mine = await h.draft('author', { bodyHtml: SPAM });
      const byAuthor = await h.call('author', 'POST', `${BASE}/${mine.id}/publish`, { version: mine.version, override: true, overrideReason: '我覺得沒問題' });
      expect(byAuthor.statusCode).toBe(403);
      expect(byAuthor.json.error.code).toBe('JD_ERR_GUARD_OVERRIDE_FORBIDDEN');

      const noReason = await h.call('editor', 'POST', `${BASE}/${mine.id}/publish`, { version: mine.version, override: true });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json.error.fields).toHaveProperty('overrideReason');

      const ok = await h.call('editor', 'POST', `${BASE}/${mine.id}/publish`, { version: mine.version, override: true, overrideReason: '報導賭場廣告案，連結為證據' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json.article.status).toBe('published');
      const log = await h.c.auth.audit.list({ action: 'article.integrity.override' }, 1, 10);
      expect(log.entries[0]).toMatchObject({ target: `article:${mine.id}`, details: { move: 'publish', reason: '報導賭場廣告案，連結為證據', rules: ['spam-anchor'] } });
      expect(log.entries[0]!.actor.userId).toBe(h.members.editor.id);
    });

    it('guards edits of a live article: new flagged content needs the override, accepted findings do not', async () => {
      const a = await h.draft('author');
      const pub = await h.call('author', 'POST', `${BASE}/${a.id}/publish`, { version: a.version });
      const spam = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: pub.json.article.version, bodyHtml: SPAM });
      expect(spam.statusCode).toBe(409);
      expect(spam.json.error.code).toBe('JD_ERR_GUARD_FLAGGED');
      const typo = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: pub.json.article.version, bodyHtml: '<p>改正錯字</p>' });
      expect(typo.statusCode).toBe(200);
      const forced = await h.call('editor', 'PATCH', `${BASE}/${a.id}`, { version: typo.json.article.version, bodyHtml: SPAM, override: true, overrideReason: '證據連結' });
      expect(forced.statusCode).toBe(200);
      expect(forced.json.article.integrity.verdict).toBe('flagged');
      const again = await h.call('author', 'PATCH', `${BASE}/${a.id}`, { version: forced.json.article.version, bodyHtml: SPAM.replace('正文', '正文更新') });
      expect(again.statusCode).toBe(200);
    });

    it('publishes clean articles as before', async () => {
      const a = await h.draft('author');
      const res = await h.call('author', 'POST', `${BASE}/${a.id}/publish`, { version: a.version });
      expect(res.statusCode).toBe(200);
    });

    it('cleans pasted HTML at POST /api/v1/admin/sanitize for anyone who writes, and nobody else', async () => {
      const html = '<p onclick="x()">段落<script>alert(1)</script></p><div style="display:none"><a href="https://bet.example.com/">六合彩</a></div>';
      const res = await h.call('contributor', 'POST', '/api/v1/admin/sanitize', { html });
      expect(res.statusCode).toBe(200);
      expect(res.json.html).toBe('<p>段落</p>');
      expect(res.json.findings.map((f: { rule: string }) => f.rule).sort()).toEqual(['event-handler', 'hidden-block', 'script', 'spam-anchor']);
      expect(res.json.removed.map((r: { rule: string }) => r.rule)).toContain('hidden-block');
      expect((await h.call(null, 'POST', '/api/v1/admin/sanitize', { html })).statusCode).toBe(401);
      const bad = await h.call('editor', 'POST', '/api/v1/admin/sanitize', { html: 42 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json.error.fields).toHaveProperty('html');
    });

    it('serves public pages with a constant CSP that allows no inline script', async () => {
      const a = await h.draft('editor');
      await h.call('editor', 'POST', `${BASE}/${a.id}/publish`, { version: a.version });
      const one = await h.app.inject({ url: '/' });
      const two = await h.app.inject({ url: '/' });
      expect(one.headers['content-security-policy']).toBe(PUBLIC_CSP);
      expect(two.headers['content-security-policy']).toBe(one.headers['content-security-policy']);
      expect(PUBLIC_CSP).toMatch(/script-src 'self'(;|$)/);
      expect(PUBLIC_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(one.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'strict-origin-when-cross-origin' });
      expect(String(one.headers['content-security-policy'])).toMatch(/frame-ancestors 'self'.*|object-src 'none'/);
      const api = await h.app.inject({ url: '/api/v1/sections' });
      expect(api.headers['x-content-type-options']).toBe('nosniff');
    });

    it('serves media that could render as a document sandboxed and as a download', async () => {
      mkdirSync(h.c.mediaDir, { recursive: true });
      writeFileSync(join(h.c.mediaDir, 'evil.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      writeFileSync(join(h.c.mediaDir, 'evil.html'), '<script>alert(1)</script>');
      const svg = await h.app.inject({ url: '/media/evil.svg' });
      expect(svg.statusCode).toBe(200);
      expect(svg.headers).toMatchObject({ 'content-type': expect.stringContaining('image/svg+xml'), 'content-disposition': 'attachment', 'x-content-type-options': 'nosniff' });
      expect(svg.headers['content-security-policy']).toContain('sandbox');
      const html = await h.app.inject({ url: '/media/evil.html' });
      expect(html.headers).toMatchObject({ 'content-type': 'application/octet-stream', 'content-disposition': 'attachment' });
    });
  });
}
