/** One formatter per time zone: making one costs more than using it, and ICU keeps what each one took. */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * How far ahead of UTC a time zone's wall clock is at instant `t` (milliseconds since the
 * epoch), for turning local days and months into UTC ranges.
 *
 * @example
 * zoneOffsetMs(Date.parse('2026-11-27T00:00:00Z'), 'Asia/Taipei') // 28_800_000
 */
export function zoneOffsetMs(t: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(t / 1000) * 1000;
}
