/**
 * The script variants every public page is served in. `zh-Hans` is Simplified, `zh-Hant`
 * generic Traditional, `zh-TW` and `zh-HK` Traditional with regional vocabulary.
 */
export const VARIANTS = ['zh-Hans', 'zh-Hant', 'zh-TW', 'zh-HK'] as const;

/** One of the served script variants. */
export type Variant = (typeof VARIANTS)[number];

/** Scripts an article can be written in. */
export const SOURCE_LANGS = ['zh-Hans', 'zh-Hant', 'en'] as const;

/** The language or script an article was written in. */
export type SourceLang = (typeof SOURCE_LANGS)[number];

/** URL prefix of a variant (`zh-TW` → `zh-tw`). */
export function variantPrefix(variant: Variant): string {
  return variant.toLowerCase();
}

/** The variant for a URL prefix, or undefined when the segment is not one. */
export function variantFromPrefix(segment: string): Variant | undefined {
  return VARIANTS.find((v) => v.toLowerCase() === segment.toLowerCase());
}
