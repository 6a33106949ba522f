import type { Config } from '../config/index.js';
import type { Container } from '../container.js';
import type { ArticleReader } from '../content/article.reader.js';
import type { Db } from '../db/index.js';
import type { EventBus } from '../events/bus.js';
import type { Lease } from '../events/lease.js';
import { WebhookDispatcher } from '../webhooks/dispatcher.js';
import { httpSender } from '../webhooks/http-sender.js';
import { WebhookEnqueuer } from '../webhooks/webhook-events.js';
import { WebhookRepo } from '../webhooks/webhook.repo.js';
import { WebhookService } from '../webhooks/webhook.service.js';
import { backgroundWarn } from './background-log.js';

/** Webhooks: saves queue deliveries; the dispatcher sends them (started by the HTTP server). */
export function webhookServices(k: Db['kysely'], config: Config, now: () => Date, reader: ArticleReader, events: EventBus, lease: Lease): Container['webhooks'] {
  const repo = new WebhookRepo(k);
  // One process polls for due retries; a save still kicks its own process at once (claims are atomic).
  const mayPoll = () => lease.hold('webhooks.poll', 15_000);
  const dispatcher = new WebhookDispatcher({ repo, send: httpSender(), now, maxFailures: config.webhookMaxFailures, mayPoll, onError: (err) => backgroundWarn(config)('webhook delivery failed', err) });
  new WebhookEnqueuer({ repo, article: (id) => reader.any(id), siteUrl: config.siteUrl, now, onQueued: () => dispatcher.kick() }).subscribe(events);
  return { service: new WebhookService({ repo, now }), dispatcher };
}
