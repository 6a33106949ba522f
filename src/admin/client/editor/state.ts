// The editor form's data: reading the fields into the admin API's article shape, writing an
// article back into them, and telling which fields changed since the last save.
import type { Editor } from '@tiptap/core';

/** The article as the page data and the admin API describe it (the fields the editor uses). */
export interface ArticleData {
  id: number | null;
  version: number;
  status: string;
  title: string;
  subtitle: string;
  summary: string;
  bodyHtml: string;
  slug: string;
  section: string | { slug: string };
  tags: Array<string | { name: string }>;
  authors: Array<string | { slug: string }>;
  source: { name: string; url: string };
  lang: string;
  flags: { headline: boolean; featured: boolean; slideshow: boolean };
  publishedAt: string | null;
  publishAt: string | null;
  reviewNote: string;
  cover: { mediaId?: number; url: string; caption: string; credit: string } | null;
  integrity?: { verdict: string; findings: Array<{ reason: string; location?: string }> } | null;
  seoTitle?: string;
  seoDescription?: string;
  seoCanonicalUrl?: string;
}

/** The editable fields, as sent to the API. */
export type Fields = Record<string, unknown>;

const split = (v: string, sep: RegExp) =>
  v
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);

/** An ISO instant as a `datetime-local` value in the browser's time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (browser time) as an ISO instant with offset, or null when empty. */
export function fromLocalInput(v: string): string | null {
  return v ? new Date(v).toISOString() : null;
}

/** Reads the form and the body editor into API fields. */
export function readFields(form: HTMLFormElement, editor: Editor): Fields {
  const val = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
  const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
  const coverId = Number(val('cover.mediaId'));
  const out: Fields = {
    title: val('title').trim(),
    subtitle: val('subtitle').trim(),
    summary: val('summary').trim(),
    bodyHtml: editor.isEmpty ? '' : editor.getHTML(),
    slug: val('slug').trim(),
    section: val('section'),
    tags: split(val('tags'), /[,，、;；]/),
    authors: split(val('authors'), /[,，、\s]+/),
    source: { name: val('source.name').trim(), url: val('source.url').trim() },
    lang: val('lang'),
    flags: { headline: checked('flags.headline'), featured: checked('flags.featured'), slideshow: checked('flags.slideshow') },
    cover: coverId > 0 ? { mediaId: coverId, caption: val('cover.caption').trim(), credit: val('cover.credit').trim() } : null,
    seoTitle: val('seoTitle').trim(),
    seoDescription: val('seoDescription').trim(),
    seoCanonicalUrl: val('seoCanonicalUrl').trim(),
  };
  if (form.elements.namedItem('publishedAt')) out.publishedAt = fromLocalInput(val('publishedAt'));
  return out;
}

/** Writes an article into the form and the body editor (after "take theirs" or a restore). */
export function writeFields(form: HTMLFormElement, editor: Editor, a: ArticleData): void {
  const set = (name: string, v: string) => {
    const el = form.elements.namedItem(name) as HTMLInputElement | null;
    if (el) el.value = v;
  };
  const check = (name: string, v: boolean) => {
    const el = form.elements.namedItem(name) as HTMLInputElement | null;
    if (el) el.checked = v;
  };
  set('title', a.title);
  set('subtitle', a.subtitle);
  set('summary', a.summary);
  set('slug', a.slug);
  set('section', typeof a.section === 'string' ? a.section : a.section.slug);
  set('tags', a.tags.map((x) => (typeof x === 'string' ? x : x.name)).join('、'));
  set('authors', a.authors.map((x) => (typeof x === 'string' ? x : x.slug)).join(', '));
  set('source.name', a.source.name);
  set('source.url', a.source.url);
  set('lang', a.lang);
  check('flags.headline', a.flags.headline);
  check('flags.featured', a.flags.featured);
  check('flags.slideshow', a.flags.slideshow);
  set('publishedAt', toLocalInput(a.publishedAt));
  set('seoTitle', a.seoTitle ?? '');
  set('seoDescription', a.seoDescription ?? '');
  set('seoCanonicalUrl', a.seoCanonicalUrl ?? '');
  set('cover.caption', a.cover?.caption ?? '');
  set('cover.credit', a.cover?.credit ?? '');
  if (a.cover?.mediaId) set('cover.mediaId', String(a.cover.mediaId));
  else if (!a.cover) set('cover.mediaId', '');
  editor.commands.setContent(a.bodyHtml || '', { emitUpdate: false });
}

/** The fields whose values differ between two reads. */
export function changedFields(now: Fields, before: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(now)) if (JSON.stringify(v) !== JSON.stringify(before[k])) out[k] = v;
  return out;
}
