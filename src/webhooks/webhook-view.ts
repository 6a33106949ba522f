import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookRow } from '../db/index.js';

/** A webhook as the admin API shows it: never its secret, only the secret's first characters. */
export interface WebhookView {
  readonly id: number;
  readonly url: string;
  readonly events: readonly string[];
  readonly active: boolean;
  /** Failed attempts in a row; at the configured maximum the system turns the webhook off. */
  readonly consecutiveFailures: number;
  /** When the system turned it off after failures, and why; null while an admin has not. */
  readonly disabledAt: string | null;
  readonly disabledReason: string;
  readonly secretPrefix: string;
  readonly createdBy: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One attempt of the delivery log. */
export interface AttemptView {
  readonly attempt: number;
  readonly at: string;
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly error: string;
}

/** A delivery with its log. */
export interface DeliveryView {
  readonly id: number;
  readonly event: string;
  readonly articleId: number | null;
  /** pending | succeeded | failed (gave up after its retries) | cancelled (webhook off or gone). */
  readonly status: string;
  readonly attempts: number;
  /** When a pending delivery is tried next. */
  readonly nextAttemptAt: string | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly payload: unknown;
  readonly log: readonly AttemptView[];
}

/** The view of a webhook row. */
export function webhookView(r: WebhookRow): WebhookView {
  return {
    id: r.id,
    url: r.url,
    events: r.events.split(',').filter(Boolean),
    active: r.active === 1,
    consecutiveFailures: r.consecutive_failures,
    disabledAt: r.disabled_at,
    disabledReason: r.disabled_reason,
    secretPrefix: `${r.secret.slice(0, 10)}…`,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The view of a delivery and its attempts. */
export function deliveryView(d: WebhookDeliveryRow, attempts: readonly WebhookAttemptRow[]): DeliveryView {
  return {
    id: d.id,
    event: d.event,
    articleId: d.article_id,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    createdAt: d.created_at,
    finishedAt: d.finished_at,
    payload: JSON.parse(d.payload) as unknown,
    log: attempts.map((a) => ({ attempt: a.attempt, at: a.at, ok: a.ok === 1, statusCode: a.status_code, durationMs: a.duration_ms, error: a.error })),
  };
}
