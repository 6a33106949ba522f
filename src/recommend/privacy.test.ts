import { describe, expect, it } from 'vitest';
import { RateLimiter, RecentSet } from './beacon-limits.js';
import { AddressHasher, optedOut, SESSION_ID } from './privacy.js';
import { SessionTracker } from './views-sessions.js';

describe('privacy signals', () => {
  it('treats DNT: 1 and Sec-GPC: 1 as opting out, and nothing else', () => {
    expect(optedOut({ dnt: '1' })).toBe(true);
    expect(optedOut({ 'sec-gpc': '1' })).toBe(true);
    expect(optedOut({ dnt: '0' })).toBe(false);
    expect(optedOut({})).toBe(false);
  });

  it('accepts only random-looking session ids', () => {
    expect(SESSION_ID.test('0123456789abcdef0123456789abcdef')).toBe(true);
    expect(SESSION_ID.test('short')).toBe(false);
    expect(SESSION_ID.test('has spaces in it, not an id at all')).toBe(false);
  });
});

describe('AddressHasher', () => {
  it('hashes an address the same way within a day and differently the next day, never in clear', () => {
    let now = Date.parse('2026-11-01T10:00:00Z');
    const h = new AddressHasher(() => now);
    const a = h.hash('203.0.113.7');
    expect(a).toHaveLength(16);
    expect(a).not.toContain('203');
    expect(h.hash('203.0.113.7')).toBe(a);
    expect(h.hash('203.0.113.8')).not.toBe(a);
    now += 86_400_000;
    expect(h.hash('203.0.113.7')).not.toBe(a);
  });

  it('uses a salt of its own in every process: two hashers never agree', () => {
    const now = () => Date.parse('2026-11-01T10:00:00Z');
    expect(new AddressHasher(now).hash('198.51.100.1')).not.toBe(new AddressHasher(now).hash('198.51.100.1'));
  });
});

describe('bounded state', () => {
  it('rate-limits a key to its burst, then refills over time', () => {
    const limiter = new RateLimiter({ burst: 3, refillMs: 1000, max: 10 });
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('x', t))).toEqual([true, true, true, false]);
    expect(limiter.take('y', t)).toBe(true);
    expect(limiter.take('x', t + 1000)).toBe(true);
    expect(limiter.take('x', t + 1000)).toBe(false);
  });

  it('never holds more than max keys', () => {
    const limiter = new RateLimiter({ burst: 3, refillMs: 1000, max: 100 });
    const seen = new RecentSet({ ttlMs: 60_000, max: 100 });
    const sessions = new SessionTracker({ idleMs: 60_000, perSession: 5, max: 100 });
    for (let i = 0; i < 10_000; i++) {
      limiter.take(`k${i}`, 1000 + i);
      seen.add(`k${i}`, 1000 + i);
      sessions.read(`s${i}`, i, 1000 + i);
    }
    expect(limiter.size).toBeLessThanOrEqual(100);
    expect(seen.size).toBeLessThanOrEqual(100);
    expect(sessions.size).toBeLessThanOrEqual(100);
  });

  it('forgets what is older than its window', () => {
    const seen = new RecentSet({ ttlMs: 1000, max: 100 });
    expect(seen.add('a', 0)).toBe(true);
    expect(seen.add('a', 999)).toBe(false);
    expect(seen.add('a', 1000)).toBe(true);
  });

  it('pairs a session’s reads within the window and de-duplicates repeats', () => {
    const s = new SessionTracker({ idleMs: 1000, perSession: 3, max: 10 });
    expect(s.read('s', 1, 0)).toEqual({ first: true, earlier: [] });
    expect(s.read('s', 2, 100)).toEqual({ first: true, earlier: [1] });
    expect(s.read('s', 1, 200)).toEqual({ first: false });
    expect(s.read('s', 3, 300)).toEqual({ first: true, earlier: [1, 2] });
    // Idle past the window: a new session under the same id.
    expect(s.read('s', 1, 1400)).toEqual({ first: true, earlier: [] });
  });
});
