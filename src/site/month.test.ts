import { describe, expect, it } from 'vitest';
import { monthOf, monthRange } from './month.js';

describe('monthRange', () => {
  it('starts a Taipei month at 16:00 UTC the day before', () => {
    expect(monthRange(2026, 11, 'Asia/Taipei')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
  });

  it('rolls December over into the next year', () => {
    expect(monthRange(2026, 12, 'UTC')).toEqual({ from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
  });

  it('follows daylight saving time', () => {
    // New York is UTC-4 on 1 October and UTC-5 on 1 November 2026.
    expect(monthRange(2026, 10, 'America/New_York')).toEqual({ from: '2026-10-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z' });
  });
});

describe('monthOf', () => {
  it('reads the month in the zone, not in UTC', () => {
    expect(monthOf('2026-10-31T17:00:00.000Z', 'Asia/Taipei')).toEqual({ year: 2026, month: 11 });
    expect(monthOf('2026-10-31T17:00:00.000Z', 'UTC')).toEqual({ year: 2026, month: 10 });
    // Formatters are kept per zone: going back to one asks that zone again.
    expect(monthOf('2026-12-31T16:30:00.000Z', 'Asia/Taipei')).toEqual({ year: 2027, month: 1 });
    expect(monthOf('2026-12-31T16:30:00.000Z', 'UTC')).toEqual({ year: 2026, month: 12 });
  });
});
