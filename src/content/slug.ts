/**
 * An ASCII slug from text: Latin letters and digits, lower case, joined by single hyphens;
 * accents are folded. Chinese characters are dropped, so a Chinese title gives an empty slug,
 * and callers then fall back to the id alone.
 *
 * @example
 * slugify('Apple 發布 M5 晶片') // 'apple-m5'
 */
export function slugify(text: string, max = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}
