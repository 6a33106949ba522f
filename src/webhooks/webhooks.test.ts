import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../auth/auth.testkit.js';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import { WebhookDispatcher } from './dispatcher.js';
import { httpSender } from './http-sender.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from './signature.js';
import { WebhookRepo } from './webhook.repo.js';
import { Receiver, closedPortUrl, type Received } from './webhook.testkit.js';

const MINUTE = 60_000;

// Delivery end to end against a receiver on 127.0.0.1, with the clock in the test's hands.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`webhook delivery on ${dialect.name}`, () => {
    let c: Container;
    let dir: string;
    let receiver: Receiver;
    let articleId: number;
    const clock = new TestClock();
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'jd-hooks-'));
      receiver = await new Receiver().start();
      c = await createContainer(testConfig({ data: dir, 'webhook-max-failures': '4', 'site-url': 'https://news.example.com' }), { db: await dialect.open(), now: clock.now });
      await c.sections.create({ slug: 'world', name: '國際', position: 1 }, clock.now().toISOString());
      articleId = (await c.articles.create({ title: '颱風「山貓」登陸', section: 'world' })).id;
    });
    beforeEach(async () => {
      // Each test starts with no webhooks, so earlier ones neither receive nor fail.
      for (const w of (await c.webhooks.service.list(1, 100)).items) await c.webhooks.service.remove(w.id);
      receiver.received.length = 0;
    });
    afterAll(async () => {
      await c?.close();
      await receiver?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const save = async (status: string, previousStatus: string | undefined) => {
      await c.events.emit({ type: 'article.saved', articleId, status, previousStatus });
      await c.webhooks.dispatcher.idle();
    };
    const valid = (r: Received, secret: string) =>
      verify({ secret, body: r.body, signature: r.headers[SIGNATURE_HEADER] as string, timestamp: r.headers[TIMESTAMP_HEADER] as string, nowSeconds: clock.ms / 1000 });
    const log = async (id: number) => (await c.webhooks.service.deliveries(id, 1, 50)).items;

    it('delivers signed payloads for publish, update and unpublish to the webhooks that asked', async () => {
      const all = await c.webhooks.service.create({ url: receiver.url('/all'), events: ['article.published', 'article.updated', 'article.unpublished'], active: true }, undefined);
      const onlyPublish = await c.webhooks.service.create({ url: receiver.url('/publish'), events: ['article.published'], active: true }, undefined);
      await c.webhooks.service.create({ url: receiver.url('/off'), events: ['article.published'], active: false }, undefined);
      await save('published', 'in_review');
      await save('published', 'published');
      await save('draft', 'published');
      await save('in_review', 'draft');
      expect(receiver.at('/all').map((r) => r.headers[EVENT_HEADER])).toEqual(['article.published', 'article.updated', 'article.unpublished']);
      expect(receiver.at('/publish')).toHaveLength(1);
      expect(receiver.at('/off')).toHaveLength(0);
      const first = receiver.at('/all')[0]!;
      expect(valid(first, all.secret)).toBe(true);
      expect(valid(first, onlyPublish.secret)).toBe(false);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(first.body)).toEqual({
        event: 'article.published',
        time: clock.now().toISOString(),
        article: { id: articleId, url: expect.stringMatching(new RegExp(`^https://news\\.example\\.com/world/${articleId}(-[a-z0-9-]+)?\\.html$`)), title: '颱風「山貓」登陸', status: 'published', previousStatus: 'in_review' },
      });
      const entries = await log(all.webhook.id);
      expect(entries.map((d) => [d.event, d.status, d.attempts])).toEqual([
        ['article.unpublished', 'succeeded', 1],
        ['article.updated', 'succeeded', 1],
        ['article.published', 'succeeded', 1],
      ]);
      expect(entries[2]!.log).toEqual([{ attempt: 1, at: clock.now().toISOString(), ok: true, statusCode: 200, durationMs: expect.any(Number), error: '' }]);
      expect(first.headers[DELIVERY_HEADER]).toBe(String(entries[2]!.id));
    });

    it('retries failures with backoff by the injected clock, logging every attempt', async () => {
      const hook = await c.webhooks.service.create({ url: receiver.url('/flaky'), events: ['article.published'], active: true }, undefined);
      receiver.status.set('/flaky', 500);
      await save('published', 'draft');
      let [delivery] = await log(hook.webhook.id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: new Date(clock.ms + MINUTE).toISOString() });
      expect(await c.webhooks.dispatcher.runDue()).toBe(0);
      clock.advance(MINUTE - 1);
      expect(await c.webhooks.dispatcher.runDue()).toBe(0);
      clock.advance(1);
      receiver.status.set('/flaky', 302);
      expect(await c.webhooks.dispatcher.runDue()).toBe(1);
      [delivery] = await log(hook.webhook.id);
      expect(delivery).toMatchObject({ attempts: 2, lastError: 'HTTP 302: redirects are not followed', nextAttemptAt: new Date(clock.ms + 5 * MINUTE).toISOString() });
      clock.advance(5 * MINUTE);
      receiver.status.set('/flaky', 200);
      expect(await c.webhooks.dispatcher.runDue()).toBe(1);
      [delivery] = await log(hook.webhook.id);
      expect(delivery!.status).toBe('succeeded');
      expect(delivery!.log.map((a) => [a.attempt, a.ok, a.statusCode])).toEqual([
        [1, false, 500],
        [2, false, 302],
        [3, true, 200],
      ]);
      // Every retry sends the same body, signed anew with its own timestamp.
      const sent = receiver.at('/flaky');
      expect(new Set(sent.map((r) => r.body)).size).toBe(1);
      expect(sent.map((r) => r.headers[TIMESTAMP_HEADER])).toEqual([...new Set(sent.map((r) => r.headers[TIMESTAMP_HEADER]))]);
      expect((await c.webhooks.service.get(hook.webhook.id)).consecutiveFailures).toBe(0);
    });

    it('turns a webhook off after repeated failures, cancels its queue and can be turned on again', async () => {
      const hook = await c.webhooks.service.create({ url: await closedPortUrl(), events: ['article.updated'], active: true }, undefined);
      await save('published', 'published');
      clock.advance(MINUTE);
      expect(await c.webhooks.dispatcher.runDue()).toBe(1);
      clock.advance(5 * MINUTE);
      expect(await c.webhooks.dispatcher.runDue()).toBe(1);
      expect((await c.webhooks.service.get(hook.webhook.id)).consecutiveFailures).toBe(3);
      // A second delivery fails too: the fourth failure in a row turns the webhook off.
      await save('published', 'published');
      const off = await c.webhooks.service.get(hook.webhook.id);
      expect(off).toMatchObject({ active: false, consecutiveFailures: 4, disabledAt: clock.now().toISOString() });
      expect(off.disabledReason).toBe('turned off after 4 failed attempts in a row (last: connection refused)');
      const entries = await log(hook.webhook.id);
      expect(entries.map((d) => [d.status, d.attempts, d.lastError])).toEqual([
        ['cancelled', 1, off.disabledReason],
        ['cancelled', 3, off.disabledReason],
      ]);
      expect(entries.flatMap((d) => d.log).every((a) => !a.ok && a.error === 'connection refused' && a.statusCode === null)).toBe(true);
      clock.advance(3_600_000);
      expect(await c.webhooks.dispatcher.runDue()).toBe(0);
      await save('published', 'published');
      expect(await log(hook.webhook.id)).toHaveLength(2);
      const on = await c.webhooks.service.update(hook.webhook.id, { active: true, url: receiver.url('/back') });
      expect(on).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null, disabledReason: '' });
      await save('published', 'published');
      expect(receiver.at('/back')).toHaveLength(1);
    });

    it('gives up after the last retry and times out receivers that never answer', async () => {
      const hook = await c.webhooks.service.create({ url: receiver.url('/hang'), events: ['article.published'], active: true }, undefined);
      receiver.status.set('/hang', 'hang');
      const repo = new WebhookRepo(c.db.kysely);
      const dispatcher = new WebhookDispatcher({ repo, send: httpSender({ timeoutMs: 200 }), now: clock.now, maxFailures: 100, backoffMs: [1000], onError: (err) => expect.fail(String(err)) });
      await repo.enqueue([{ webhookId: hook.webhook.id, event: 'article.published', articleId, payload: '{"event":"article.published"}' }], clock.now().toISOString());
      expect(await dispatcher.runDue()).toBe(1);
      clock.advance(1000);
      expect(await dispatcher.runDue()).toBe(1);
      const [delivery] = await log(hook.webhook.id);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: null, lastError: 'no answer within 0.2 s', finishedAt: clock.now().toISOString() });
      clock.advance(3_600_000);
      expect(await dispatcher.runDue()).toBe(0);
    });

    it('sends each delivery once however many dispatchers poll, and takes over expired claims', async () => {
      const hook = await c.webhooks.service.create({ url: receiver.url('/once'), events: ['article.published'], active: true }, undefined);
      const repos = [new WebhookRepo(c.db.kysely), new WebhookRepo(c.db.kysely)];
      const make = (repo: WebhookRepo) => new WebhookDispatcher({ repo, send: httpSender(), now: clock.now, maxFailures: 100, batchSize: 3, onError: (err) => expect.fail(String(err)) });
      const payloads = Array.from({ length: 12 }, (_, i) => ({ webhookId: hook.webhook.id, event: 'article.published', articleId, payload: JSON.stringify({ n: i }) }));
      await repos[0]!.enqueue(payloads, clock.now().toISOString());
      const made = await Promise.all([make(repos[0]!).runDue(), make(repos[1]!).runDue(), make(repos[0]!).runDue()]);
      expect(made.reduce((a, b) => a + b, 0)).toBe(12);
      expect(receiver.at('/once').map((r) => JSON.parse(r.body).n).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);

      // A process that claimed a delivery and died: its lease runs out, then another sends it.
      await repos[0]!.enqueue([{ ...payloads[0]!, payload: '{"n":"crashed"}' }], clock.now().toISOString());
      const stuck = await repos[0]!.claimDue(clock.now().toISOString(), new Date(clock.ms + 2 * MINUTE).toISOString(), 'dead-process', 10);
      expect(stuck).toHaveLength(1);
      expect(await make(repos[1]!).runDue()).toBe(0);
      clock.advance(2 * MINUTE);
      expect(await make(repos[1]!).runDue()).toBe(1);
      expect(receiver.at('/once').filter((r) => r.body === '{"n":"crashed"}')).toHaveLength(1);
    });
  });
}
