import type { BenchOptions } from './args.js';
import type { LoadedArticle } from './load.js';
import type { Leftovers, ServerHandle } from './processes.js';

/** One measured number. `baseline` names another figure; the report adds `ratio = value / baseline`. */
export interface Figure {
  readonly value: number;
  /** `req/s`, `ms`, `renders/s`, `MB`, `KB`, … */
  readonly unit: string;
  readonly baseline?: string;
}

/** Everything a measurement may use. */
export interface BenchContext {
  readonly options: BenchOptions;
  /** Scratch folder of this run (removed at the end unless `--keep`). */
  readonly workDir: string;
  /** The Jiaodian data folder inside it, filled with the corpus. */
  readonly dataDir: string;
  /** The stored articles, oldest first. */
  readonly articles: readonly LoadedArticle[];
  readonly leftovers: Leftovers;
  /** Progress line (stdout, or stderr with `--json`). */
  readonly log: (line: string) => void;
  /** The real server on the data folder: started on first call, shared by later measurements. */
  server(): Promise<ServerHandle>;
  /** A fresh seeded random stream, so picks repeat across runs with the same `--seed`. */
  random(): () => number;
}

/**
 * A measurement module. The runner calls each in list order (see `measures/all.ts`) and merges
 * the figures they return; figure names are unique across modules. To add a figure, add a module
 * to that list.
 */
export interface Measurement {
  /** Shown in progress output. */
  readonly title: string;
  run(ctx: BenchContext): Promise<Record<string, Figure>>;
}
