import type { ArticleStatus } from '../../content/article.fields.js';
import type { SectionIndex, SectionNode } from '../../content/section.service.js';
import type { AdminLang } from '../messages.js';
import { articleMessages as m } from './messages.js';

/** Sections as `<option>`s in tree order, children indented under their parent. */
export function sectionOptions(index: SectionIndex): Array<{ slug: string; label: string }> {
  const out: Array<{ slug: string; label: string }> = [];
  const walk = (nodes: readonly SectionNode[], depth: number): void => {
    for (const n of nodes) {
      out.push({ slug: n.slug, label: `${'　'.repeat(depth)}${n.name}` });
      walk(n.children, depth + 1);
    }
  };
  walk(index.tree, 0);
  return out;
}

/** A status as a coloured label (the colour is decoration; the word carries the meaning). */
export function StatusBadge({ lang, status }: { lang: AdminLang; status: ArticleStatus }) {
  const cls = status === 'in_review' ? 'review' : status;
  return <span class={`badge ${cls}`}>{m(lang, `status.${status}`)}</span>;
}

/** A stored instant as `YYYY-MM-DD HH:mm` in the newsroom's time zone (the browser may refine it). */
export function timeLabel(iso: string | null, timeZone = 'Asia/Taipei'): string {
  if (!iso) return '';
  const parts = formatter(timeZone).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

// Building a DateTimeFormat costs far more than using one: one per time zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })));
  return f;
}
