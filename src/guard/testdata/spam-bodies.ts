/**
 * Spam-injection bodies written for Jiaodian's tests: what compromised Chinese portals are made
 * to serve, one technique (or a realistic mix) each. Every one must be flagged by the integrity
 * guard, with at least the rule named in `expect`.
 */

/** One injected body. */
export interface SpamBody {
  readonly id: string;
  readonly technique: string;
  readonly html: string;
  /** A rule the guard must report for it. */
  readonly expect: string;
  /** Options the check runs with (the allowlist case). */
  readonly allowedDomains?: readonly string[];
}

const lede = '<p>立法院今日三讀通過《食品安全衛生管理法》修正案，提高違規業者罰鍰上限，並要求進口食品標示原產地。</p>';
const farm = (n: number, words: readonly string[]) =>
  Array.from({ length: n }, (_, i) => `<a href="https://spam${i}.example.net/">${words[i % words.length]}</a>`).join(' ');
const gamblingHant = ['澳門賭場', '百家樂', '六合彩', '時時彩', '真人視訊', '娛樂城'];
const gamblingHans = ['澳门赌场', '百家乐', '时时彩', '真人视讯', '娱乐城', '博彩公司'];

/** The corpus (≥ 15 bodies, each technique at least once). */
export const spamBodies: readonly SpamBody[] = [
  { id: 'display-none-farm', technique: 'display:none block of gambling links', expect: 'hidden-block', html: `${lede}<div style="display:none">${farm(12, gamblingHant)}</div>` },
  { id: 'visibility-hidden', technique: 'visibility:hidden paragraph', expect: 'hidden-block', html: `${lede}<p style="visibility: hidden">${farm(3, gamblingHans)}</p>` },
  { id: 'offscreen-absolute', technique: 'absolute positioning far off-screen', expect: 'hidden-block', html: `${lede}<div style="position:absolute;left:-9999px;top:-9999px">${farm(5, ['casino online', 'viagra', 'cheap cialis'])}</div>` },
  { id: 'text-indent', technique: 'negative text-indent', expect: 'hidden-block', html: `${lede}<p style="text-indent:-99999px;overflow:hidden">${farm(4, gamblingHant)}</p>` },
  { id: 'font-size-zero', technique: 'zero font size', expect: 'hidden-block', html: `${lede}<span style="font-size:0px">${farm(4, ['成人影片', '色情網站', '約炮'])}</span>` },
  { id: 'opacity-zero', technique: 'opacity 0', expect: 'hidden-block', html: `${lede}<div style="opacity:0">${farm(4, ['伟哥', '春药', '代开发票'])}</div>` },
  { id: 'zero-height', technique: 'zero height with overflow hidden', expect: 'hidden-block', html: `${lede}<div style="height:0;overflow:hidden">${farm(6, gamblingHans)}</div>` },
  { id: 'hidden-attribute', technique: 'the hidden attribute', expect: 'hidden-block', html: `${lede}<section hidden>${farm(3, ['porn', 'xxx videos', 'live sex cams'])}</section>` },
  { id: 'white-on-white', technique: 'text coloured like its background', expect: 'hidden-block', html: `${lede}<p style="color:#fff;background-color:#ffffff">${farm(3, gamblingHant)}</p>` },
  { id: 'stylesheet-class', technique: 'a style element hides a class', expect: 'hidden-block', html: `<style>.ad-x9{display:none}</style>${lede}<div class="ad-x9">${farm(8, gamblingHans)}</div>` },
  { id: 'visible-link-farm', technique: 'visible block of outbound links', expect: 'link-farm', html: `${lede}<p>${farm(10, ['免費下載', '最新電影', '線上看', '高清影音'])}</p>` },
  { id: 'many-outbound-links', technique: 'far too many outbound links spread through the text', expect: 'link-farm', html: Array.from({ length: 32 }, (_, i) => `<p>第${i + 1}段消息，詳見<a href="https://site${i}.example.org/news">報導${i}</a>的更新內容與相關資料。</p>`).join('') },
  { id: 'link-density', technique: 'links are most of the text', expect: 'link-density', html: `<ul>${Array.from({ length: 11 }, (_, i) => `<li><a href="https://w${i}.example.com/">熱門新聞排行第${i + 1}名</a></li>`).join('')}</ul><p>更多</p>` },
  { id: 'spam-anchor-hant', technique: 'Traditional-script gambling anchor in running text', expect: 'spam-anchor', html: `${lede}<p>延伸閱讀：<a href="https://bet.example.com/">澳門賭場線上開戶</a>。</p>` },
  { id: 'spam-anchor-hans', technique: 'Simplified-script lottery anchor', expect: 'spam-anchor', html: `${lede}<p>相关：<a href="https://lotto.example.cn/">六合彩开奖结果</a></p>` },
  { id: 'spam-anchor-pharma-en', technique: 'English pharma anchor', expect: 'spam-anchor', html: `${lede}<p>See also <a href="https://pills.example.com/">Buy Viagra Online</a>.</p>` },
  { id: 'spam-anchor-title', technique: 'spam term in the link title', expect: 'spam-anchor', html: `${lede}<p><a href="https://x.example.com/" title="百家樂 娛樂城">資料來源</a></p>` },
  { id: 'stuffing-hans', technique: 'keyword stuffing, Chinese', expect: 'keyword-stuffing', html: `${lede}<p>${'北京赛车pk10 '.repeat(14)}</p>` },
  { id: 'stuffing-en', technique: 'keyword stuffing, English', expect: 'keyword-stuffing', html: `<p>${'cheap replica watches '.repeat(12)}</p>` },
  { id: 'script-injection', technique: 'injected script', expect: 'script', html: `${lede}<script src="https://evil.example.com/x.js"></script>` },
  { id: 'referrer-cloaking', technique: 'redirect only visitors from search engines', expect: 'cloaking-redirect', html: `${lede}<script>if(/baidu|google/.test(document.referrer)){window.location.href="https://bet.example.com/"}</script>` },
  { id: 'ua-cloaking', technique: 'redirect by user agent', expect: 'cloaking-redirect', html: `${lede}<script>if(navigator.userAgent.indexOf('Mobile')>0) location.replace('https://m.bet.example.com/')</script>` },
  { id: 'meta-refresh', technique: 'meta refresh to a spam site', expect: 'meta-refresh', html: `<meta http-equiv="refresh" content="3; url=https://casino.example.com/">${lede}` },
  { id: 'iframe', technique: 'invisible iframe', expect: 'iframe', html: `${lede}<iframe src="https://bet.example.com/" width="0" height="0"></iframe>` },
  { id: 'object-embed', technique: 'embedded flash object', expect: 'embedded-object', html: `${lede}<object data="https://x.example.com/a.swf"></object><embed src="https://x.example.com/a.swf">` },
  { id: 'event-handler', technique: 'handler redirecting on mouse over', expect: 'event-handler', html: `${lede}<p onmouseover="location.href='https://bet.example.com/'">把滑鼠移到這裡</p>` },
  { id: 'javascript-url', technique: 'encoded javascript: link', expect: 'script-url', html: `${lede}<p><a href="&#x6A;ava&#x09;script:location='https://bet.example.com/'">全文</a></p>` },
  { id: 'data-url', technique: 'data: document link', expect: 'data-url', html: `${lede}<p><a href="data:text/html;base64,PHA+eDwvcD4=">附件</a></p>` },
  {
    id: 'outbound-allowlist',
    technique: 'most outbound links leave the allowlist',
    expect: 'outbound-domains',
    allowedDomains: ['cna.com.tw', 'gov.tw'],
    html: `${lede}<p>資料：<a href="https://www.cna.com.tw/news/1">中央社</a>、<a href="https://a.example.net/">來源甲</a>、<a href="https://b.example.net/">來源乙</a>、<a href="https://c.example.net/">來源丙</a>。</p>`,
  },
];
