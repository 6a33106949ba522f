import type { EventBus } from '../events/bus.js';
import type { WebhookEvent } from './webhook-input.js';
import type { WebhookRepo } from './webhook.repo.js';

/**
 * Which webhook event a save is: publishing, updating a published article, or taking it off
 * the site (back to draft, or archived). Saves that never touch the public site send nothing.
 *
 * @example
 * webhookEventFor('published', 'in_review') // 'article.published'
 * webhookEventFor('archived', 'published')  // 'article.unpublished'
 */
export function webhookEventFor(status: string, previousStatus: string | undefined): WebhookEvent | undefined {
  const was = previousStatus === 'published';
  const is = status === 'published';
  if (is) return was ? 'article.updated' : 'article.published';
  return was ? 'article.unpublished' : undefined;
}

/** What a payload says about the article. */
export interface ArticleSummary {
  readonly id: number;
  /** Public path, as the content API's `url`. */
  readonly url: string;
  readonly title: string;
}

/** What the enqueuer needs. */
export interface WebhookEnqueuerDeps {
  readonly repo: WebhookRepo;
  /** The article as it is after the save, whatever its status. */
  readonly article: (id: number) => Promise<ArticleSummary>;
  readonly siteUrl: string;
  readonly now: () => Date;
  /** Called after deliveries were queued (the dispatcher's kick). */
  readonly onQueued: () => void;
}

/**
 * Turns content saves into queued deliveries. On the save's path it only inserts rows (one per
 * subscribed, active webhook) with the body frozen, so every retry sends the same bytes; the
 * HTTP requests are the dispatcher's, in the background.
 */
export class WebhookEnqueuer {
  readonly #d: WebhookEnqueuerDeps;
  constructor(deps: WebhookEnqueuerDeps) {
    this.#d = deps;
  }

  /** Listens to `article.saved`. */
  subscribe(bus: EventBus): void {
    bus.on('article.saved', async (e) => {
      await this.onSaved(e.articleId, e.status, e.previousStatus);
    });
  }

  /** Queues the deliveries of one save; returns how many. */
  async onSaved(articleId: number, status: string, previousStatus: string | undefined): Promise<number> {
    const event = webhookEventFor(status, previousStatus);
    if (!event) return 0;
    const hooks = (await this.#d.repo.active()).filter((h) => h.events.split(',').includes(event));
    if (hooks.length === 0) return 0;
    const a = await this.#d.article(articleId);
    const time = this.#d.now().toISOString();
    const payload = JSON.stringify({
      event,
      time,
      article: { id: a.id, url: this.#d.siteUrl + a.url, title: a.title, status, previousStatus: previousStatus ?? null },
    });
    await this.#d.repo.enqueue(
      hooks.map((h) => ({ webhookId: h.id, event, articleId, payload })),
      time,
    );
    this.#d.onQueued();
    return hooks.length;
  }
}
