import { h, type JSX } from 'preact';
import type { Variant } from '../zh/variants.js';
import { activeVariant } from './i18n.js';

/**
 * Date formatting for pages. Dates are shown in the site's IANA time zone, never the server's,
 * so the same article reads the same on every machine and in the static export.
 */

interface DateParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
}

// Building an Intl formatter is costly next to using one; a listing formats dozens of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // 'en-US' with latn digits gives plain numbers we assemble ourselves: the zh locales'
    // output (年/月 spacing, 上午/下午) differs between ICU versions. h23 avoids "24:05".
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      numberingSystem: 'latn',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// formatToParts is most of a date's cost, and pages show hundreds of publish times over and
// over. What is kept is the zone's UTC offset per hour, not each date's parts: an offset per
// hour covers every minute of it, where parts per minute took some 3.8 MB of heap for 20,000
// entries on a server of 100,000 articles (publish times are all different minutes). An hour
// whose offset changes within it (a transition off the hour, as in Newfoundland) is formatted
// minute by minute, as before. (An offset with seconds, local mean time before 1900, floors
// every whole minute alike, so the offset Intl's minutes give holds for the whole hour.)
const OFFSETS_CACHE_SIZE = 20_000;
const HOUR_MS = 3_600_000;
/** `${zone} ${hour}` → the offset in milliseconds, or null where the hour has no single offset. */
const offsets = new Map<string, number | null>();

function parts(iso: string, timeZone: string): DateParts | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const minute = Math.floor(ms / 60_000) * 60_000;
  const hour = Math.floor(ms / HOUR_MS) * HOUR_MS;
  const key = `${timeZone} ${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = offsetOver(hour, timeZone);
    if (offsets.size >= OFFSETS_CACHE_SIZE) offsets.clear();
    offsets.set(key, offset);
  }
  if (offset === null) return computeParts(minute, timeZone);
  // An offset is only kept for hours from year 100 on (see offsetAt), where this arithmetic and Intl agree.
  const local = new Date(minute + offset);
  return { year: String(local.getUTCFullYear()), month: String(local.getUTCMonth() + 1), day: String(local.getUTCDate()), hour: String(local.getUTCHours()).padStart(2, '0'), minute: String(local.getUTCMinutes()).padStart(2, '0') };
}

/** The zone's offset through the hour starting at `hour`, or null if it changes within it. */
function offsetOver(hour: number, timeZone: string): number | null {
  const first = offsetAt(hour, timeZone);
  const last = offsetAt(hour + HOUR_MS - 60_000, timeZone);
  return first !== undefined && first === last ? first : null;
}

function offsetAt(ms: number, timeZone: string): number | undefined {
  const p = computeParts(ms, timeZone);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (!p || Number(p.year) < 100) return undefined;
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - ms;
}

function computeParts(ms: number, timeZone: string): DateParts | undefined {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) out[p.type] = p.value;
  const { year, month, day, hour, minute } = out;
  if (!year || !month || !day || !hour || !minute) return undefined;
  return { year, month, day, hour, minute };
}

/**
 * A date and time as Chinese news sites print it, in `timeZone`. Returns '' for an invalid date
 * so a bad value blanks one line instead of breaking the page.
 *
 * @example
 * formatDateTime('2026-11-27T04:09:00Z', 'Asia/Taipei') // '2026年11月27日 12:09'
 */
export function formatDateTime(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return p ? `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}` : '';
}

/**
 * The calendar date in `timeZone`, or '' for an invalid date.
 *
 * @example
 * formatDate('2026-11-27T20:00:00Z', 'Asia/Taipei') // '2026年11月28日'
 */
export function formatDate(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return p ? `${p.year}年${p.month}月${p.day}日` : '';
}

/**
 * The calendar date in `timeZone` as `YYYY-MM-DD`, or '' for an invalid date: the machine form
 * of {@link formatDate}.
 *
 * @example
 * isoDate('2026-11-27T20:00:00Z', 'Asia/Taipei') // '2026-11-28'
 */
export function isoDate(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return p ? `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}` : '';
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * The weekday as each region writes it next to a date: Taiwan's （週五）, elsewhere 星期五.
 *
 * @example
 * formatWeekday('2026-11-27T04:00:00Z', 'Asia/Taipei', 'zh-TW') // '（週五）'
 */
export function formatWeekday(iso: string, timeZone: string, variant: Variant): string {
  const p = parts(iso, timeZone);
  if (!p) return '';
  const day = WEEKDAYS[new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day))).getUTCDay()]!;
  return variant === 'zh-TW' ? `（週${day}）` : ` 星期${day}`;
}

/** Props of {@link Time}. */
export interface TimeProps {
  /** ISO 8601 instant. */
  readonly iso: string;
  readonly timeZone: string;
  /** Show only the date. */
  readonly dateOnly?: boolean;
  /** Add the weekday after the date, in the page's regional style. */
  readonly weekday?: boolean;
  readonly class?: string;
}

/**
 * `<time datetime=…>` with the formatted date. The attribute carries the normalized UTC instant
 * so machines (and our tests) read the exact moment whatever the display zone; a date shown
 * alone carries just that date, in the display zone. The masthead shows the date of the
 * render: with the instant in it, every render of a page differed, so a page that was not
 * stored in the cache (or was purged and rendered again unchanged) got a new ETag each time
 * and browsers and CDNs could never revalidate it with a 304.
 *
 * @example
 * <Time iso={article.publishedAt} timeZone={chrome.timezone} />
 */
export function Time(props: TimeProps): JSX.Element | null {
  const date = new Date(props.iso);
  if (Number.isNaN(date.getTime())) return null;
  let text = props.dateOnly ? formatDate(props.iso, props.timeZone) : formatDateTime(props.iso, props.timeZone);
  if (props.weekday) text += formatWeekday(props.iso, props.timeZone, activeVariant());
  return h('time', { datetime: props.dateOnly ? isoDate(props.iso, props.timeZone) : date.toISOString(), class: props.class }, text);
}
