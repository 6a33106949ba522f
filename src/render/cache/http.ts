import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AnswerBatch } from '../../http/answer-batch.js';
import type { FastHandler } from '../../http/fast-path.js';
import { addEncoding, buildEntry, negotiate, notModified, type CacheEntry, type Encoding } from './entry.js';
import type { PageCaching } from './page-caching.js';
import { policyOf, tag, type CachePolicy } from './tags.js';

/** Milliseconds a page whose render failed is served stale before the next attempt. */
const RETRY_AFTER_FAILURE_MS = 5000;

/** Header names this layer sets on a stored response; the rest come from the route and hooks. */
const OWN = new Set(['cache-control', 'vary', 'surrogate-key', 'cache-tag', 'etag', 'content-encoding', 'content-length', 'x-cache']);

/** Options of the HTTP side of the page cache. */
export interface PageCacheHttpOptions {
  /** Name of the session cookie: a signed-in member's requests are never served from or stored in the cache. */
  readonly sessionCookie: string;
  /** The fast path's batch: hits are written with the turn's other ready answers. */
  readonly answers: AnswerBatch;
}


/**
 * Plugs the page cache into a Fastify app: hooks that store every cacheable response (a route
 * declared it with `cacheable`, or it is a public not-found page) and answer it exactly as a
 * hit will be answered, and the fast handler that serves hits before Fastify routes anything.
 * Call it before routes are registered, after the hooks that add headers every response carries
 * (they run first and so are stored with the page).
 *
 * @example
 * fast.add(installPageCache(app, c.pageCaching, { sessionCookie: 'jd_session', answers: fast.answers }));
 */
