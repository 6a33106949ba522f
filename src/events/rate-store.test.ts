import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRateStore, RedisRateStore, SharedLimit, type RateStore } from './rate-store.js';
import { redisSkipReason, TEST_REDIS_URL } from './redis.testkit.js';

const skip = await redisSkipReason();
const settle = () => new Promise((r) => setTimeout(r, 30));

describe('SharedLimit', () => {
  it('refuses a key site-wide once the processes together pass the limit, until the window ends', async () => {
    const store = new MemoryRateStore();
    // Two processes over one store.
    const a = new SharedLimit({ store, limit: 4, windowMs: 1000 });
    const b = new SharedLimit({ store, limit: 4, windowMs: 1000 });
    const t = 10_000;
    for (let i = 0; i < 2; i++) {
      expect(a.allowed('203.0.113.9', t)).toBe(true);
      expect(b.allowed('203.0.113.9', t)).toBe(true);
    }
    await settle();
    // Four hits in all: the fifth, in either process, passes the limit and is the last let through.
    expect(a.allowed('203.0.113.9', t + 1)).toBe(true);
    await settle();
    expect(a.allowed('203.0.113.9', t + 2)).toBe(false);
    expect(a.allowed('198.51.100.1', t + 2)).toBe(true);
    expect(b.allowed('203.0.113.9', t + 3)).toBe(true);
    await settle();
    expect(b.allowed('203.0.113.9', t + 4)).toBe(false);
    // A new window: allowed again.
    expect(a.allowed('203.0.113.9', t + 1000)).toBe(true);
  });

  it('never waits for or fails on its store', async () => {
    const broken: RateStore = { hit: () => Promise.reject(new Error('down')) };
    const limit = new SharedLimit({ store: broken, limit: 1, windowMs: 1000 });
    for (let i = 0; i < 5; i++) expect(limit.allowed('k', i)).toBe(true);
    await settle();
    expect(limit.blocked).toBe(0);
  });
});

describe('MemoryRateStore', () => {
  it('counts per key and window', async () => {
    const store = new MemoryRateStore();
    expect(await store.hit('a', 1000, 5)).toBe(1);
    expect(await store.hit('a', 1000, 999)).toBe(2);
    expect(await store.hit('b', 1000, 999)).toBe(1);
    expect(await store.hit('a', 1000, 1000)).toBe(1);
  });
});

describe.skipIf(skip !== undefined)('RedisRateStore', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const ns = `rate-${Math.random().toString(16).slice(2)}`;
  afterAll(async () => {
    const keys = await redis.keys(`jiaodian:${ns}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('adds up the hits of every process, under keys that hold no address', async () => {
    const a = new RedisRateStore({ redis, namespace: ns });
    const b = new RedisRateStore({ redis, namespace: ns });
    const now = Date.now();
    expect(await a.hit('203.0.113.9', 60_000, now)).toBe(1);
    expect(await b.hit('203.0.113.9', 60_000, now)).toBe(2);
    expect(await b.hit('198.51.100.1', 60_000, now)).toBe(1);
    const keys = await redis.keys(`jiaodian:${ns}:*`);
    expect(keys.some((k) => k.includes('203.0.113.9') || k.includes('198.51.100.1'))).toBe(false);
    // Counters expire with their window.
    const counter = keys.find((k) => !k.includes(':salt:'))!;
    expect(await redis.pttl(counter)).toBeGreaterThan(0);
    expect(await redis.pttl(counter)).toBeLessThanOrEqual(60_000);
  });
});
