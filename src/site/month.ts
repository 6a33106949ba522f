import { zoneOffsetMs } from '../content/zone-offset.js';
/**
 * The instants (UTC ISO strings) where a calendar month starts and ends in a time zone, so that
 * the archive for 2026/11 in Asia/Taipei holds what Taipei readers call November.
 */
export function monthRange(year: number, month: number, timeZone: string): { from: string; to: string } {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return { from: zonedMidnight(year, month, timeZone), to: zonedMidnight(next.year, next.month, timeZone) };
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** Year and month of an instant in a time zone. */
export function monthOf(iso: string, timeZone: string): { year: number; month: number } {
  // One formatter per zone: each new one holds some 10 KB of ICU memory outside V8's heap,
  // which a collection does not give back to the system (a build asks for every article's month).
  let format = monthFormats.get(timeZone);
  if (!format) monthFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })));
  const parts = format.formatToParts(new Date(iso));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get('year'), month: get('month') };
}

function zonedMidnight(year: number, month: number, timeZone: string): string {
  const guess = Date.UTC(year, month - 1, 1);
  // Offset of the zone at that instant; a second pass settles months where DST changes it.
  let t = guess - zoneOffsetMs(guess, timeZone);
  t = guess - zoneOffsetMs(t, timeZone);
  return new Date(t).toISOString();
}