export function installPageCache(app: FastifyInstance, caching: PageCaching, options: PageCacheHttpOptions): FastHandler {
  const { cache, fallbacks } = caching;
  const started = new WeakMap<FastifyRequest, number>();
  const token = randomBytes(16).toString('hex');
  const refilling = new Map<string, Promise<RefillResult>>();
  const cookieMark = `${options.sessionCookie}=`;
  const notFoundPolicy = (req: FastifyRequest): CachePolicy => ({ tags: () => caching.tagger?.notFoundTags(req) ?? [tag.notFound], query: [] });

  const validators = new WeakMap<FastifyRequest, string>();
  const stored = new WeakMap<FastifyRequest, CacheEntry>();

  app.addHook('onRequest', (req, _reply, done) => {
    started.set(req, cache.seq);
    fallbacks.begin(req);
    // A route answering 304 itself (feeds, sitemaps) would leave nothing to store, and readers
    // polling with If-None-Match would keep a feed out of the cache for good: the comparison
    // is made here, after the full response is stored.
    const inm = req.headers['if-none-match'];
    if (req.method === 'GET' && inm !== undefined && isPublicPath(req.url.split('?')[0]!)) {
      validators.set(req, inm);
      delete req.headers['if-none-match'];
    }
    done();
  });

  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (req.method !== 'GET') return payload;
    const out = await store(req, reply, payload);
    const inm = validators.get(req);
    if (inm === undefined || reply.statusCode !== 200) return out;
    const entry = stored.get(req);
    const etag = reply.getHeader('etag');
    const match = entry ? notModified(inm, entry) : typeof etag === 'string' && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
    if (!match) return out;
    reply.code(304);
    for (const h of ['content-length', 'content-encoding', 'content-type']) reply.removeHeader(h);
    return null;
  });

  /** Stores a cacheable response and answers it as a hit would be answered; returns the body to send. */
  const store = async (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const status = reply.statusCode;
    // Not-found pages of public paths are stored briefly; they tell what is missing, not who asks.
    const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    // (A client asking for JSON gets a JSON error: never stored, a browser must not get it.)
    const policy = policyOf(reply) ?? (status === 404 && html && isPublicPath(req.url) ? notFoundPolicy(req) : undefined);
    if (!policy || (status !== 200 && status !== 404)) return payload;
    const refill = req.headers['x-jiaodian-refill'] === token;
    if (!refill && bypasses(req.raw, cookieMark)) return payload;
    if (reply.hasHeader('set-cookie') || !queryAllowed(req.url, policy.query)) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const tags = policy.tags();
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    // A page asked for once while the cache is full is not stored (see PageCache.admits); it
    // still gets every header a stored one has, so CDNs and browsers may keep it, but is sent
    // as rendered rather than compressed for a single reader.
    const admitted = refill || cache.admits(req.url, body.length);
    const enc = refill || !admitted ? 'identity' : negotiate(req.headers['accept-encoding']);
    // Only the encoding this client takes is made now; others when a client asks for them.
    const entry = await buildEntry({
      key: req.url,
      status,
      headers: reply.getHeaders(),
      body,
      tags,
      freshness: caching.freshness,
      now: Date.now(),
    }, enc === 'identity' ? [] : [enc]);
    // Rendered while a purge of its tags went by: it may show the old state, so it only serves
    // as a last good copy until the next request renders it again.
    if (cache.purgedSince(started.get(req) ?? -1, tags)) entry.invalid = true;
    if (admitted) cache.set(entry);
    stored.set(req, entry);
    const head = entry.heads[enc]!;
    for (let i = 0; i < head.length; i += 2) if (OWN.has(head[i]!)) reply.header(head[i]!, head[i + 1]!);
    reply.header('x-cache', 'MISS');
    return entry.bodies[enc];
  };

  /** Renders a URL again through Fastify (one render per URL at a time), storing it. */
  const refillOf = (key: string): Promise<RefillResult> => {
    const running = refilling.get(key);
    if (running) return running;
    const run = app
      .inject({ method: 'GET', url: key, headers: { 'x-jiaodian-refill': token } })
      .then((r): RefillResult => ({ status: r.statusCode, headers: r.headers, body: r.rawPayload }))
      .catch((err: unknown): RefillResult => {
        app.log.warn({ err, url: key }, 'page cache refill failed');
        return { status: 500, headers: {}, body: Buffer.alloc(0) };
      })
      .finally(() => refilling.delete(key));
    refilling.set(key, run);
    return run;
  };

  /**
   * What a refill of `old` left: a new entry; or, when the render failed, `old` kept as the last
   * good copy with a pause before the next attempt; or, when the page is gone or moved, nothing.
   */
  const settle = (old: CacheEntry, r: RefillResult): CacheEntry | undefined => {
    const now = cache.get(old.key);
    if (now !== old) return now;
    if (r.status >= 500 && old.status === 200) {
      old.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
      return old;
    }
    cache.delete(old.key);
    return undefined;
  };

  const renderAndSend = async (req: IncomingMessage, res: ServerResponse, old: CacheEntry, h: RequestHeads) => {
    const r = await refillOf(old.key);
    const kept = settle(old, r);
    // The last good copy rather than an error page.
    if (kept) return send(req, res, kept, h, kept === old ? 'STALE' : 'MISS');
    res.writeHead(r.status, r.headers as Record<string, string>);
    res.end(req.method === 'HEAD' ? undefined : r.body);
  };

  // Public pages being rendered on a miss, by URL: further requests for one wait for that render
  // and are answered from the entry it stores, instead of each rendering the same page (a burst
  // on a page just purged or evicted took as many renders, and as much memory, as connections).
  const rendering = new Map<string, Promise<void>>();
  const renderOnce: FastHandler = (req, res, toFastify) => {
    const key = req.url!;
    const running = rendering.get(key);
    if (running) {
      if (readHeads(req, cookieMark).bypass) return false;
      // A second reader of the page: worth storing even when the cache is full.
      cache.wanted(key);
      // Then answered as any request is: from the stored entry, or by Fastify when there is none.
      void running.then(() => answer(req, res, toFastify) || toFastify(req, res));
      return true;
    }
    if (req.method !== 'GET' || !isPublicPath(key) || readHeads(req, cookieMark).bypass) return false;
    // Settled when the first request's answer is written (its entry stored) or the client leaves.
    rendering.set(
      key,
      new Promise<void>((resolve) => res.once('close', resolve)).then(() => void rendering.delete(key)),
    );
    return false;
  };

  const answer: FastHandler = (req, res, toFastify) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const entry = cache.get(req.url!);
    if (!entry) return renderOnce(req, res, toFastify);
    const h = readHeads(req, cookieMark);
    if (h.bypass) return false;
    const now = Date.now();
    if (!entry.invalid && now < entry.freshUntil) {
      if (now - entry.touchedAt > 1000) {
        entry.touchedAt = now;
        cache.touch(entry);
      }
      send(req, res, entry, h, 'HIT');
    } else if ((!entry.invalid && now < entry.staleUntil) || now < entry.retryAt) {
      // Stale but within stale-while-revalidate (or its render just failed): answer now, render behind.
      send(req, res, entry, h, 'STALE');
      if (now >= entry.retryAt) void refillOf(entry.key).then((r) => settle(entry, r));
    } else {
      renderAndSend(req, res, entry, h).catch((err: unknown) => {
        app.log.error({ err, url: req.url }, 'page cache answer failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end();
      });
    }
    return true;
  };

  /**
   * The entry's body in `enc` once made: the first client asking for an encoding has it
   * compressed (one compression per entry and encoding, however many ask meanwhile).
   */
  const compressing = new WeakMap<CacheEntry, Partial<Record<Encoding, Promise<void>>>>();
  const encoded = (e: CacheEntry, enc: Encoding): Promise<void> => {
    let byEnc = compressing.get(e);
    if (!byEnc) compressing.set(e, (byEnc = {}));
    return (byEnc[enc] ??= addEncoding(e, enc).then((added) => cache.grew(e, added)));
  };

  const send = (req: IncomingMessage, res: ServerResponse, e: CacheEntry, h: RequestHeads, label: 'HIT' | 'STALE' | 'MISS'): void => {
    // Reading a request without a body (all but a few GETs) marks it consumed, so Node does not
    // resume, end and destroy it after the answer. That bookkeeping is four process.nextTick
    // calls a request, and on Node 20 V8 often (in 3 of 4 server starts measured) leaves the
    // object literal inside nextTick megamorphic, which makes each call cost ~0.5 µs: 10% of
    // serving a hit. A request with a body is left to Node, which drains it; reading it here
    // and leaving the rest would stall the connection once the body passes the buffer limit.
    if (!h.hasBody) req.read();
    if (h.ifNoneMatch !== undefined && e.status === 200 && notModified(h.ifNoneMatch, e)) {
      options.answers.add(res, 304, relabel(e.notModified, label));
      return;
    }
    const enc = negotiate(h.acceptEncoding);
    const head = e.heads[enc];
    if (head === undefined) {
      encoded(e, enc).then(
        () => send(req, res, e, h, label),
        (err: unknown) => {
          // The page itself is still right for any client.
          app.log.error({ err, url: e.key, encoding: enc }, 'page cache compression failed');
          send(req, res, e, { ...h, acceptEncoding: undefined }, label);
        },
      );
      return;
    }
    // A flat [name, value, …] list is what writeHead takes fastest: no object to walk.
    options.answers.add(res, e.status, relabel(head, label), req.method === 'HEAD' ? undefined : e.bodies[enc]);
  };
  return answer;
}

