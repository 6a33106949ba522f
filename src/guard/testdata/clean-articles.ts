/**
 * Clean news bodies written for Jiaodian's tests: links to sources, tables, quotes, captioned
 * figures, a handful of outbound links, and topics whose words overlap spam lists (Macau's
 * gaming industry, adult education, a typhoon named many times). None may be flagged.
 */

/** One clean article body. */
export interface CleanArticle {
  readonly id: string;
  readonly html: string;
}

const p = (...lines: string[]) => lines.map((l) => `<p>${l}</p>`).join('\n');

/** The corpus (≥ 15 bodies). */
export const cleanArticles: readonly CleanArticle[] = [
  {
    id: 'macau-gaming-revenue',
    html: p(
      '澳門博彩監察協調局週一公布，上月博彩毛收入按年增長一成二，達到一百九十六億澳門元，為疫情後單月新高。',
      '分析師指出，中場賭枱及角子機收入回升最為明顯，貴賓廳業務則持續萎縮。',
      '根據<a href="https://www.dicj.gov.mo/">博彩監察協調局</a>的資料，全年累計收入已超過去年全年水平。',
      '澳門特區政府表示，將繼續推動經濟適度多元發展，減少對博彩業的依賴。',
    ),
  },
  {
    id: 'budget-table',
    html:
      p('行政院今天公布明年度中央政府總預算案，歲出規模創下新高，其中社福與國防支出增幅最大。') +
      '<table><caption>明年度歲出主要項目（新臺幣億元）</caption><thead><tr><th scope="col">項目</th><th scope="col">金額</th><th scope="col">年增率</th></tr></thead><tbody><tr><td>社會福利</td><td>7,520</td><td>6.1%</td></tr><tr><td>國防</td><td>4,690</td><td>7.7%</td></tr><tr><td>教育科學文化</td><td>5,110</td><td>3.2%</td></tr></tbody></table>' +
      p('主計總處表示，預算案將於下月送交立法院審議，詳細資料可在<a href="https://www.dgbas.gov.tw/">主計總處網站</a>查閱。'),
  },
  {
    id: 'quote-and-figure',
    html:
      p('聯合國秘書長在氣候峰會開幕式上發表演說，呼籲各國加快減排。') +
      '<blockquote><p>「我們正處於氣候崩潰的邊緣，時間已經不多了。」</p><cite>聯合國秘書長</cite></blockquote>' +
      '<figure><img src="/media/2026/11/summit.webp" alt="峰會會場" width="1200" height="800"><figcaption>與會代表在開幕式上聆聽演說。（圖：本報記者攝）</figcaption></figure>' +
      p('峰會為期兩週，預計將討論氣候融資與損失賠償基金等議題。'),
  },
  {
    id: 'typhoon-many-mentions',
    html: p(
      '中央氣象署表示，颱風「山陀兒」今晨增強為強烈颱風，暴風圈預計明天清晨接觸臺灣東南部陸地。',
      '氣象署預報員說，這個颱風移動速度緩慢，颱風帶來的雨量可能十分可觀，颱風外圍環流已影響東半部。',
      '受颱風影響，臺東、花蓮兩縣已宣布停班停課，颱風假相關資訊請留意各縣市政府公告。',
      '氣象署提醒民眾，颱風期間避免前往山區與海邊，並隨時注意<a href="https://www.cwa.gov.tw/">中央氣象署</a>最新颱風警報。',
    ),
  },
  {
    id: 'further-reading-list',
    html:
      p('歐洲央行週四宣布維持利率不變，並暗示明年上半年可能降息。') +
      '<h2>延伸閱讀</h2><ul>' +
      '<li><a href="https://www.ecb.europa.eu/press/">歐洲央行新聞稿</a></li>' +
      '<li><a href="https://www.reuters.com/markets/">路透社市場報導</a></li>' +
      '<li><a href="https://www.ft.com/">金融時報分析</a></li>' +
      '<li><a href="https://www.bloomberg.com/">彭博社評論</a></li>' +
      '<li><a href="https://www.bbc.com/zhongwen/trad">BBC 中文報導</a></li>' +
      '</ul>',
  },
  {
    id: 'adult-education',
    html: p(
      '教育部推動成人教育計畫，今年起補助各縣市開設更多夜間課程，協助中高齡者轉職。',
      '有意報名者可至<a href="https://www.edu.tw/">教育部網站</a>查詢<a href="https://www.edu.tw/adult">成人教育課程</a>資訊。',
      '學員表示，課程內容實用，讓她在退休後也能繼續學習新技能。',
    ),
  },
  {
    id: 'simplified-economy',
    html: p(
      '国家统计局周三公布数据显示，十月份社会消费品零售总额同比增长百分之四点八，增速较上月加快。',
      '其中，汽车、家电等大宗商品消费回暖明显，线上零售额增长百分之八。',
      '专家认为，随着一系列促消费政策落地，第四季度消费有望保持平稳增长。详见<a href="https://www.stats.gov.cn/">国家统计局</a>发布。',
    ),
  },
  {
    id: 'english-wire',
    html: p(
      'TAIPEI (Reuters) - Taiwan’s exports rose for a twelfth straight month in October, driven by demand for AI servers and chips, the finance ministry said on Friday.',
      'Exports climbed 20.4% from a year earlier, beating the median forecast in a <a href="https://www.reuters.com/">Reuters poll</a>.',
      '“Demand for emerging technologies remains strong,” ministry official Beatrice Tsai told reporters.',
    ),
  },
  {
    id: 'sports-repeated-names',
    html: p(
      '中華隊今晚在世界棒球十二強賽以四比三擊敗日本隊，中華隊史首度奪得世界冠軍。',
      '中華隊先發投手林昱珉主投四局無失分，中華隊在第五局靠著陳傑憲的全壘打取得領先。',
      '日本隊在九局下半一度追近比分，但中華隊終結者穩住局面，中華隊全體球員衝進場內慶祝。',
      '賽後，中華隊總教練曾豪駒表示，這是所有球員共同努力的成果。',
    ),
  },
  {
    id: 'court-ruling-with-sources',
    html:
      p('憲法法庭今天宣判，認定相關條文部分違憲，立法機關應於兩年內修法。') +
      '<h2>判決要旨</h2>' +
      '<ol><li>限制人民遷徙自由，須有法律明確授權。</li><li>主管機關裁量應符合比例原則。</li></ol>' +
      p('判決全文見<a href="https://cons.judicial.gov.tw/">憲法法庭網站</a>；本報亦整理了<a href="/society/2026/11/ruling-explainer">判決懶人包</a>。'),
  },
  {
    id: 'health-with-figure',
    html:
      p('衛福部疾管署今天表示，流感疫情進入上升期，上週門急診類流感就診人次較前一週增加一成五。') +
      '<figure><img src="https://images.example.org/flu-chart.png" alt="類流感就診人次趨勢" width="800" height="450"><figcaption>近八週類流感門急診就診人次。（資料來源：疾管署）</figcaption></figure>' +
      p('疾管署呼籲高風險族群儘速接種疫苗，目前疫苗存量充足。'),
  },
  {
    id: 'tech-review-code',
    html:
      p('開源專案維護者本週發布新版本，修正了一個影響廣泛的安全漏洞，建議所有使用者儘速更新。') +
      '<pre><code>npm install example-lib@4.2.1</code></pre>' +
      p('漏洞細節已登錄於<a href="https://nvd.nist.gov/">美國國家漏洞資料庫</a>，研究人員感謝通報者的協助。'),
  },
  {
    id: 'election-results-table',
    html:
      p('地方選舉開票結果出爐，執政黨在六都中拿下三席。') +
      '<table><thead><tr><th>城市</th><th>當選人</th><th>得票率</th></tr></thead><tbody>' +
      '<tr><td>臺北市</td><td>甲候選人</td><td>52.1%</td></tr><tr><td>新北市</td><td>乙候選人</td><td>56.3%</td></tr>' +
      '<tr><td>桃園市</td><td>丙候選人</td><td>49.8%</td></tr><tr><td>臺中市</td><td>丁候選人</td><td>59.4%</td></tr></tbody></table>' +
      p('完整開票資訊請見<a href="https://www.cec.gov.tw/">中央選舉委員會</a>。'),
  },
  {
    id: 'hong-kong-property',
    html: p(
      '差餉物業估價署最新數據顯示，香港私人住宅售價指數連跌第五個月，累計跌幅約百分之七。',
      '地產代理指出，高息環境令買家觀望，二手成交量維持低位。',
      '有分析認為，若美國下月減息，樓市可望於明年初見底回穩。相關統計見<a href="https://www.rvd.gov.hk/">差估署網站</a>。',
    ),
  },
  {
    id: 'culture-with-quote-and-mailto',
    html:
      p('國家兩廳院宣布明年藝術節節目，邀請多個國際團隊來臺演出。') +
      '<blockquote><p>「希望觀眾在劇場裡看見世界，也看見自己。」</p></blockquote>' +
      p('購票資訊請見<a href="https://www.npac-ntch.org/">兩廳院官網</a>，媒體聯繫請來信 <a href="mailto:press@example.org">press@example.org</a>。'),
  },
  {
    id: 'lottery-news-no-links',
    html: p(
      '台灣彩券公司表示，大樂透本期頭獎槓龜，下期頭獎上看四億元。',
      '彩券行業者說，近日買氣明顯增溫，不少民眾合資購買。',
      '心理學者提醒，購買彩券應量力而為，避免沉迷。',
    ),
  },
];
