import { describe, it, expect } from 'vitest';
import { render } from 'preact-render-to-string';
import { h } from 'preact';
import { formatDate, formatDateTime, isoDate, Time } from './format.js';

describe('formatDateTime', () => {
  it('formats in the given zone, not the machine zone', () => {
    expect(formatDateTime('2026-11-27T04:09:00Z', 'Asia/Taipei')).toBe('2026年11月27日 12:09');
    expect(formatDateTime('2026-11-27T04:09:00Z', 'America/New_York')).toBe('2026年11月26日 23:09');
    expect(formatDateTime('2026-11-27T04:09:00Z', 'UTC')).toBe('2026年11月27日 04:09');
  });

  it('reads offsets in the input and pads minutes but not months', () => {
    expect(formatDateTime('2026-03-05T08:05:00+08:00', 'Asia/Hong_Kong')).toBe('2026年3月5日 08:05');
  });

  it('writes midnight as 00, never 24', () => {
    expect(formatDateTime('2026-01-01T16:00:00Z', 'Asia/Shanghai')).toBe('2026年1月2日 00:00');
  });

  // The offsets kept per hour must give what Intl gives for each minute, wherever zones are
  // odd: half-hour daylight time (Lord Howe), 45-minute zones, historic daylight time in China,
  // transitions in both directions, local mean time with seconds (before 1900), years below 100.
  it('agrees with Intl minute by minute in odd zones and around transitions', () => {
    const intl = (ms: number, timeZone: string) => {
      const f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' });
      const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
      return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
    };
    const zones = ['Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Taipei', 'America/St_Johns'];
    const starts = ['2026-04-04T14:00:00Z', '2026-10-03T15:00:00Z', '1941-03-15T15:00:00Z', '1986-05-03T17:00:00Z', '2026-03-08T06:00:00Z', '2026-11-01T05:00:00Z', '1895-06-30T15:00:00Z', '1883-11-18T16:00:00Z', '0050-06-01T00:00:00Z'];
    let checked = 0;
    for (const timeZone of zones)
      for (const start of starts)
        for (let m = -90; m <= 90; m += 7) {
          const ms = Date.parse(start) + m * 60_000 + 12_345;
          expect(formatDateTime(new Date(ms).toISOString(), timeZone), `${timeZone} ${new Date(ms).toISOString()}`).toBe(intl(Math.floor(ms / 60_000) * 60_000, timeZone));
          checked++;
        }
    expect(checked).toBe(zones.length * starts.length * 26);
  });

  it('returns an empty string for an invalid date', () => {
    expect(formatDateTime('not a date', 'Asia/Taipei')).toBe('');
  });

  it('shows the minute an instant falls in, seconds and milliseconds aside, across a DST change', () => {
    expect(formatDateTime('2026-11-27T04:09:59.999Z', 'Asia/Taipei')).toBe('2026年11月27日 12:09');
    expect(formatDateTime('2026-11-27T04:10:00.000Z', 'Asia/Taipei')).toBe('2026年11月27日 12:10');
    expect(formatDateTime('2026-11-27T04:09:30.5+00:00', 'Asia/Kathmandu')).toBe('2026年11月27日 09:54');
    // New York leaves daylight time at 06:00 UTC on 1 November 2026: the same local hour twice.
    expect(formatDateTime('2026-11-01T05:59:59Z', 'America/New_York')).toBe('2026年11月1日 01:59');
    expect(formatDateTime('2026-11-01T06:00:01Z', 'America/New_York')).toBe('2026年11月1日 01:00');
  });
});

describe('formatDate', () => {
  it('uses the calendar day of the zone', () => {
    expect(formatDate('2026-11-27T20:00:00Z', 'Asia/Taipei')).toBe('2026年11月28日');
    expect(formatDate('2026-11-27T20:00:00Z', 'Europe/London')).toBe('2026年11月27日');
  });
});

describe('isoDate', () => {
  it('gives the zone\'s calendar date, zero-padded', () => {
    expect(isoDate('2026-11-27T20:00:00Z', 'Asia/Taipei')).toBe('2026-11-28');
    expect(isoDate('2026-03-01T02:00:00Z', 'America/New_York')).toBe('2026-02-28');
    expect(isoDate('not a date', 'Asia/Taipei')).toBe('');
  });
});

describe('Time', () => {
  it('renders a machine-readable UTC instant and the local text', () => {
    const html = render(h(Time, { iso: '2026-11-27T12:09:00+08:00', timeZone: 'Asia/Taipei' }));
    expect(html).toBe('<time datetime="2026-11-27T04:09:00.000Z">2026年11月27日 12:09</time>');
  });

  it('renders a date shown alone as the local calendar date, the same all day', () => {
    const morning = render(h(Time, { iso: '2026-11-27T16:01:00Z', timeZone: 'Asia/Taipei', dateOnly: true }));
    expect(morning).toBe('<time datetime="2026-11-28">2026年11月28日</time>');
    expect(render(h(Time, { iso: '2026-11-28T15:59:59.999Z', timeZone: 'Asia/Taipei', dateOnly: true }))).toBe(morning);
  });

  it('renders nothing for an invalid date', () => {
    expect(render(h(Time, { iso: '', timeZone: 'Asia/Taipei' }))).toBe('');
  });
});
