import type Iconv from 'iconv-lite';
import { lazyRequire } from '../lazy.js';

// Required on the first import that decodes bytes, not at start (the ingest routes load with the server).
const iconvLite = lazyRequire<typeof Iconv>('iconv-lite');

/** Where the charset of a decoded document came from (reported in tests and debugging). */
export type CharsetSource = 'bom' | 'http' | 'xml' | 'meta' | 'detected' | 'default';

/** Decoded text and how its charset was chosen. */
export interface Decoded {
  readonly text: string;
  readonly charset: string;
  readonly from: CharsetSource;
}

// Legacy Chinese labels are decoded with the superset that covers them: GB2312 and GBK pages
// routinely contain GBK-only characters, and Big5 pages HKSCS ones.
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'gb_2312-80': 'gb18030',
  'euc-cn': 'gb18030',
  gb18030: 'gb18030',
  big5: 'big5hkscs',
  'big5-hkscs': 'big5hkscs',
  'x-x-big5': 'big5hkscs',
  'cn-big5': 'big5hkscs',
  'utf8': 'utf-8',
};

/** The charset label from a Content-Type header value, if any. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** The encoding named in an XML declaration or an HTML `<meta charset>` of the first bytes. */
export function declaredCharset(head: string): { charset: string; from: 'xml' | 'meta' } | undefined {
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return { charset: xml[1]!.toLowerCase(), from: 'xml' };
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (meta) return { charset: meta[1]!.toLowerCase(), from: 'meta' };
  return undefined;
}

function usable(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = ALIASES[label] ?? label;
  return iconvLite().encodingExists(name) ? name : undefined;
}

/**
 * Decodes fetched bytes to text. The charset comes from, in order: a byte-order mark, the HTTP
 * Content-Type, the XML declaration or `<meta charset>` of the first 2 KB, and otherwise
 * detection (valid UTF-8, else whichever of GB18030 and Big5 reads as more common Chinese).
 * A declared charset the bytes contradict (a "UTF-8" page in GBK, a common misconfiguration
 * of Chinese portals) is detected rather than decoded into replacement characters.
 *
 * @example
 * decodeBytes(iconv.encode('<p>新闻</p>', 'gbk'), 'text/html; charset=gbk').text // '<p>新闻</p>'
 */
