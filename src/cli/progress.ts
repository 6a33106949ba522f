/** Where a progress display writes, and whether that is a terminal. */
export interface ProgressOptions {
  readonly write: (text: string) => void;
  /** A terminal gets one bar redrawn in place; anything else gets plain lines now and then. */
  readonly tty: boolean;
  /** What is being counted, e.g. "articles". */
  readonly unit: string;
  /** Terminal width for the bar (default 80). */
  readonly columns?: number;
  /** Milliseconds between plain lines (default 2000); also rate-limits redraws on a terminal. */
  readonly everyMs?: number;
  readonly now?: () => number;
}

const BAR_MIN = 10;
const BAR_MAX = 40;
const TTY_REDRAW_MS = 100;

/**
 * A small progress display for long CLI jobs, on stderr. On a terminal it redraws one line
 * (`[#######-----]  58%  5,800/10,000 articles  1,234/s  ETA 4s`); in logs and pipes, where
 * carriage returns make a mess, it prints a plain line every couple of seconds, plus the first
 * and last states.
 *
 * @example
 * const bar = new ProgressBar({ write: io.err, tty: process.stderr.isTTY === true, unit: 'articles' });
 * await indexer.reindex((done, total) => bar.update(done, total));
 * bar.done();
 */
export class ProgressBar {
  readonly #o: Required<ProgressOptions>;
  readonly #started: number;
  #last = -Infinity;
  #state: { done: number; total: number } | undefined;
  #printed: string | undefined;
  /** done/total when last drawn: the final draw is skipped when nothing moved since. */
  #drawnAt: string | undefined;

  constructor(options: ProgressOptions) {
    this.#o = { columns: 80, everyMs: 2000, now: () => performance.now(), ...options };
    this.#started = this.#o.now();
  }

  /** Records progress; draws when it is time to. */
  update(done: number, total: number): void {
    this.#state = { done, total };
    const t = this.#o.now();
    const first = this.#printed === undefined;
    const finished = total > 0 && done >= total;
    if (!first && !finished && t - this.#last < (this.#o.tty ? TTY_REDRAW_MS : this.#o.everyMs)) return;
    this.#last = t;
    this.#draw();
  }

  /** Draws the final state and ends the line. */
  done(): void {
    if (this.#state && this.#drawnAt !== `${this.#state.done}/${this.#state.total}`) this.#draw();
    if (this.#o.tty && this.#printed !== undefined) this.#o.write('\n');
  }

  #draw(): void {
    const line = this.#line();
    if (this.#o.tty) this.#o.write(`\r${line}\x1b[K`);
    else this.#o.write(`${line}\n`);
    this.#printed = line;
    this.#drawnAt = this.#state ? `${this.#state.done}/${this.#state.total}` : undefined;
  }

  #line(): string {
    const { done, total } = this.#state ?? { done: 0, total: 0 };
    const seconds = Math.max(0.001, (this.#o.now() - this.#started) / 1000);
    const rate = done / seconds;
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    const eta = rate > 0 && total > done ? `  ETA ${formatSeconds((total - done) / rate)}` : '';
    const counts = `${pct.toString().padStart(3)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${this.#o.unit}  ${Math.round(rate).toLocaleString('en-US')}/s${eta}`;
    if (!this.#o.tty) return counts.replace(/ {2,}/g, '  ').trim();
    const width = Math.max(BAR_MIN, Math.min(BAR_MAX, this.#o.columns - counts.length - 4));
    const filled = Math.round((pct / 100) * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts}`;
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.ceil(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
