/** CJK characters a reader gets through in a minute (studies put it at 400–500). */
export const CJK_CHARS_PER_MINUTE = 450;
/** Words of Latin-script text a minute. */
export const WORDS_PER_MINUTE = 230;

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/gu;
const WORD = /[A-Za-z0-9\u00c0-\u024f]+(?:['’-][A-Za-z0-9\u00c0-\u024f]+)*/g;

/**
 * Minutes to read a text, counting CJK characters (not spaces, which Chinese does not use)
 * plus Latin words. Never less than one minute for non-empty text.
 *
 * @example
 * readingMinutes('中'.repeat(900)) // 2
 */
export function readingMinutes(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, ' ').match(WORD)?.length ?? 0;
  const minutes = cjk / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE;
  if (minutes === 0) return 0;
  return Math.max(1, Math.round(minutes));
}
