import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterMessage } from './cluster.js';
import { clusterChannel, clusterNamespace, RedisCluster } from './redis-cluster.js';
import { hasRedisServer, redisSkipReason, ScratchRedis, TEST_REDIS_URL } from './redis.testkit.js';

const skip = await redisSkipReason();

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The id Redis gives the connection of that name (CLIENT SETNAME, ioredis' connectionName). */
async function clientId(admin: Redis, name: string): Promise<number> {
  const list = (await admin.client('LIST')) as string;
  const line = list.split('\n').find((l) => l.includes(` name=${name} `));
  if (!line) throw new Error(`no connection named ${name}`);
  return Number(/\bid=(\d+)/.exec(line)?.[1]);
}

/** A bridge with its received messages, resyncs and log lines recorded. */
function node(url: string, namespace: string) {
  const got: ClusterMessage[] = [];
  const logs: string[] = [];
  let resyncs = 0;
  const cluster = new RedisCluster({ url, namespace, log: (level, m) => logs.push(`${level} ${m}`), maxRetryMs: 100 });
  cluster.onMessage((m) => got.push(m));
  cluster.onResync(() => resyncs++);
  return { cluster, got, logs, resyncs: () => resyncs };
}

describe('clusterNamespace', () => {
  it('names a PostgreSQL site by host, port and database, never the password', () => {
    const a = clusterNamespace({ databaseUrl: 'postgres://u:secret@db:5432/news', dataDir: '/x' });
    expect(a).toBe(clusterNamespace({ databaseUrl: 'postgres://u:other@db/news', dataDir: '/y' }));
    expect(a).not.toBe(clusterNamespace({ databaseUrl: 'postgres://u:secret@db:5432/other', dataDir: '/x' }));
    expect(clusterNamespace({ dataDir: '/srv/a' })).not.toBe(clusterNamespace({ dataDir: '/srv/b' }));
  });
});

describe.skipIf(skip !== undefined)('RedisCluster on a running Redis', () => {
  const ns = `t${Math.random().toString(16).slice(2)}`;
  const a = node(TEST_REDIS_URL, ns);
  const b = node(TEST_REDIS_URL, ns);
  const other = node(TEST_REDIS_URL, `${ns}-other`);
  beforeAll(async () => {
    for (const n of [a, b, other]) expect(await n.cluster.ready(3000)).toBe(true);
  });
  afterAll(async () => {
    for (const n of [a, b, other]) await n.cluster.close();
  });

  it('carries a message to the other processes of the site only, never back to its sender', async () => {
    a.cluster.publish({ type: 'cache.purge', tags: ['article:1', 'home'] });
    await until(() => b.got.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(b.got).toEqual([{ type: 'cache.purge', tags: ['article:1', 'home'] }]);
    expect(a.got).toEqual([]);
    expect(other.got).toEqual([]);
    expect(a.resyncs() + b.resyncs()).toBe(0);
  });

  it('ignores what is not a well-formed message on its channel', async () => {
    const raw = new Redis(TEST_REDIS_URL);
    await raw.publish(clusterChannel(ns), 'not json');
    await raw.publish(clusterChannel(ns), JSON.stringify({ from: 'x', m: { type: 'cache.purge', tags: [1] } }));
    await raw.publish(clusterChannel(ns), JSON.stringify({ from: 'x', m: { type: 'cache.purgeAll' } }));
    raw.disconnect();
    await until(() => b.got.length === 2);
    expect(b.got.at(-1)).toEqual({ type: 'cache.purgeAll' });
  });

  it('survives a throwing handler', async () => {
    const n = node(TEST_REDIS_URL, ns);
    n.cluster.onMessage(() => {
      throw new Error('boom');
    });
    await n.cluster.ready();
    a.cluster.publish({ type: 'cache.purgeAll' });
    await until(() => n.got.length === 1);
    expect(n.logs.some((l) => l.includes('boom'))).toBe(true);
    await n.cluster.close();
  });
});

describe.skipIf(skip !== undefined || !hasRedisServer())('RedisCluster through a Redis outage', () => {
  const server = new ScratchRedis();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('keeps going, logs the outage once, resyncs on return, and tells the others what it could not send', async () => {
    const a = node(server.url, 'outage');
    const b = node(server.url, 'outage');
    expect(await a.cluster.ready()).toBe(true);
    expect(await b.cluster.ready()).toBe(true);

    await server.stop();
    // The close is heard at once, but a loaded CI machine (the whole suite on two cores) has
    // taken over 3 s to stop the scratch server and deliver it.
    await until(() => a.logs.length > 0 && b.logs.length > 0, 10_000);
    // Redis stays down through several retries: still one line each.
    await new Promise((r) => setTimeout(r, 600));
    expect(a.cluster.connected).toBe(false);
    // Publishing while down neither throws nor waits.
    const t0 = performance.now();
    a.cluster.publish({ type: 'cache.purge', tags: ['article:9'] });
    expect(performance.now() - t0).toBeLessThan(5);
    expect(a.logs).toHaveLength(1);
    expect(a.logs[0]).toMatch(/^warn Redis at 127\.0\.0\.1:\d+ is unreachable/);

    await server.start();
    await until(() => a.resyncs() === 1 && b.resyncs() === 1, 5000);
    expect(a.logs).toHaveLength(2);
    expect(a.logs[1]).toMatch(/^info Redis at .* is back/);
    // A's purge was lost. A tells the others to drop everything as soon as it is back, which B
    // hears only if it resubscribed first; if not, its own resync (asserted above) dropped
    // everything later still. The test below covers the telling on its own.
    // And messages flow again.
    b.cluster.publish({ type: 'cache.purge', tags: ['home'] });
    await until(() => a.got.some((m) => m.type === 'cache.purge'));
    await a.cluster.close();
    await b.cluster.close();
  });

  it('tells the others to drop everything when a publish was lost while only its own connection was down', async () => {
    const a = node(server.url, 'partition');
    const b = node(server.url, 'partition');
    expect(await a.cluster.ready()).toBe(true);
    expect(await b.cluster.ready()).toBe(true);
    // Publish in the moment A's command connection closes: dropped, whatever the timing of the
    // reconnection. B stays subscribed throughout, so it must hear what A could not send.
    a.cluster.commands.once('close', () => a.cluster.publish({ type: 'cache.purge', tags: ['article:9'] }));
    const admin = new Redis(server.url);
    await admin.client('KILL', 'ID', String(await clientId(admin, `jiaodian-pub-${a.cluster.processId}`)));
    admin.disconnect();
    await until(() => b.got.some((m) => m.type === 'cache.purgeAll'), 5000);
    expect(b.got.some((m) => m.type === 'cache.purge')).toBe(false);
    expect(a.logs.map((l) => l.split(' ')[0])).toEqual(['warn', 'info']);
    expect(b.resyncs()).toBe(0);
    await a.cluster.close();
    await b.cluster.close();
  });

  it('starts without Redis, serving alone, and resyncs once it appears', async () => {
    await server.stop();
    const a = node(server.url, 'late');
    expect(await a.cluster.ready(300)).toBe(false);
    await until(() => a.logs.length === 1);
    a.cluster.publish({ type: 'cache.purgeAll' });
    await server.start();
    await until(() => a.resyncs() === 1, 5000);
    await a.cluster.close();
  });
});
