import { AppError } from '../errors/index.js';
import type { EventBus } from '../events/bus.js';

/** What the scheduler drives: the workflow's claim of due articles and the next embargo. */
export interface SchedulerTarget {
  publishDue(limit?: number): Promise<number[]>;
  nextDue(): Promise<number | undefined>;
}

/** Dependencies and settings of the scheduler. */
export interface SchedulerDeps {
  readonly target: SchedulerTarget;
  /** The clock due times are compared with (the container's). */
  readonly now: () => Date;
  /**
   * The longest the loop sleeps, in milliseconds. Another process may schedule an article
   * this one was not told about; it is found at the latest after this long.
   */
  readonly maxSleepMs?: number;
  /** Where a failed round is reported; the loop itself carries on. */
  readonly onError?: (err: AppError) => void;
  /** Told which articles a round published. */
  readonly onPublished?: (ids: readonly number[]) => void;
}

/** Default longest sleep: 30 seconds. */
export const SCHEDULER_MAX_SLEEP_MS = 30_000;
// setTimeout stores its delay in 32 bits; a longer one fires at once.
const MAX_TIMER_MS = 2_147_483_647;
/** Articles claimed per query. */
const BATCH = 50;
// An embargo already past that this round could not claim (another process holds it) is
// retried after this pause rather than in a tight loop.
const RETRY_MS = 25;

/**
 * Publishes scheduled articles at their embargo time. It keeps no state of its own: the due
 * times live in the database, so a restarted process finds what was pending, and the claim is a
 * conditional UPDATE, so several processes running it never publish one article twice.
 *
 * The loop sleeps until the next embargo (at most `maxSleepMs`), publishes what is due, and
 * starts over. A schedule made in this process wakes it at once (`watch`).
 *
 * @example
 * const scheduler = new Scheduler({ target: workflow, now: () => new Date() });
 * scheduler.watch(events);
 * scheduler.start();
 * // … on shutdown
 * await scheduler.stop();
 */
export class Scheduler {
  readonly #d: SchedulerDeps;
  readonly #maxSleep: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #started = false;

  constructor(deps: SchedulerDeps) {
    this.#d = deps;
    this.#maxSleep = Math.max(10, Math.min(deps.maxSleepMs ?? SCHEDULER_MAX_SLEEP_MS, MAX_TIMER_MS));
  }

  /** Whether the loop is running. */
  get started(): boolean {
    return this.#started;
  }

  /** Starts the loop; the first round runs at once (articles that fell due while down). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#arm(0);
  }

  /** Stops the loop and waits for a round in progress to finish. */
  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Wakes the loop now (an article was scheduled or rescheduled). */
  poke(): void {
    if (!this.#started) return;
    if (this.#running) this.#again = true;
    else this.#arm(0);
  }

  /** Wakes the loop whenever an article of this process is saved as scheduled. */
  watch(events: EventBus): void {
    events.on('article.saved', (e) => {
      if (e.status === 'scheduled') this.poke();
    });
  }

  /** Runs one round by hand: publishes what is due and returns the ids (tests, the CLI). */
  async runOnce(): Promise<number[]> {
    const ids: number[] = [];
    // A round publishes at most a batch; keep going while whole batches come back.
    for (let batch = await this.#d.target.publishDue(BATCH); ; batch = await this.#d.target.publishDue(BATCH)) {
      ids.push(...batch);
      if (batch.length < BATCH) break;
    }
    if (ids.length > 0) this.#d.onPublished?.(ids);
    return ids;
  }

  #arm(delay: number): void {
    clearTimeout(this.#timer);
    if (!this.#started) return;
    this.#timer = setTimeout(() => this.#round(), delay);
    // A pending embargo must not keep a CLI command or a test runner alive.
    this.#timer.unref();
  }

  #round(): void {
    this.#running = (async () => {
      let delay = this.#maxSleep;
      try {
        await this.runOnce();
        const next = await this.#d.target.nextDue();
        if (next !== undefined) {
          const wait = next - this.#d.now().getTime();
          delay = Math.min(this.#maxSleep, wait > 0 ? wait : RETRY_MS);
        }
      } catch (err) {
        this.#d.onError?.(new AppError('JD_ERR_CONTENT_SCHEDULER_FAILED', { reason: String((err as Error)?.message ?? err) }, { cause: err }));
      }
      return delay;
    })().then((delay) => {
      this.#running = undefined;
      const again = this.#again;
      this.#again = false;
      this.#arm(again ? 0 : delay);
    });
  }
}
