import { zoneOffsetMs } from './zone-offset.js';
/**
 * Calendar days in the newsroom's time zone as UTC instants, for filtering by publish date:
 * editors in Taipei mean Taipei's 27 November, not UTC's.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A half-open range of instants: `from` inclusive, `to` exclusive (ISO strings). */
export interface InstantRange {
  readonly from?: string;
  readonly to?: string;
}

/**
 * The instants from the start of day `from` to the end of day `to` (both inclusive days,
 * `YYYY-MM-DD`) in `timeZone`. Either end may be absent.
 *
 * @example
 * dayRange('2026-11-27', '2026-11-27', 'Asia/Taipei')
 * // { from: '2026-11-26T16:00:00.000Z', to: '2026-11-27T16:00:00.000Z' }
 */
export function dayRange(from: string | undefined, to: string | undefined, timeZone: string): InstantRange {
  return {
    ...(from ? { from: localMidnight(from, 0, timeZone) } : {}),
    ...(to ? { to: localMidnight(to, 1, timeZone) } : {}),
  };
}

/** The UTC instant of local midnight starting `day` + `plusDays` in `timeZone`. */
function localMidnight(day: string, plusDays: number, timeZone: string): string {
  const m = DAY.exec(day);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [1970, 1, 1];
  const wall = Date.UTC(y, mo - 1, d + plusDays);
  // Offset at the guess, then again at the corrected instant: settles days where DST changes it.
  let t = wall - zoneOffsetMs(wall, timeZone);
  t = wall - zoneOffsetMs(t, timeZone);
  return new Date(t).toISOString();
}

