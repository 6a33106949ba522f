import { createRequire } from 'node:module';

/** Connections kept open by each load run. */
export const CONNECTIONS = 50;
/** Seconds of load before each measured run, not counted. */
export const WARMUP_SECONDS = 3;
/**
 * Seconds before a request counts as timed out. autocannon's default of 10 s is shorter than a
 * slow page can take with 50 connections queued on it; a cut-off request is missing from the
 * latency figures, so the limit is generous.
 */
export const TIMEOUT_SECONDS = 30;

/** What one measured load run gave. */
export interface LoadFigures {
  /** Mean requests per second over the measured run. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Responses that were not 2xx, plus connection errors other than timeouts. */
  readonly failures: number;
  /** Requests with no answer within `TIMEOUT_SECONDS`; they count in no figure. */
  readonly timeouts: number;
  /** CPU seconds the server used over the measured run, where the run was asked to count them. */
  readonly serverCpuSeconds?: number;
}

/** What to load. */
export interface LoadSpec {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** A fixed path, or a function giving each request its own path. */
  readonly path: string | (() => string);
  readonly seconds: number;
}

// The slice of autocannon's programmatic API we use. autocannon ships no types; rather than add
// a dev dependency for a dozen lines, they are declared here.
interface CannonRequest {
  readonly method: 'GET';
  readonly path?: string;
  readonly setupRequest?: (req: Record<string, unknown>) => Record<string, unknown>;
}
interface CannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly pipelining: number;
  readonly duration: number;
  readonly timeout: number;
  readonly warmup?: { readonly connections: number; readonly duration: number };
  readonly requests?: readonly CannonRequest[];
}
interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p99: number;
}
interface CannonResult {
  readonly requests: Histogram & { readonly total: number };
  readonly latency: Histogram;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: CannonOptions) => Promise<CannonResult>;

/**
 * Runs autocannon against one server: a warm-up of `WARMUP_SECONDS`, then `seconds` measured,
 * with `CONNECTIONS` connections and no pipelining (as browsers and proxies send requests).
 *
 * @example
 * const f = await loadTest({ origin: 'http://127.0.0.1:3000', path: '/tech/1.html', seconds: 10 });
 */
export async function loadTest(spec: LoadSpec): Promise<LoadFigures> {
  const { path } = spec;
  const request: CannonRequest =
    typeof path === 'string' ? { method: 'GET', path } : { method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) };
  const result = await autocannon({
    url: spec.origin,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: spec.seconds,
    timeout: TIMEOUT_SECONDS,
    warmup: { connections: CONNECTIONS, duration: WARMUP_SECONDS },
    requests: [request],
  });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    // autocannon counts a timeout as an error too.
    failures: result.non2xx + result.errors - result.timeouts,
    timeouts: result.timeouts,
  };
}
