import type { Kysely } from 'kysely';
import type { Database, WebhookAttemptRow, WebhookDeliveryRow, WebhookRow } from '../db/index.js';

/** Values of a new webhook. */
export interface NewWebhook {
  readonly url: string;
  readonly events: readonly string[];
  readonly secret: string;
  readonly active: boolean;
  readonly createdBy: number | null;
}

/** A new delivery: one event's frozen body for one webhook. */
export interface NewDelivery {
  readonly webhookId: number;
  readonly event: string;
  readonly articleId: number | null;
  readonly payload: string;
}

/** What one attempt did. */
export interface AttemptRecord {
  readonly attempt: number;
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly error: string;
}

/** SQL for webhooks, their delivery queue and the delivery log. */
export class WebhookRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(w: NewWebhook, now: string): Promise<number> {
    const row = await this.#db
      .insertInto('webhooks')
      .values({ url: w.url, events: w.events.join(','), secret: w.secret, active: w.active ? 1 : 0, consecutive_failures: 0, disabled_reason: '', created_by: w.createdBy, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  byId(id: number): Promise<WebhookRow | undefined> {
    return this.#db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(limit: number, offset: number): Promise<{ rows: WebhookRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.#db.selectFrom('webhooks').selectAll().orderBy('id').limit(limit).offset(offset).execute(),
      this.#db.selectFrom('webhooks').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Active webhooks (the few rows every content save looks at). */
  active(): Promise<Array<Pick<WebhookRow, 'id' | 'events'>>> {
    return this.#db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', 1).execute();
  }

  async update(id: number, set: Partial<Pick<WebhookRow, 'url' | 'events' | 'secret' | 'active' | 'consecutive_failures' | 'disabled_at' | 'disabled_reason'>>, now: string): Promise<void> {
    await this.#db.updateTable('webhooks').set({ ...set, updated_at: now }).where('id', '=', id).execute();
  }

  async delete(id: number): Promise<boolean> {
    const res = await this.#db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async enqueue(deliveries: readonly NewDelivery[], now: string): Promise<void> {
    if (deliveries.length === 0) return;
    await this.#db
      .insertInto('webhook_deliveries')
      .values(deliveries.map((d) => ({ webhook_id: d.webhookId, event: d.event, article_id: d.articleId, payload: d.payload, status: 'pending' as const, attempts: 0, next_attempt_at: now, last_error: '', created_at: now })))
      .execute();
  }

  /**
   * Claims up to `limit` due deliveries for `token` until `leaseUntil`. Each row is taken by a
   * conditional UPDATE that succeeds for one claimant only, in SQLite and PostgreSQL alike, so
   * an attempt runs once however many processes poll. A claim whose process died expires with
   * its lease and the row becomes due again.
   */
  async claimDue(now: string, leaseUntil: string, token: string, limit: number): Promise<WebhookDeliveryRow[]> {
    const candidates = await this.#db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    const claimed: number[] = [];
    for (const { id } of candidates) {
      const res = await this.#db
        .updateTable('webhook_deliveries')
        .set({ claimed_until: leaseUntil, claim_token: token })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) claimed.push(id);
    }
    if (claimed.length === 0) return [];
    return this.#db.selectFrom('webhook_deliveries').selectAll().where('id', 'in', claimed).where('claim_token', '=', token).orderBy('id').execute();
  }

  /** Logs an attempt and moves the delivery on, releasing the claim `token` holds. */
  async recordAttempt(deliveryId: number, token: string, a: AttemptRecord, next: { status: WebhookDeliveryRow['status']; nextAttemptAt: string }, now: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_attempts')
        .values({ delivery_id: deliveryId, attempt: a.attempt, at: now, ok: a.ok ? 1 : 0, status_code: a.statusCode, duration_ms: a.durationMs, error: a.error })
        .execute();
      await trx
        .updateTable('webhook_deliveries')
        .set({
          status: next.status,
          attempts: a.attempt,
          next_attempt_at: next.nextAttemptAt,
          claimed_until: null,
          claim_token: null,
          last_status_code: a.statusCode,
          last_error: a.error,
          finished_at: next.status === 'pending' ? null : now,
        })
        .where('id', '=', deliveryId)
        .where('claim_token', '=', token)
        .execute();
    });
  }

  /** Ends a delivery without an attempt (its webhook was turned off or deleted). */
  async cancel(deliveryId: number, reason: string, now: string): Promise<void> {
    await this.#db.updateTable('webhook_deliveries').set({ status: 'cancelled', last_error: reason, claimed_until: null, claim_token: null, finished_at: now }).where('id', '=', deliveryId).execute();
  }

  /** Cancels every pending delivery of a webhook. */
  async cancelPending(webhookId: number, reason: string, now: string): Promise<void> {
    await this.#db
      .updateTable('webhook_deliveries')
      .set({ status: 'cancelled', last_error: reason, claimed_until: null, claim_token: null, finished_at: now })
      .where('webhook_id', '=', webhookId)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Counts one more failure in a row; returns the new count. */
  async addFailure(webhookId: number, now: string): Promise<number> {
    const row = await this.#db
      .updateTable('webhooks')
      .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1), updated_at: now }))
      .where('id', '=', webhookId)
      .returning('consecutive_failures')
      .executeTakeFirst();
    return row?.consecutive_failures ?? 0;
  }

  /** Turns a webhook off after failures; false if it was already off. */
  async disable(webhookId: number, reason: string, now: string): Promise<boolean> {
    const res = await this.#db.updateTable('webhooks').set({ active: 0, disabled_at: now, disabled_reason: reason, updated_at: now }).where('id', '=', webhookId).where('active', '=', 1).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async resetFailures(webhookId: number): Promise<void> {
    await this.#db.updateTable('webhooks').set({ consecutive_failures: 0 }).where('id', '=', webhookId).where('consecutive_failures', '!=', 0).execute();
  }

  /** A webhook's deliveries, newest first, with their attempts. */
  async deliveries(webhookId: number, limit: number, offset: number): Promise<{ rows: WebhookDeliveryRow[]; attempts: WebhookAttemptRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.#db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      this.#db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<number | string>().as('n')).where('webhook_id', '=', webhookId).executeTakeFirstOrThrow(),
    ]);
    const attempts = rows.length === 0 ? [] : await this.#db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('delivery_id').orderBy('attempt').execute();
    return { rows, attempts, total: Number(count.n) };
  }
}
