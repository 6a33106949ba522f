import { randomBytes } from 'node:crypto';
import type { WebhookDeliveryRow } from '../db/index.js';
import type { Sender } from './http-sender.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from './signature.js';
import type { WebhookRepo } from './webhook.repo.js';

/**
 * Waits before each retry: 1 min, 5 min, 30 min, 2 h, 6 h, then 12 h (the cap); after the last
 * the delivery is given up as `failed`. Roughly a day in all: long enough for a receiver's
 * outage, short enough that news is not delivered a week late.
 */
export const DEFAULT_BACKOFF_MS: readonly number[] = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000];

/** What the dispatcher needs. */
export interface DispatcherDeps {
  readonly repo: WebhookRepo;
  readonly send: Sender;
  /** The clock retries and claims are measured by (injectable for tests). */
  readonly now: () => Date;
  /** Failed attempts in a row after which a webhook is turned off. */
  readonly maxFailures: number;
  readonly backoffMs?: readonly number[];
  /** How long a claim holds; must outlast one HTTP attempt. Default 2 min. */
  readonly leaseMs?: number;
  /** Deliveries claimed and sent at once. Default 8. */
  readonly batchSize?: number;
  readonly onError: (err: unknown) => void;
  /**
   * Asked before each periodic poll (not before a kick): false while another process holds the
   * poll's lease (src/events/lease.ts). Default: always poll.
   */
  readonly mayPoll?: () => Promise<boolean>;
}

/**
 * Sends queued deliveries in the background: claims due rows (once across processes), signs
 * and POSTs each, logs the attempt, schedules retries with backoff, and turns a webhook off
 * after `maxFailures` failed attempts in a row, cancelling what was still queued for it.
 *
 * @example
 * dispatcher.start();        // polls every 5 s, and at once after each save that queued work
 * await dispatcher.runDue(); // tests: run what is due now, by the injected clock
 */
export class WebhookDispatcher {
  readonly #d: DispatcherDeps;
  readonly #backoff: readonly number[];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(deps: DispatcherDeps) {
    this.#d = deps;
    this.#backoff = deps.backoffMs ?? DEFAULT_BACKOFF_MS;
  }

  /** Polls for due deliveries every `intervalMs` (retries come due without any event). */
  start(intervalMs = 5_000): void {
    if (this.#timer || this.#stopped) return;
    this.#timer = setInterval(() => this.#poll(), intervalMs);
    // Polling alone never keeps a process (a CLI import) alive.
    this.#timer.unref();
    this.kick();
  }

  #poll(): void {
    if (!this.#d.mayPoll) return this.kick();
    this.#d.mayPoll().then((may) => may && this.kick(), () => this.kick());
  }

  /** Runs due deliveries soon, without making the caller wait. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.runDue().catch((err: unknown) => this.#d.onError(err));
      } while (this.#again && !this.#stopped);
    })().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves when a kicked run has finished. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops polling (until `start` again) and waits for the attempts in flight. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.idle();
  }

  /** Stops for good (shutdown): no more polling or kicks; waits for the attempts in flight. */
  async close(): Promise<void> {
    this.#stopped = true;
    await this.stop();
  }

  /** Attempts every delivery due now; returns how many attempts were made. */
  async runDue(): Promise<number> {
    const token = randomBytes(12).toString('hex');
    let made = 0;
    for (;;) {
      const now = this.#d.now();
      const claimed = await this.#d.repo.claimDue(now.toISOString(), new Date(now.getTime() + (this.#d.leaseMs ?? 120_000)).toISOString(), token, this.#d.batchSize ?? 8);
      if (claimed.length === 0) return made;
      const results = await Promise.all(claimed.map((d) => this.#attempt(d, token).catch((err: unknown) => (this.#d.onError(err), false))));
      made += results.filter(Boolean).length;
    }
  }

  /** One attempt; false when the delivery was cancelled instead. */
  async #attempt(d: WebhookDeliveryRow, token: string): Promise<boolean> {
    const { repo } = this.#d;
    const hook = await repo.byId(d.webhook_id);
    if (!hook || hook.active !== 1) {
      await repo.cancel(d.id, 'the webhook was turned off', this.#d.now().toISOString());
      return false;
    }
    // The timestamp is signed with the body: a replayed request shows its age.
    const timestamp = Math.floor(this.#d.now().getTime() / 1000);
    const result = await this.#d.send({
      url: hook.url,
      body: d.payload,
      headers: { [SIGNATURE_HEADER]: sign(hook.secret, timestamp, d.payload), [TIMESTAMP_HEADER]: String(timestamp), [EVENT_HEADER]: d.event, [DELIVERY_HEADER]: String(d.id) },
    });
    const at = this.#d.now();
    const stamp = at.toISOString();
    const attempt = d.attempts + 1;
    const record = { attempt, ok: result.ok, statusCode: result.statusCode, durationMs: result.durationMs, error: result.error };
    if (result.ok) {
      await repo.recordAttempt(d.id, token, record, { status: 'succeeded', nextAttemptAt: d.next_attempt_at }, stamp);
      await repo.resetFailures(hook.id);
      return true;
    }
    const delay = this.#backoff[attempt - 1];
    const next = delay === undefined ? { status: 'failed' as const, nextAttemptAt: d.next_attempt_at } : { status: 'pending' as const, nextAttemptAt: new Date(at.getTime() + delay).toISOString() };
    await repo.recordAttempt(d.id, token, record, next, stamp);
    const failures = await repo.addFailure(hook.id, stamp);
    if (failures >= this.#d.maxFailures) {
      const reason = `turned off after ${failures} failed attempts in a row (last: ${result.error})`;
      if (await repo.disable(hook.id, reason, stamp)) await repo.cancelPending(hook.id, reason, stamp);
    }
    return true;
  }
}
