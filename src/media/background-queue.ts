/**
 * A small in-process work queue for slow jobs that must not hold up a request (AVIF encoding is
 * about ten times slower than WebP). Jobs run one at a time by default, so background work
 * never takes more than one core from the requests; a failing job is reported and the queue
 * goes on. Jobs are lost if the process stops: use it only for work that is optional.
 *
 * @example
 * const queue = new BackgroundQueue({ onError: (err) => log(err) });
 * queue.push(() => encodeAvif(mediaId));
 */
export class BackgroundQueue {
  readonly #jobs: Array<() => Promise<void>> = [];
  readonly #concurrency: number;
  readonly #onError: (err: unknown) => void;
  #running = 0;
  #closed = false;
  #idle: Array<() => void> = [];

  constructor(options: { concurrency?: number; onError: (err: unknown) => void }) {
    this.#concurrency = options.concurrency ?? 1;
    this.#onError = options.onError;
  }

  /** Adds a job; it starts on a later tick, never inside the caller's. Ignored once closed. */
  push(job: () => Promise<void>): void {
    if (this.#closed) return;
    this.#jobs.push(job);
    setImmediate(() => this.#pump());
  }

  /** Jobs waiting or running. */
  get size(): number {
    return this.#jobs.length + this.#running;
  }

  /** Resolves when no job is waiting or running. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Drops waiting jobs and resolves when the running ones have finished. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#jobs.length = 0;
    await this.idle();
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#jobs.length > 0) {
      const job = this.#jobs.shift()!;
      this.#running++;
      void job()
        .catch((err: unknown) => this.#onError(err))
        .finally(() => {
          this.#running--;
          this.#pump();
          if (this.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
        });
    }
  }
}
