import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authHarness, signIn, type AuthHarness, type Browser } from '../auth/auth.testkit.js';
import { testDialects } from '../db/dialects.testkit.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from '../webhooks/signature.js';
import { urlMessages } from '../webhooks/url-policy.js';
import { Receiver } from '../webhooks/webhook.testkit.js';

const json = (body: string) => JSON.parse(body);

// The webhooks admin API over HTTP, and a publish that reaches a receiver on 127.0.0.1.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`webhooks admin API on ${dialect.name}`, () => {
    let h: AuthHarness;
    let admin: Browser;
    let editor: Browser;
    let receiver: Receiver;
    beforeAll(async () => {
      receiver = await new Receiver().start();
      h = await authHarness(await dialect.open());
      await addUser(h.c, 'admin@example.com', 'admin');
      await addUser(h.c, 'editor@example.com', 'editor');
      admin = await signIn(h.app, 'admin@example.com');
      editor = await signIn(h.app, 'editor@example.com');
      await h.c.sections.create({ slug: 'world', name: '國際', position: 1 }, h.clock.now().toISOString());
    });
    afterAll(async () => {
      await h?.close();
      await receiver?.close();
    });
    const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, b: Browser = admin) =>
      h.app.inject({ method, url, headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, ...(payload ? { payload } : {}) });

    it('creates a webhook and shows its secret once; lists and reads never do', async () => {
      const created = await req('POST', '/api/v1/admin/webhooks', { url: receiver.url('/news'), events: ['article.updated', 'article.published', 'article.published'] });
      expect(created.statusCode).toBe(201);
      const { webhook, secret } = json(created.body);
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(webhook).toMatchObject({ url: receiver.url('/news'), events: ['article.published', 'article.updated'], active: true, consecutiveFailures: 0, disabledAt: null, secretPrefix: `${secret.slice(0, 10)}…` });
      for (const url of ['/api/v1/admin/webhooks', `/api/v1/admin/webhooks/${webhook.id}`]) {
        const res = await req('GET', url);
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain(secret);
      }
      expect(json((await req('GET', '/api/v1/admin/webhooks')).body).meta).toEqual({ page: 1, limit: 20, total: 1 });

      const rotated = json((await req('POST', `/api/v1/admin/webhooks/${webhook.id}/secret`)).body);
      expect(rotated.secret).not.toBe(secret);
      const patched = json((await req('PATCH', `/api/v1/admin/webhooks/${webhook.id}`, { events: ['article.unpublished'], active: false })).body).webhook;
      expect(patched).toMatchObject({ events: ['article.unpublished'], active: false });
      expect(json((await req('DELETE', `/api/v1/admin/webhooks/${webhook.id}`)).body).webhook.id).toBe(webhook.id);
      expect((await req('GET', `/api/v1/admin/webhooks/${webhook.id}`)).statusCode).toBe(404);
    });

    it('refuses metadata and link-local URLs and bad fields with field messages', async () => {
      const metadata = await req('POST', '/api/v1/admin/webhooks', { url: 'http://169.254.169.254/latest/meta-data/', events: ['article.published'] });
      expect(metadata.statusCode).toBe(400);
      expect(json(metadata.body).error).toMatchObject({ code: 'JD_ERR_VALIDATION', fields: { url: urlMessages.blocked } });
      const bad = json((await req('POST', '/api/v1/admin/webhooks', { url: 'gopher://x', events: ['article.deleted'], active: 'yes', secret: 'mine' })).body).error;
      expect(Object.keys(bad.fields).sort()).toEqual(['_', 'active', 'events.0', 'url']);
      expect(json((await req('POST', '/api/v1/admin/webhooks', { url: 'https://ok.example.com/', events: [] })).body).error.fields.events).toMatch(/^at least one event/);
      expect((await req('PATCH', '/api/v1/admin/webhooks/999999', { active: true })).statusCode).toBe(404);
      expect(json((await req('GET', '/api/v1/admin/webhooks/999999/deliveries')).body).error.code).toBe('JD_ERR_WEBHOOK_NOT_FOUND');
    });

    it('is for admins only', async () => {
      expect((await req('GET', '/api/v1/admin/webhooks', undefined, editor)).statusCode).toBe(403);
      expect((await req('POST', '/api/v1/admin/webhooks', { url: receiver.url('/x'), events: ['article.published'] }, editor)).statusCode).toBe(403);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/admin/webhooks' })).statusCode).toBe(401);
    });

    it('delivers a publish in the background and shows it in the delivery log', async () => {
      const { webhook, secret } = json((await req('POST', '/api/v1/admin/webhooks', { url: receiver.url('/publish'), events: ['article.published'] })).body);
      const article = await h.c.articles.create({ title: '選舉結果揭曉', section: 'world', status: 'published', publishedAt: h.clock.now().toISOString() });
      await h.c.webhooks.dispatcher.idle();
      const [got] = receiver.at('/publish');
      expect(got).toBeDefined();
      expect(verify({ secret, body: got!.body, signature: got!.headers[SIGNATURE_HEADER] as string, timestamp: got!.headers[TIMESTAMP_HEADER] as string, nowSeconds: h.clock.ms / 1000 })).toBe(true);
      expect(JSON.parse(got!.body).article).toMatchObject({ id: article.id, title: '選舉結果揭曉', status: 'published' });
      const log = json((await req('GET', `/api/v1/admin/webhooks/${webhook.id}/deliveries`)).body);
      expect(log.meta.total).toBe(1);
      expect(log.deliveries[0]).toMatchObject({ event: 'article.published', articleId: article.id, status: 'succeeded', attempts: 1, lastStatusCode: 200, log: [{ attempt: 1, ok: true, statusCode: 200 }] });
    });
  });
}