/** What a refill render answered. */
interface RefillResult {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: Buffer;
}

/** The request headers a cached answer depends on, read in one pass over the raw list. */
interface RequestHeads {
  readonly acceptEncoding: string | undefined;
  readonly ifNoneMatch: string | undefined;
  /** Signed in (session cookie) or an API credential: never served from the cache. */
  readonly bypass: boolean;
  /** The request announces a body (a Content-Length other than 0, or a Transfer-Encoding). */
  readonly hasBody: boolean;
}

function readHeads(req: IncomingMessage, cookieMark: string): RequestHeads {
  const raw = req.rawHeaders;
  let acceptEncoding: string | undefined;
  let ifNoneMatch: string | undefined;
  let bypass = false;
  let hasBody = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // Compare lengths first: most headers are rejected without lower-casing them.
    switch (name.length) {
      case 15:
        if (name.toLowerCase() === 'accept-encoding') acceptEncoding = raw[i + 1];
        break;
      case 13:
        if (name.toLowerCase() === 'if-none-match') ifNoneMatch = raw[i + 1];
        else if (name.toLowerCase() === 'authorization') bypass = true;
        break;
      case 6:
        if (name.toLowerCase() === 'cookie' && raw[i + 1]!.includes(cookieMark)) bypass = true;
        break;
      case 14:
        if (name.toLowerCase() === 'content-length' && raw[i + 1]!.trim() !== '0') hasBody = true;
        break;
      case 17:
        if (name.toLowerCase() === 'transfer-encoding') hasBody = true;
        break;
    }
  }
  return { acceptEncoding, ifNoneMatch, bypass, hasBody };
}

function relabel(head: readonly string[], label: string): readonly string[] {
  if (label === 'HIT') return head;
  const copy = head.slice();
  copy[copy.length - 1] = label;
  return copy;
}

function bypasses(req: IncomingMessage, cookieMark: string): boolean {
  return readHeads(req, cookieMark).bypass;
}

/** Whether a request's query only has parameters the page reads (others would multiply entries). */
function queryAllowed(url: string, allowed: readonly string[]): boolean {
  const q = url.indexOf('?');
  if (q < 0) return true;
  const query = url.slice(q + 1);
  if (query === '') return false;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (!allowed.includes(eq < 0 ? pair : pair.slice(0, eq))) return false;
  }
  return true;
}

/** Public pages, not the API, newsroom, media or assets, and without a query. */
function isPublicPath(url: string): boolean {
  return !url.includes('?') && !/^\/(api|admin|media|assets)(\/|$)/.test(url);
}
