import { parseArgs } from 'node:util';

/** Settings of one benchmark run. */
export interface BenchOptions {
  /** Articles in the synthetic corpus. */
  readonly articles: number;
  /** Seconds of each measured HTTP run (after its warm-up). */
  readonly duration: number;
  /** Seed of the corpus and of the random article picks. */
  readonly seed: number;
  /** Print the JSON document to stdout; progress and the table go to stderr. */
  readonly json: boolean;
  /** Keep the temporary data folder and print where it is. */
  readonly keep: boolean;
  /**
   * Run only the measurements whose title contains one of these words (lower case); empty runs
   * them all. A measurement on the large corpus still needs the export measurement before it.
   */
  readonly only: readonly string[];
  readonly help: boolean;
}

/** A bad command line: the runner prints the message on one line and exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Text of `--help`. */
export const USAGE = `Usage: npm run bench -- [options]

Loads a synthetic Chinese news corpus into a throwaway data folder, starts the real server and
measures it against a bare node:http server serving the same bytes.

  --articles N   articles in the corpus (default 10000)
  --duration S   seconds of each measured HTTP run, after a 3 s warm-up (default 10)
  --seed N       seed of the corpus and of random picks (default 1)
  --json         print the results as one JSON document on stdout
  --keep         keep the data folder instead of removing it
  --only WORDS   run only the measurements whose title contains one of these comma-separated
                 words (e.g. --only "page cache,uncached")
  -h, --help     show this help`;

const DEFAULTS = { articles: 10_000, duration: 10, seed: 1 } as const;

/**
 * Parses the benchmark's flags strictly: unknown flags, missing values and numbers out of range
 * throw a `UsageError` whose message fits on one line.
 *
 * @example
 * parseBenchArgs(['--articles', '2000', '--duration', '5']).articles // 2000
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        articles: { type: 'string' },
        duration: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        keep: { type: 'boolean' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    // Node's messages carry a second sentence about `--` that does not apply here.
    throw new UsageError(((err as Error).message.split('\n')[0] ?? 'bad arguments').replace(/\. To specify.*$/, ''));
  }
  return {
    articles: whole(values.articles, 'articles', DEFAULTS.articles, 1, 1_000_000),
    duration: whole(values.duration, 'duration', DEFAULTS.duration, 1, 3600),
    seed: whole(values.seed, 'seed', DEFAULTS.seed, 0, 2 ** 32 - 1),
    json: values.json === true,
    keep: values.keep === true,
    only: words(values.only),
    help: values.help === true,
  };
}

function words(raw: string | boolean | undefined): string[] {
  if (raw === undefined) return [];
  const list = String(raw)
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (list.length === 0) throw new UsageError('--only needs at least one word of a measurement title');
  return list;
}

function whole(raw: string | boolean | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const text = String(raw).trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return n;
}
