import { describe, expect, it } from 'vitest';
import { MemoryRateStore, SharedLimit } from '../events/rate-store.js';
import type { CovisitRepo } from './covisit.repo.js';
import { ViewIngest } from './views-ingest.js';
import type { ViewsRepo } from './views.repo.js';

// Issue #5: a long run of beacons, each from a new reader at a new address, must not grow the
// ingestion's memory without end. Every map has a bound; this drives far past all of them.
describe('views ingestion memory', () => {
  it('keeps sessions, addresses and refused addresses within their limits whatever the traffic', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => i + 1);
    const views = { publishedIds: async () => ids, flush: async () => [], maintain: async () => {} } as unknown as ViewsRepo;
    const covisit = { trim: async () => {} } as unknown as CovisitRepo;
    let now = Date.UTC(2026, 10, 27, 12);
    const shared = new SharedLimit({ store: new MemoryRateStore({ max: 10_000 }), limit: 1, windowMs: 60_000, max: 300 });
    const limits = { rate: { burst: 5, refillMs: 1000, max: 400 }, sessions: { idleMs: 60_000, perSession: 4, max: 600 }, visitors: { ttlMs: 60_000, max: 200 }, buffer: { articles: 100, pairs: 400 } };
    const ingest = new ViewIngest({ views, covisit, clock: () => now, hotHalfLifeHours: 6, limits, shared });
    await ingest.refreshKnown();
    let peak = { sessions: 0, addresses: 0, blocked: 0 };
    for (let n = 0; n < 20_000; n++) {
      const sessionId = n % 4 === 0 ? undefined : `s${String(n).padStart(20, '0')}`;
      ingest.record({ articleId: ids[n % ids.length]!, sessionId, address: `10.0.${((n % 5000) >> 8) & 255}.${n % 5000 & 255}`, userAgent: 'Mozilla/5.0 Chrome/120', optedOut: false });
      // 5,000 addresses, each back four times: all of them go over the shared limit of one a minute.
      if (n % 1000 === 0) {
        now += 10;
        await ingest.flush();
      }
      const s = ingest.stats();
      peak = { sessions: Math.max(peak.sessions, s.sessions), addresses: Math.max(peak.addresses, s.addresses), blocked: Math.max(peak.blocked, shared.blocked) };
    }
    expect(ingest.stats().counted).toBeGreaterThan(1000);
    expect(peak.sessions).toBeLessThanOrEqual(limits.sessions.max);
    expect(peak.addresses).toBeLessThanOrEqual(limits.rate.max);
    expect(peak.blocked).toBeGreaterThan(0);
    expect(peak.blocked).toBeLessThanOrEqual(300);
    await ingest.close();
  });
});
