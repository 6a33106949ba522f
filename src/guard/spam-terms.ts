/**
 * Anchor texts that compromised Chinese portals are made to carry: gambling, porn and pharma
 * spam, in Simplified and Traditional script and in English. Matching is done on a lower-cased,
 * whitespace-free form of the anchor text, so `六 合 彩` and `Casino` still match.
 *
 * The list is for link anchors and link titles only: news about Macau's gaming industry
 * legitimately says 博彩 in running text, so these terms never flag body prose on their own.
 */
export const spamTerms: readonly string[] = [
  // gambling (Simplified / Traditional)
  '博彩网', '博彩網', '博彩公司', '博彩平台', '六合彩', '澳门赌场', '澳門賭場', '澳门赌博', '澳門賭博', '网上赌场', '網上賭場', '线上赌场', '線上賭場',
  '百家乐', '百家樂', '时时彩', '時時彩', '真人视讯', '真人視訊', '娱乐城', '娛樂城', '赌球', '賭球',
  '老虎机', '老虎機', '彩票网', '彩票網', '太阳城', '太陽城', '葡京', '威尼斯人娱乐', '威尼斯人娛樂',
  '北京赛车', '北京賽車', '快三', '开户送', '開戶送', '首存', '彩金', '体育投注', '體育投注', '棋牌',
  '皇冠体育', '皇冠體育', '赌博网站', '賭博網站', '下注', '捕鱼游戏', '捕魚遊戲',
  // porn
  '成人', '色情', '黄色网站', '黃色網站', '成人影片', '成人视频', '成人視頻', 'av女优', 'av女優', '裸聊',
  '约炮', '約炮', '一夜情', '激情', '情色', '无码', '無碼', '自拍偷拍', '援交', '伦理片', '倫理片',
  // pharma and fakes
  '伟哥', '偉哥', '壮阳', '壯陽', '春药', '春藥', '迷药', '迷藥', '催情', '代开发票', '代開發票', '办证', '辦證',
  '假证', '假證', '私服', '外挂', '外掛', '刷单', '刷單', '代孕',
  // English
  'casino', 'onlinecasino', 'baccarat', 'roulette', 'slotmachine', 'slots', 'poker', 'betting', 'sportsbook',
  'jackpot', 'lottery', 'porn', 'xxx', 'sexcam', 'livesex', 'escort', 'hentai', 'nude', 'viagra', 'cialis',
  'levitra', 'tramadol', 'xanax', 'oxycodone', 'pharmacy', 'replicawatches', 'paydayloan',
];

/** Terms that only count when they are the whole anchor text (they are short and would match inside words). */
const wholeOnly = new Set(['slots', 'xxx', 'nude', 'poker', 'betting', 'lottery', '快三', '下注', '棋牌', '私服', '成人', '激情', '首存', '彩金']);

/**
 * The spam term an anchor text carries, if any.
 *
 * @example
 * spamTermIn('澳門 賭場 開戶') // '澳門賭場'
 * spamTermIn('台灣選舉新聞')    // undefined
 */
export function spamTermIn(text: string): string | undefined {
  const compact = text.toLowerCase().replace(/[\s\u3000·・_\-.]+/g, '');
  if (!compact) return undefined;
  for (const term of spamTerms) {
    if (wholeOnly.has(term) ? compact === term : compact.includes(term)) return term;
  }
  return undefined;
}
