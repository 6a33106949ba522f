import { describe, expect, it } from 'vitest';
import { dayRange } from './day-range.js';

describe('dayRange', () => {
  it('turns local calendar days into a half-open UTC range', () => {
    expect(dayRange('2026-11-27', '2026-11-27', 'Asia/Taipei')).toEqual({ from: '2026-11-26T16:00:00.000Z', to: '2026-11-27T16:00:00.000Z' });
    expect(dayRange('2026-01-31', undefined, 'UTC')).toEqual({ from: '2026-01-31T00:00:00.000Z' });
    expect(dayRange(undefined, '2026-12-31', 'UTC')).toEqual({ to: '2027-01-01T00:00:00.000Z' });
  });

  it('follows daylight saving changes', () => {
    // New York moves to EDT (UTC-4) on 8 March 2026; the day before is still EST (UTC-5).
    expect(dayRange('2026-03-08', '2026-03-08', 'America/New_York')).toEqual({ from: '2026-03-08T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
  });
});
