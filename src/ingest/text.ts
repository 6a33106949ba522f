import { simhash } from '../recommend/simhash.js';

// Characters only one script uses, common enough in news text to tell the two apart.
const SIMPLIFIED = new Set('这们国说时对发过后经么还进现当没动学样实种开门问关点业将两间长机产与东见声头结员话觉认热题书乐数战车视变称万亚儿岁报难龙单区会个来为于无气让应体边传级达运际线总续广术觉队统尔织议护览适农钱选图岛银龄规压庆创础则党环务贸卫纪录亿读'.split(''));
const TRADITIONAL = new Set('這們國說時對發過後經麼還進現當沒動學樣實種開門問關點業將兩間長機產與東見聲頭結員話覺認熱題書樂數戰車視變稱萬亞兒歲報難龍單區會個來為於無氣讓應體邊傳級達運際線總續廣術覺隊統爾織議護覽適農錢選圖島銀齡規壓慶創礎則黨環務貿衛紀錄億讀'.split(''));

/**
 * The script an article is written in: `zh-Hans` or `zh-Hant` by counting characters only one
 * of them uses, `en` for text without Chinese.
 *
 * @example
 * scriptOf('這是一篇新聞') // 'zh-Hant'
 */
export function scriptOf(text: string): 'zh-Hans' | 'zh-Hant' | 'en' {
  let s = 0;
  let t = 0;
  let han = 0;
  for (const ch of text) {
    if (SIMPLIFIED.has(ch)) s++;
    else if (TRADITIONAL.has(ch)) t++;
    if (/\p{Script=Han}/u.test(ch)) han++;
  }
  if (han === 0) return 'en';
  return s > t ? 'zh-Hans' : 'zh-Hant';
}

/** Fewer tokens than this are too short for a meaningful fingerprint. */
export const MIN_FINGERPRINT_TOKENS = 40;

/**
 * The SimHash (src/recommend/simhash.ts) of an article's text over single Chinese characters
 * and Latin words: no segmenter is needed, and two copies of one wire story, even with a
 * changed headline or a line added, differ in few bits. Only compared with fingerprints made
 * the same way (the importers' `ingest_seen`). Undefined for short texts.
 */
export function textFingerprint(plain: string): string | undefined {
  const tokens = plain.toLowerCase().match(/\p{Script=Han}|[a-z0-9]+/gu) ?? [];
  return tokens.length < MIN_FINGERPRINT_TOKENS ? undefined : simhash(tokens);
}
