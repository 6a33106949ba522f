import type * as PinyinPro from 'pinyin-pro';
import { lazyRequire } from '../lazy.js';

// Required on the first new title slug, not at start: its dictionary is large and page views never need it.
const pinyinPro = lazyRequire<typeof PinyinPro>('pinyin-pro');

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

/** Longest slug made from a title. */
export const TITLE_SLUG_MAX = 60;

/**
 * A readable ASCII slug for a title in any script: Chinese characters become toneless pinyin
 * (read in context, so 重庆 is chong-qing and 行长 hang-zhang), Latin words are kept.
 * Never empty for a title with Chinese or Latin letters; cut at a syllable boundary.
 *
 * @example
 * titleSlug('日內瓦跨境河流會談') // 'ri-nei-wa-kua-jing-he-liu-hui-tan'
 */
export function titleSlug(title: string, max = TITLE_SLUG_MAX): string {
  const syllables = pinyinPro().pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const full = slugify(syllables.join(' '), 1000);
  if (full.length <= max) return full;
  const cut = full.slice(0, max + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : max);
}
