import { describe, expect, it } from 'vitest';
import { TEST_PG_URL } from '../dialects.testkit.js';
import { AdvisoryLease } from './advisory-lease.js';

describe.skipIf(process.env.JIAODIAN_TEST_PG_STATE !== 'up')('AdvisoryLease (PostgreSQL without Redis)', () => {
  it('gives a lease to one process at a time and frees it when the holder goes', async () => {
    const name = `test-${Math.random().toString(16).slice(2)}`;
    const a = new AdvisoryLease(TEST_PG_URL);
    const b = new AdvisoryLease(TEST_PG_URL);
    try {
      expect(await a.hold(name, 1000)).toBe(true);
      expect(await a.hold(name, 1000)).toBe(true);
      expect(await b.hold(name, 1000)).toBe(false);
      expect(await b.hold(`${name}-other`, 1000)).toBe(true);
      await a.release();
      expect(await b.hold(name, 1000)).toBe(true);
      expect(await a.hold(name, 1000)).toBe(false);
    } finally {
      await a.release();
      await b.release();
    }
  });

  it('answers true for itself while the database is unreachable', async () => {
    const lease = new AdvisoryLease('postgres://postgres@127.0.0.1:1/none');
    expect(await lease.hold('x', 1000)).toBe(true);
    await lease.release();
  });
});
