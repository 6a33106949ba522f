import type { Actor } from '../auth/permissions.js';
import { AppError } from '../errors/index.js';
import { newSecret } from './signature.js';
import type { NewWebhookInput, WebhookPatch } from './webhook-input.js';
import type { WebhookRepo } from './webhook.repo.js';
import { deliveryView, webhookView, type DeliveryView, type WebhookView } from './webhook-view.js';

/** A webhook with its secret: the answer to create and rotate, the only time it is shown. */
export interface WebhookWithSecret {
  readonly webhook: WebhookView;
  readonly secret: string;
}

/**
 * Admin use cases of webhooks: create (a secret is generated and shown once), list, read,
 * change, turn on again after the system turned it off, rotate the secret, delete, and read
 * the delivery log. Delivery itself is the dispatcher's.
 */
export class WebhookService {
  readonly #repo: WebhookRepo;
  readonly #now: () => Date;
  constructor(deps: { repo: WebhookRepo; now: () => Date }) {
    this.#repo = deps.repo;
    this.#now = deps.now;
  }

  /**
   * Creates a webhook. Its secret is in this answer only: receivers need it to check the
   * signature, and the API never returns it again (rotate to get a new one).
   */
  async create(input: NewWebhookInput, actor: Actor | undefined): Promise<WebhookWithSecret> {
    const secret = newSecret();
    const id = await this.#repo.insert({ url: input.url, events: input.events, secret, active: input.active, createdBy: actor?.userId ?? null }, this.#stamp());
    return { webhook: await this.get(id), secret };
  }

  async list(page: number, limit: number): Promise<{ items: WebhookView[]; total: number }> {
    const { rows, total } = await this.#repo.list(limit, (page - 1) * limit);
    return { items: rows.map(webhookView), total };
  }

  /** One webhook, or JD_ERR_WEBHOOK_NOT_FOUND. */
  async get(id: number): Promise<WebhookView> {
    return webhookView(await this.#row(id));
  }

  /**
   * Changes url, events or active. Turning a webhook on clears the failure count and the
   * system's reason for turning it off; turning it off cancels what was still queued for it.
   */
  async update(id: number, patch: WebhookPatch): Promise<WebhookView> {
    const row = await this.#row(id);
    const now = this.#stamp();
    const reactivated = patch.active === true && row.active === 0;
    await this.#repo.update(
      id,
      {
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.events !== undefined ? { events: patch.events.join(',') } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        ...(reactivated ? { consecutive_failures: 0, disabled_at: null, disabled_reason: '' } : {}),
      },
      now,
    );
    if (patch.active === false && row.active === 1) await this.#repo.cancelPending(id, 'the webhook was turned off', now);
    return this.get(id);
  }

  /** A new secret, shown once; the old one stops signing at once. */
  async rotateSecret(id: number): Promise<WebhookWithSecret> {
    await this.#row(id);
    const secret = newSecret();
    await this.#repo.update(id, { secret }, this.#stamp());
    return { webhook: await this.get(id), secret };
  }

  /** Deletes a webhook with its queue and log. */
  async remove(id: number): Promise<WebhookView> {
    const view = webhookView(await this.#row(id));
    await this.#repo.delete(id);
    return view;
  }

  /** A webhook's deliveries, newest first, each with its attempts. */
  async deliveries(id: number, page: number, limit: number): Promise<{ items: DeliveryView[]; total: number }> {
    await this.#row(id);
    const { rows, attempts, total } = await this.#repo.deliveries(id, limit, (page - 1) * limit);
    return { items: rows.map((r) => deliveryView(r, attempts.filter((a) => a.delivery_id === r.id))), total };
  }

  async #row(id: number) {
    const row = await this.#repo.byId(id);
    if (!row) throw new AppError('JD_ERR_WEBHOOK_NOT_FOUND', { id });
    return row;
  }

  #stamp(): string {
    return this.#now().toISOString();
  }
}
