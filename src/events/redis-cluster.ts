import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import { lazyRequire } from '../lazy.js';
import type { Cluster, ClusterMessage } from './cluster.js';

/** One line for the process log (the bridge never writes anywhere itself). */
export type ClusterLog = (level: 'warn' | 'info', message: string) => void;

/** Options of the Redis bridge. */
export interface RedisClusterOptions {
  /** `redis://…` or `rediss://…` (config.redisUrl). */
  readonly url: string;
  /** Which site this is: processes of one site share it, other sites on the same Redis do not. */
  readonly namespace: string;
  readonly log?: ClusterLog;
  /** Longest wait between reconnection attempts, in ms (default 1000). */
  readonly maxRetryMs?: number;
}

/** User-facing lines of the bridge (one per outage, one per return). */
export const messages = {
  down: (where: string, reason: string) => `Redis at ${where} is unreachable (${reason}): serving from this process's own state; other processes' cache purges are not heard until it returns`,
  back: (where: string) => `Redis at ${where} is back: dropping every cached page, since purges sent meanwhile were lost`,
  handlerFailed: (reason: string) => `a cluster message handler failed: ${reason}`,
} as const;

// Required when a bridge is made (REDIS_URL set), not at start: a lone server never needs it.
const ioredis = lazyRequire<typeof IORedis>('ioredis');

/** Envelope on the wire: who sent it, and what. */
interface Envelope {
  readonly from: string;
  readonly m: ClusterMessage;
}

/**
 * The namespace of a site: processes on one database are one site. PostgreSQL is named by
 * host, port and database (never the password); SQLite by the data folder's absolute path on
 * this host, since only processes on one host can share that file.
 *
 * @example
 * clusterNamespace({ databaseUrl: 'postgres://u:p@db:5432/news', dataDir: './data' }) // 'a1b2…'
 */
