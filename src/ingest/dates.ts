/**
 * Parses the dates sources write: RFC 822 (RSS), ISO 8601 (Atom, meta tags), WordPress's
 * `2024-05-03 10:20:00` and Chinese forms such as `2024年5月3日 10:20` or `2024-05-03`. Times
 * without a zone are read in `offset` (default +08:00, where Chinese news is written).
 * Returns an ISO 8601 UTC instant, or undefined when nothing date-like is there.
 *
 * @example
 * parseLooseDate('2024年5月3日 10:20') // '2024-05-03T02:20:00.000Z'
 */
export function parseLooseDate(raw: string | undefined, offset = '+08:00'): string | undefined {
  const text = (raw ?? '').trim();
  if (!text) return undefined;
  const zh = /(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：時时点點]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/.exec(text);
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC|\b[ECMP][SD]T)\s*$/i.test(text);
  if (zh && !hasZone) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = zh;
    const iso = `${y}-${pad(mo!)}-${pad(d!)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
    const t = Date.parse(iso);
    return Number.isNaN(t) || !plausible(t) ? undefined : new Date(t).toISOString();
  }
  const t = Date.parse(text);
  if (!Number.isNaN(t) && plausible(t)) return new Date(t).toISOString();
  return undefined;
}

function pad(v: string): string {
  return v.padStart(2, '0');
}

// Years outside this window are typos or epoch zeros (WordPress drafts carry 0000-00-00).
function plausible(t: number): boolean {
  const y = new Date(t).getUTCFullYear();
  return y >= 1900 && y <= 2200;
}
