import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalLease, RedisLease } from './lease.js';
import { redisSkipReason, TEST_REDIS_URL } from './redis.testkit.js';

const skip = await redisSkipReason();

describe('LocalLease', () => {
  it('holds every lease: a lone process runs all background work', async () => {
    expect(await new LocalLease().hold('anything', 10)).toBe(true);
  });
});

describe.skipIf(skip !== undefined)('RedisLease', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const ns = `lease-${Math.random().toString(16).slice(2)}`;
  afterAll(() => redis.disconnect());

  it('gives a lease to one process at a time, renews it for the holder, and hands it over when it lapses', async () => {
    const a = new RedisLease({ redis, namespace: ns });
    const b = new RedisLease({ redis, namespace: ns });
    expect(await a.hold('jobs', 200)).toBe(true);
    expect(await b.hold('jobs', 200)).toBe(false);
    // Renewal by the holder keeps it past the first expiry.
    await new Promise((r) => setTimeout(r, 120));
    expect(await a.hold('jobs', 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(await b.hold('jobs', 200)).toBe(false);
    // The holder stops renewing (it died): the other takes over after the TTL.
    await new Promise((r) => setTimeout(r, 250));
    expect(await b.hold('jobs', 200)).toBe(true);
    expect(await a.hold('jobs', 200)).toBe(false);
  });

  it('releases on shutdown so another takes over at once', async () => {
    const a = new RedisLease({ redis, namespace: ns });
    const b = new RedisLease({ redis, namespace: ns });
    expect(await a.hold('poll', 60_000)).toBe(true);
    expect(await b.hold('poll', 60_000)).toBe(false);
    await a.release();
    expect(await b.hold('poll', 60_000)).toBe(true);
  });

  it('answers true for itself while Redis is unreachable: work is claimed in the database anyway', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on('error', () => {});
    expect(await new RedisLease({ redis: dead, namespace: ns }).hold('jobs', 1000)).toBe(true);
    dead.disconnect();
  });
});