export function clusterNamespace(config: { readonly databaseUrl?: string | undefined; readonly dataDir: string }): string {
  let identity: string;
  if (config.databaseUrl) {
    try {
      const u = new URL(config.databaseUrl);
      identity = `pg:${u.hostname}:${u.port || '5432'}${u.pathname}`;
    } catch {
      identity = `pg:${config.databaseUrl}`;
    }
  } else {
    identity = `sqlite:${resolve(config.dataDir)}`;
  }
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

/** The Redis channel of a namespace. */
export function clusterChannel(namespace: string): string {
  return `jiaodian:${namespace}:cluster`;
}

/**
 * The channel between the processes of one site over Redis pub/sub. Each process has a random
 * id stamped on what it sends and skips its own messages when they come back.
 *
 * Redis is a helper, never a dependency of a request: `publish` hands the message to the
 * connection and returns, and while Redis is down it drops it. The first failure is logged once
 * (not once per retry); the connections retry every second or so, and when the subscriber is
 * back the `onResync` handlers run (caches drop everything, since purges sent meanwhile were
 * lost). If this process's own publishes were dropped, it also tells the others to drop
 * everything once it can.
 *
 * @example
 * const cluster = new RedisCluster({ url: config.redisUrl, namespace: clusterNamespace(config) });
 * cluster.onMessage((m) => { if (m.type === 'cache.purge') cache.purge(m.tags); });
 * cluster.onResync(() => cache.clear());
 * cluster.publish({ type: 'cache.purge', tags: ['article:42'] });
 */
export class RedisCluster implements Cluster {
  /** This process's id on the channel. */
  readonly processId = randomBytes(8).toString('hex');
  readonly channel: string;
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #where: string;
  readonly #log: ClusterLog;
  readonly #handlers: Array<(m: ClusterMessage) => void> = [];
  readonly #resync: Array<() => void> = [];
  /** An outage was logged and not yet followed by a return. */
  #down = false;
  /** The subscriber missed messages (it was down after having subscribed, or never was up). */
  #missed = false;
  /** Our own publishes were dropped: the others must drop everything when we are back. */
  #dropped = false;
  #subscribed = false;
  #closed = false;

  constructor(options: RedisClusterOptions) {
    this.channel = clusterChannel(options.namespace);
    this.#where = describeRedisUrl(options.url);
    this.#log = options.log ?? (() => {});
    const maxRetry = options.maxRetryMs ?? 1000;
    const common = {
      // Fail fast and retry forever in the background: nothing ever waits for Redis.
      connectTimeout: 2000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 10), maxRetry),
      lazyConnect: false,
    };
    const { Redis } = ioredis();
    this.#pub = new Redis(options.url, { ...common, connectionName: `jiaodian-pub-${this.processId}` });
    // Subscriptions are renewed by hand on every connection, so that the resync runs only once
    // the channel is heard again (ioredis' own resubscribe gives no such moment).
    this.#sub = new Redis(options.url, { ...common, autoResubscribe: false, connectionName: `jiaodian-sub-${this.processId}` });
    for (const conn of [this.#pub, this.#sub]) {
      conn.on('error', (err: Error) => this.#lost(err));
      conn.on('close', () => this.#lost(undefined));
    }
    this.#pub.on('ready', () => this.#pubReady());
    this.#sub.on('ready', () => void this.#subReady());
    this.#sub.on('message', (channel: string, raw: string) => {
      if (channel === this.channel) this.#receive(raw);
    });
  }

  /**
   * The command connection (not the subscriber), for other shared state of the site: leases.
   * It fails fast while Redis is down (no offline queue), like `publish`.
   */
  get commands(): Redis {
    return this.#pub;
  }

  /** Whether both connections are up and the channel is subscribed. */
  get connected(): boolean {
    return this.#subscribed && this.#pub.status === 'ready';
  }

  /**
   * Resolves once the channel is heard (true), or after `timeoutMs` (false) — start-up waits a
   * moment for Redis but serves without it rather than not at all.
   */
  async ready(timeoutMs = 2000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (!this.connected && !this.#closed && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return this.connected;
  }

  publish(message: ClusterMessage): void {
    if (this.#closed) return;
    if (this.#pub.status !== 'ready') {
      this.#dropped = true;
      return;
    }
    const envelope: Envelope = { from: this.processId, m: message };
    this.#pub.publish(this.channel, JSON.stringify(envelope)).catch((err: unknown) => {
      this.#dropped = true;
      this.#lost(err as Error);
    });
  }

  onMessage(handler: (message: ClusterMessage) => void): void {
    this.#handlers.push(handler);
  }

  onResync(handler: () => void): void {
    this.#resync.push(handler);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // quit() waits for Redis; a dead connection is simply cut.
    await Promise.all([this.#pub, this.#sub].map((c) => (c.status === 'ready' ? c.quit().then(() => undefined, () => c.disconnect()) : c.disconnect())));
  }

  #lost(err: Error | undefined): void {
    if (this.#closed) return;
    if (this.#subscribed && this.#sub.status !== 'ready') {
      this.#subscribed = false;
      this.#missed = true;
    }
    if (!this.#subscribed) this.#missed = true;
    if (this.#down) return;
    this.#down = true;
    this.#log('warn', messages.down(this.#where, reasonOf(err)));
  }

  #pubReady(): void {
    this.#maybeBack();
  }

  async #subReady(): Promise<void> {
    try {
      await this.#sub.subscribe(this.channel);
    } catch (err) {
      this.#lost(err as Error);
      return;
    }
    this.#subscribed = true;
    this.#maybeBack();
  }

  /** Both connections are up again: resync locally, and tell the others if we lost messages to them. */
  #maybeBack(): void {
    if (this.#closed || !this.connected) return;
    if (this.#down) {
      this.#down = false;
      this.#log('info', messages.back(this.#where));
    }
    if (this.#missed) {
      this.#missed = false;
      for (const handler of this.#resync) this.#safely(handler);
    }
    if (this.#dropped) {
      this.#dropped = false;
      this.publish({ type: 'cache.purgeAll' });
    }
  }

  #receive(raw: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (!isEnvelope(envelope) || envelope.from === this.processId) return;
    for (const handler of this.#handlers) this.#safely(() => handler(envelope.m));
  }

  #safely(run: () => void): void {
    try {
      run();
    } catch (err) {
      this.#log('warn', messages.handlerFailed(String((err as Error)?.message ?? err)));
    }
  }
}

/** Whether a parsed payload is a well-formed envelope (anything else on the channel is ignored). */
function isEnvelope(v: unknown): v is Envelope {
  if (typeof v !== 'object' || v === null) return false;
  const { from, m } = v as { from?: unknown; m?: unknown };
  if (typeof from !== 'string' || typeof m !== 'object' || m === null) return false;
  const { type, tags } = m as { type?: unknown; tags?: unknown };
  if (type === 'cache.purge') return Array.isArray(tags) && tags.every((t) => typeof t === 'string');
  return typeof type === 'string';
}

/** `host:port` of a Redis URL, without user or password. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '6379'}`;
  } catch {
    return '(unparsable URL)';
  }
}

function reasonOf(err: Error | undefined): string {
  if (!err) return 'connection closed';
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return (err.message.split('\n')[0] ?? 'unknown error').replace(/rediss?:\/\/\S+/g, '(url)');
}