export function decodeBytes(bytes: Buffer, contentType?: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), charset: 'utf-8', from: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconvLite().decode(bytes.subarray(2), 'utf-16le'), charset: 'utf-16le', from: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconvLite().decode(bytes.subarray(2), 'utf-16be'), charset: 'utf-16be', from: 'bom' };
  const http = usable(charsetOfContentType(contentType));
  const declared = declaredCharset(bytes.subarray(0, 2048).toString('latin1'));
  const named = http ? { charset: http, from: 'http' as const } : declared && usable(declared.charset) ? { charset: usable(declared.charset)!, from: declared.from } : undefined;
  if (named) {
    if (named.charset !== 'utf-8') return { text: iconvLite().decode(bytes, named.charset), charset: named.charset, from: named.from };
    if (isUtf8(bytes)) return { text: bytes.toString('utf8'), charset: 'utf-8', from: named.from };
  }
  return detect(bytes);
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// Characters frequent in Chinese news text in either script: the candidate decoding with more
// of them (and fewer replacement characters) is the right one.
const COMMON = new Set(
  '的一是不了在人有我他這这個个們们中來来上大為为和國国地到以說说時时要就出會会可也你對对生能而子那得於于著着下自之年過过發发後后作裡里用道行所然家種种事成方多經经麼么去法學学如都同現现當当没沒動动面起看定天分還还進进好小部其些主樣样理心她本前開开但因只從从想實实日軍军者意無无力它與与長长把機机十民第公此已工使情明性知全三又關关點点正業业外將将兩两高間间由問问很最重並并物手應应戰战向頭头文體体政美相見见被利什二等產产或新己制身果加西斯月話话合回特代內内信表化老給给世位次度門门任常先海通教兒儿原東东聲声提立及比員员解水名真論论處处走義义各入幾几口認认條条平系氣气題题活爾尔更別别打女變变四神總总何電电數数安少報报才結结反受目太量再感建務务做接必場场件計计管期市直德資资命山金指克許许統统區区保至隊队形社便空決决治展馬马科司五基眼書书非則则聽听白卻却界達达光放強强即像難难且權权思王象完設设式色路記记南品住告類类求據据程北邊边死張张該该交規规萬万取拉格望覺觉術术領领共確确傳传師师觀观清今切院讓让識识候帶带導导爭争運运笑飛飞風风步改收根幹干造言聯联持組组每濟济車车親亲極极林服快辦办議议往元英士證证近失轉转夫令準准布始怎呢存未遠远叫台單单影具羅罗字愛爱擊击流備备兵連连調调深商算質质團团集百需價价花黨党華华城石級级整府離离況况亞亚請请技際际約约示復复病息究線线似官火斷断精滿满支視视消越器容照須须九增研寫写稱称企八功嗎吗包片史委乎查輕轻易早曾除農农找裝装廣广顯显吧阿李標标談谈吃圖图念六引歷历首醫医局突專专費费號号盡尽另周較较注語语僅仅考落青隨随選选列武紅红響响雖虽推勢势參参希古眾众構构房半節节土投某案黑維维革劃划敵敌致陳陈律足態态護护七興兴派孩驗验責责營营星夠够章音跟志底站嚴严巴例防族供效續续施留講讲型料終终答緊紧黃黄絕绝奇察母京段依批群項项故按河米圍围江織织害斗雙双境客紀纪採采舉举殺杀攻父蘇苏密低朝友訴诉止細细願愿千值仍男錢钱破網网熱热助倒育屬属坐帝限船臉脸職职速刻樂乐否剛刚威毛狀状率甚獨独球般普怕彈弹校苦創创假久錯错承印晚蘭兰試试股拿腦脑預预誰谁益陽阳若哪微尼繼继送急血驚惊傷伤素藥药適适波夜省初喜衛卫源食險险待述陸陆習习置居勞劳財财環环排福納纳歡欢雷警獲获模充負负雲云停木遊游龍龙樹树疑層层冷洲衝冲射略範范竟句室異异激漢汉村哈策演簡简卡罪判擔担州靜静退既衣您宗積积餘余痛檢检差富靈灵協协角佔占配征修皮揮挥勝胜降階阶審审沉堅坚善媽妈劉刘讀读啊超免壓压銀银買买皇養养伊懷怀執执副亂乱抗犯追幫帮宣佛歲岁航優优怪香著田鐵铁控稅税左右份穿藝艺背陣阵草腳脚概惡恶塊块頓顿敢守酒島岛托央戶户烈洋哥索胡款靠評评版寶宝座釋释景顧顾弟登貨货互付伯慢歐欧換换聞闻危忙核暗姐介壞坏討讨麗丽良序升監监臨临亮露永呼味野架域沙掉括艦舰魚鱼雜杂誤误湾灣',
);

function detect(bytes: Buffer): Decoded {
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), charset: 'utf-8', from: 'detected' };
  const candidates = ['gb18030', 'big5hkscs'].map((charset) => {
    const text = iconvLite().decode(bytes, charset);
    let score = 0;
    for (const ch of text) {
      if (COMMON.has(ch)) score += 2;
      else if (ch === '\ufffd') score -= 5;
      else if (ch.charCodeAt(0) >= 0xe000 && ch.charCodeAt(0) <= 0xf8ff) score -= 3; // private use: a wrong table
    }
    return { text, charset, score };
  });
  const best = candidates[0]!.score >= candidates[1]!.score ? candidates[0]! : candidates[1]!;
  return { text: best.text, charset: best.charset, from: 'detected' };
}
