/**
 * Public URL paths of content, without a variant prefix. Article URLs are stable: the numeric
 * id decides, the section and optional slug only make them readable (a changed slug redirects).
 */
export const urls = {
  home: () => '/',
  section: (slug: string) => `/${slug}/`,
  sectionPage: (slug: string, page: number) => (page <= 1 ? `/${slug}/` : `/${slug}/page/${page}`),
  article: (sectionSlug: string, id: number, slug: string) => `/${sectionSlug}/${id}${slug ? `-${slug}` : ''}.html`,
  tag: (slug: string) => `/tag/${encodeURIComponent(slug)}`,
  // Later pages of a listing are paths, as section pages are, not `?page=`: a static export
  // writes each as a file of its own, which a query string cannot address.
  tagPage: (slug: string, page: number) => (page <= 1 ? urls.tag(slug) : `${urls.tag(slug)}/page/${page}`),
  author: (slug: string) => `/author/${encodeURIComponent(slug)}`,
  authorPage: (slug: string, page: number) => (page <= 1 ? urls.author(slug) : `${urls.author(slug)}/page/${page}`),
  archive: (year: number, month: number) => `/archive/${year}/${String(month).padStart(2, '0')}/`,
  archivePage: (year: number, month: number, page: number) => (page <= 1 ? urls.archive(year, month) : `${urls.archive(year, month)}page/${page}`),
  media: (path: string) => `/media/${path.split('/').map(encodeURIComponent).join('/')}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
} as const;

/** Parses the last path segment of an article URL: `123.html` or `123-some-slug.html`. */
export function parseArticleFile(file: string): { id: number; slug: string } | undefined {
  const m = /^([1-9]\d{0,15})(?:-([a-z0-9]+(?:-[a-z0-9]+)*))?\.html$/.exec(file);
  if (!m) return undefined;
  const id = Number(m[1]);
  if (!Number.isSafeInteger(id)) return undefined;
  return { id, slug: m[2] ?? '' };
}
