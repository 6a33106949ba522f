import { describe, expect, it } from 'vitest';
import { zoneOffsetMs } from './zone-offset.js';

describe('zoneOffsetMs', () => {
  it('gives the zone’s offset at an instant, daylight saving included', () => {
    expect(zoneOffsetMs(Date.parse('2026-11-27T00:00:00Z'), 'Asia/Taipei')).toBe(8 * 3_600_000);
    expect(zoneOffsetMs(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs(Date.parse('2026-12-01T12:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(Date.parse('2026-12-01T12:00:00.750Z'), 'UTC')).toBe(0);
  });
});
