import { connect, type Socket } from 'node:net';

/** A desktop Chrome's user agent: what the load's readers send. */
export const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** One beacon to send: its JSON body and the reader's address (sent as X-Forwarded-For). */
export interface BeaconSpec {
  readonly body: string;
  readonly address: string;
}

/** What a beacon load gave. */
export interface BeaconFigures {
  readonly rps: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly failures: number;
}

/** Options of a beacon load. */
export interface BeaconLoad {
  readonly host: string;
  readonly port: number;
  readonly connections: number;
  readonly seconds: number;
  /** Beacons per second overall; without it every connection sends as soon as answered. */
  readonly rate?: number;
  readonly userAgent: string;
  readonly next: () => BeaconSpec;
}

/**
 * A minimal HTTP/1.1 beacon client over raw keep-alive sockets, one request in flight per
 * connection (no pipelining, as browsers send beacons). autocannon with a per-request body
 * generator tops out near 10,000 requests/s on one core here, below what the server takes, so
 * the figure would measure the load generator; this client costs a few microseconds a request.
 * It reads only the status line and the end of the headers: beacons answer 204, without a body.
 */
export async function beaconLoad(o: BeaconLoad): Promise<BeaconFigures> {
  const head = `POST /api/v1/views HTTP/1.1\r\nHost: ${o.host}:${o.port}\r\nContent-Type: text/plain;charset=UTF-8\r\nUser-Agent: ${o.userAgent}\r\n`;
  const request = () => {
    const b = o.next();
    return `${head}X-Forwarded-For: ${b.address}\r\nContent-Length: ${Buffer.byteLength(b.body)}\r\n\r\n${b.body}`;
  };
  // Latency histogram in 0.1 ms buckets up to 10 s: p99 without keeping every sample.
  const buckets = new Uint32Array(100_001);
  let done = 0;
  let failures = 0;
  let sent = 0;
  let stopping = false;
  const start = performance.now();
  const idle: Conn[] = [];

  interface Conn {
    socket: Socket;
    at: number;
    pending: string;
  }
  const send = (c: Conn) => {
    c.at = performance.now();
    sent++;
    c.socket.write(request());
  };
  const ready = (c: Conn) => {
    if (stopping) return;
    if (o.rate === undefined) send(c);
    else idle.push(c);
  };

  const conns = await Promise.all(
    Array.from(
      { length: o.connections },
      () =>
        new Promise<Conn>((resolve, reject) => {
          const socket = connect({ host: o.host, port: o.port, noDelay: true }, () => resolve(c));
          const c: Conn = { socket, at: 0, pending: '' };
          socket.setEncoding('latin1');
          socket.once('error', reject);
          socket.on('data', (chunk: string) => {
            c.pending += chunk;
            const end = c.pending.indexOf('\r\n\r\n');
            if (end < 0) return;
            const status = c.pending.slice(9, 12);
            // A beacon's answer has no body (204); anything else is a failure and its body is skipped.
            c.pending = '';
            done++;
            if (status !== '204') failures++;
            buckets[Math.min(100_000, Math.round((performance.now() - c.at) * 10))]!++;
            ready(c);
          });
        }),
    ),
  );
  for (const c of conns) c.socket.on('error', () => failures++);

  let ticker: NodeJS.Timeout | undefined;
  if (o.rate === undefined) for (const c of conns) send(c);
  else {
    const rate = o.rate;
    idle.push(...conns);
    // Every 2 ms, send what the rate allows so far on idle connections (missed slots are dropped).
    ticker = setInterval(() => {
      const due = Math.floor(((performance.now() - start) / 1000) * rate) - sent;
      for (let i = 0; i < due && idle.length > 0; i++) send(idle.pop()!);
    }, 2);
  }
  await new Promise((r) => setTimeout(r, o.seconds * 1000));
  stopping = true;
  if (ticker) clearInterval(ticker);
  const elapsed = (performance.now() - start) / 1000;
  for (const c of conns) c.socket.destroy();
  return { rps: done / elapsed, p99Ms: percentile(buckets, done, 0.99), requests: done, failures };
}

function percentile(buckets: Uint32Array, total: number, q: number): number {
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i]!;
    if (seen >= total * q) return i / 10;
  }
  return buckets.length / 10;
}

/**
 * Simulated readers: each has a random session id (as the page's script makes them) and an
 * address, and reads 1–5 random articles, one beacon each. `pool` readers' addresses are in
 * circulation; with `Infinity` every beacon is a new reader from a new address (the worst case
 * for the server's in-memory maps).
 */
export function readers(rng: () => number, pick: () => number, pool: number): () => BeaconSpec {
  let serial = 0;
  let sid = '';
  let address = '';
  let left = 0;
  return () => {
    if (left === 0) {
      const n = Number.isFinite(pool) ? Math.floor(rng() * pool) : serial++;
      sid = `${Math.floor(rng() * 2 ** 48).toString(16).padStart(12, '0')}${Math.floor(rng() * 2 ** 48).toString(16).padStart(12, '0')}`;
      address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      left = Number.isFinite(pool) ? 1 + Math.floor(rng() * 5) : 1;
    }
    left--;
    return { body: `{"a":${pick()},"s":"${sid}"}`, address };
  };
}

/**
 * Picks article ids with a Zipf(1) popularity over a random ranking: the k-th most read article
 * is read 1/k as often as the first. News readership is that skewed (a few stories take most
 * views), and it is what shapes the co-visit table: uniform picks over thousands of articles
 * would make nearly every pair new and the table far larger than any real site's.
 */
export function zipfPicker(rng: () => number, ids: readonly number[]): () => number {
  const ranked = [...ids];
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
  }
  const cumulative = new Float64Array(ranked.length);
  let sum = 0;
  for (let k = 0; k < ranked.length; k++) cumulative[k] = sum += 1 / (k + 1);
  return () => {
    const x = rng() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return ranked[lo]!;
  };
}
