/**
 * News vocabulary for the synthetic benchmark corpus, written for this project: place names,
 * invented organisations, roles, verbs, topics and sentence templates, each in Simplified and
 * Traditional. A flat table: entries are `简体/繁體`, or one form when both scripts agree.
 * Organisation names are made up so that the corpus never looks like real reporting.
 */

/** One word or phrase in both scripts: `[zh-Hans, zh-Hant]`. */
export type Phrase = readonly [hans: string, hant: string];

/** Parses a whitespace-separated list of `简/繁` (or shared) entries. */
function list(text: string): readonly Phrase[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((entry) => {
      const [hans, hant] = entry.split('/');
      return [hans!, hant ?? hans!] as const;
    });
}

/** Word lists by placeholder name; templates refer to them as `{name}` (or `{name2}` for a second, different pick). */
export const words = {
  place: list(`
    北京 上海 广州/廣州 深圳 香港 澳门/澳門 台北/臺北 台中/臺中 高雄 新竹 台南/臺南 杭州 南京 成都
    重庆/重慶 武汉/武漢 西安 天津 厦门/廈門 福州 苏州/蘇州 珠海 宁波/寧波 青岛/青島 大连/大連 昆明
    长沙/長沙 花莲/花蓮 基隆 新加坡 吉隆坡 东京/東京 大阪 首尔/首爾 曼谷 河内/河內 马尼拉/馬尼拉
    雅加达/雅加達 伦敦/倫敦 巴黎 柏林 纽约/紐約 华盛顿/華盛頓 旧金山/舊金山 温哥华/溫哥華
    多伦多/多倫多 布鲁塞尔/布魯塞爾 日内瓦/日內瓦 开罗/開羅 孟买/孟買`),
  org: list(`
    华东能源集团/華東能源集團 远航电子/遠航電子 海峡航运公司/海峽航運公司 金穗农业合作社/金穗農業合作社
    青云科技/青雲科技 东方明珠银行/東方明珠銀行 大湾区发展研究院/大灣區發展研究院 亚太气候观察站/亞太氣候觀察站
    中和医疗联盟/中和醫療聯盟 新纪元汽车/新紀元汽車 北辰半导体/北辰半導體 南山智能制造/南山智能製造
    长河水务/長河水務 星桥通讯/星橋通訊 丰泰证券/豐泰證券 鸿远物流/鴻遠物流 城市更新基金会/城市更新基金會
    市民消费者协会/市民消費者協會 环太平洋大学/環太平洋大學 晨光出版社 联合交通委员会/聯合交通委員會
    绿岛环保联盟/綠島環保聯盟 海湾国际机场/海灣國際機場 云端数据中心/雲端數據中心 天马体育俱乐部/天馬體育俱樂部
    明衡会计师事务所/明衡會計師事務所 嘉禾食品/嘉禾食品 百川保险/百川保險`),
  agency: list(`
    卫生部门/衛生部門 交通部门/交通部門 教育局 环保署/環保署 气象局/氣象局 统计局/統計局 市政府 消防局
    海关/海關 劳工局/勞工局 经济发展局/經濟發展局 住房委员会/住房委員會 文化局 体育局/體育局 警方`),
  role: list(`
    发言人/發言人 负责人/負責人 分析师/分析師 经济学家/經濟學家 研究员/研究員 董事长/董事長 总经理/總經理
    市长/市長 议员/議員 专家/專家 学者/學者 工程师/工程師 医师/醫師 教练/教練 校长/校長 官员/官員
    首席执行官/首席執行官 项目主管/項目主管 公会理事长/公會理事長 资深记者/資深記者`),
  people: list(`
    居民 业者/業者 消费者/消費者 家长/家長 学生/學生 上班族 旅客 小商户/小商戶 长者/長者 年轻人/年輕人
    通勤族 农民/農民 投资人/投資人 球迷`),
  say: list(`表示 指出 强调/強調 透露 认为/認為 坦言 宣布 证实/證實 警告 说明/說明 重申`),
  act: list(`
    推出 启动/啟動 扩大/擴大 调整/調整 公布 完成 暂停/暫停 加快 推动/推動 签署/簽署 延长/延長
    评估/評估 检讨/檢討 审议/審議 发布/發布 恢复/恢復 试行/試行 规划/規劃`),
  topic: list(`
    新一轮补贴计划/新一輪補貼計劃 减碳路线图/減碳路線圖 公共交通票价/公共交通票價 房屋供应/房屋供應 出口订单/出口訂單
    半导体产能/半導體產能 人工智能应用/人工智能應用 数字支付/數字支付 医疗保险/醫療保險 长照服务/長照服務
    防灾演练/防災演練 电网升级/電網升級 港口扩建/港口擴建 绿色债券/綠色債券 利率政策 就业数据/就業數據
    旅游签证/旅遊簽證 校园安全/校園安全 食品安全标准/食品安全標準 新能源车/新能源車 充电桩/充電樁
    轨道交通/軌道交通 空气质量/空氣質量 水资源管理/水資源管理 社会住宅/社會住宅 文化节/文化節
    体育场馆/體育場館 青年创业/青年創業 农产品价格/農產品價格 跨境电商/跨境電商 网络安全/網絡安全
    疫苗接种/疫苗接種 海上风电/海上風電 旧城改造/舊城改造 公共图书馆/公共圖書館 退休金制度
    最低工资/最低工資 课程改革/課程改革 夜间经济/夜間經濟 低空飞行/低空飛行 智慧医院/智慧醫院
    机场快线/機場快線 观光人潮/觀光人潮 芯片出口/晶片出口 储能电站/儲能電站`),
  time: list(`今天 昨天 本周/本週 上周/上週 近日 日前 本月初 周末/週末 今天凌晨 昨天傍晚 今天上午 前天下午`),
  past: list(`去年 今年前三季 上半年 过去五年/過去五年 去年全年 今年一月至今 上个季度/上個季度 过去一年/過去一年`),
  future: list(`明年 年底前 下半年 未来两年/未來兩年 三年内/三年內 下个月/下個月 明年初 明年第二季`),
  adv: list(`进一步/進一步 全面 逐步 持续/持續 大幅 首次 正式 积极/積極 同步 优先/優先`),
  connector: list(`此外 与此同时/與此同時 不过/不過 另一方面 据了解/據了解 对此/對此 值得注意的是 事实上/事實上 同时/同時 总体来看/總體來看`),
  judgement: list(`稳定/穩定 热烈/熱烈 两极/兩極 正面 有限 平稳/平穩 乐观/樂觀 谨慎/謹慎 分歧 良好`),
  trend: list(`上升 增长/增長 下降 减少/減少 回落 攀升`),
  outlook: list(`回暖 加速增长/加速增長 走出低谷 保持稳定/保持穩定 重回升势/重回升勢`),
  unit: list(`家企业/家企業 个项目/個項目 所学校/所學校 条路线/條路線 个社区/個社區 座站点/座站點 个摊位/個攤位`),
  heading: list(`
    背景 各方反应/各方反應 专家观点/專家觀點 数据解读/數據解讀 下一步 市场影响/市場影響 民众声音/民眾聲音
    政策细节/政策細節 现场直击/現場直擊 后续发展/後續發展 争议焦点/爭議焦點 历史回顾/歷史回顧 地方观察/地方觀察`),
  agencyName: list(`焦点新闻/焦點新聞 海峡通讯社/海峽通訊社 亚洲经济日报/亞洲經濟日報 城市晚报/城市晚報 本报讯/本報訊`),
} as const;

/** Name of a word list. */
export type WordList = keyof typeof words;

/** Headline patterns; `　` (ideographic space) separates the two halves as Chinese news sites do. */
export const titleTemplates: readonly Phrase[] = [
  ['{place}{act}{topic}　{future}{adv}上路', '{place}{act}{topic}　{future}{adv}上路'],
  ['{topic}需求{trend}{pct}　{role}：情况{judgement}', '{topic}需求{trend}{pct}　{role}：情況{judgement}'],
  ['{org}{act}{topic}　投入{money}', '{org}{act}{topic}　投入{money}'],
  ['{place}{people}关注{topic}　{agency}回应', '{place}{people}關注{topic}　{agency}回應'],
  ['{org}与{org2}合作　推动{topic}', '{org}與{org2}合作　推動{topic}'],
  ['{past}{place}{topic}{trend}{pct}', '{past}{place}{topic}{trend}{pct}'],
  ['{place}{agency}{say}将{act}{topic}', '{place}{agency}{say}將{act}{topic}'],
  ['直击{place}{topic}现场', '直擊{place}{topic}現場'],
];

/** Body sentences; each ends with its own full stop. */
export const sentenceTemplates: readonly Phrase[] = [
  ['{time}，{place}{agency}{say}，将{adv}{act}{topic}，预计{future}完成。', '{time}，{place}{agency}{say}，將{adv}{act}{topic}，預計{future}完成。'],
  ['{org}{role}在记者会上{say}，{topic}的需求{trend}{pct}，情况{judgement}。', '{org}{role}在記者會上{say}，{topic}的需求{trend}{pct}，情況{judgement}。'],
  ['{connector}，{place}已有{count}参与{topic}相关计划。', '{connector}，{place}已有{count}參與{topic}相關計劃。'],
  ['{role}{say}，{topic}牵涉多方利益，必须{adv}沟通，才能取得共识。', '{role}{say}，{topic}牽涉多方利益，必須{adv}溝通，才能取得共識。'],
  ['根据{agency}公布的数据，{past}{place}{topic}规模达到{money}，较去年同期{trend}{pct}。', '根據{agency}公布的數據，{past}{place}{topic}規模達到{money}，較去年同期{trend}{pct}。'],
  ['{org}{act}{topic}后，{people}反应{judgement}，不少人在社交媒体上表达看法。', '{org}{act}{topic}後，{people}反應{judgement}，不少人在社交媒體上表達看法。'],
  ['{connector}，{role}提醒，{topic}仍面临成本上升与人手不足等挑战。', '{connector}，{role}提醒，{topic}仍面臨成本上升與人手不足等挑戰。'],
  ['{place}与{place2}两地将在{future}举行联合会议，讨论{topic}与{topic2}的合作方向。', '{place}與{place2}兩地將在{future}舉行聯合會議，討論{topic}與{topic2}的合作方向。'],
  ['{agency}{say}，目前已投入{money}，{adv}{act}{topic}，首批{count}将于{future}启用。', '{agency}{say}，目前已投入{money}，{adv}{act}{topic}，首批{count}將於{future}啟用。'],
  ['受天气影响，{place}部分地区{time}出现交通延误，{agency}已启动应变机制。', '受天氣影響，{place}部分地區{time}出現交通延誤，{agency}已啟動應變機制。'],
  ['{org}{role}{say}：“我们会{adv}{act}{topic}，希望{future}看到成果。”', '{org}{role}{say}：「我們會{adv}{act}{topic}，希望{future}看到成果。」'],
  ['{people}普遍关心{topic}是否会影响日常生活，{role}则认为影响{judgement}。', '{people}普遍關心{topic}是否會影響日常生活，{role}則認為影響{judgement}。'],
  ['{past}，{place}{topic}的相关投诉共有{number}宗，比前一年{trend}{pct}。', '{past}，{place}{topic}的相關投訴共有{number}宗，比前一年{trend}{pct}。'],
  ['{connector}，{org}与{org2}签署合作备忘录，双方将共同推动{topic}。', '{connector}，{org}與{org2}簽署合作備忘錄，雙方將共同推動{topic}。'],
  ['{role}指出，{topic}涉及{count}，审批流程预计需要{months}个月。', '{role}指出，{topic}涉及{count}，審批流程預計需要{months}個月。'],
  ['市场人士分析，若{topic}进展顺利，{place}经济有望在{future}{outlook}。', '市場人士分析，若{topic}進展順利，{place}經濟有望在{future}{outlook}。'],
  ['{agency}将于{future}召开说明会，向{people}解释{topic}的具体安排。', '{agency}將於{future}召開說明會，向{people}解釋{topic}的具體安排。'],
  ['{place}{people}{time}聚集在市中心，就{topic}表达诉求，现场秩序良好。', '{place}{people}{time}聚集在市中心，就{topic}表達訴求，現場秩序良好。'],
];

/** Currency amounts: `{n}` is replaced by a number. */
export const moneyUnits: readonly Phrase[] = [
  ['{n}亿元', '{n}億元'],
  ['{n}万元', '{n}萬元'],
  ['{n}亿美元', '{n}億美元'],
];

/** The six sections of the benchmark site; two are nested under a parent. */
export const benchSections = [
  { slug: 'news', name: '要聞', position: 0 },
  { slug: 'world', name: '國際', position: 1 },
  { slug: 'finance', name: '財經', position: 2 },
  { slug: 'markets', name: '股市', position: 0, parent: 'finance' },
  { slug: 'tech', name: '科技', position: 3 },
  { slug: 'ai', name: '人工智慧', position: 0, parent: 'tech' },
] as const;

/** Invented reporters: display name and the slug of their author page. */
export const benchAuthors: ReadonlyArray<{ readonly name: string; readonly slug: string }> = [
  ['林志明', 'lin-zhiming'], ['陳雅婷', 'chen-yating'], ['王建國', 'wang-jianguo'], ['張美玲', 'zhang-meiling'],
  ['李文傑', 'li-wenjie'], ['黃淑芬', 'huang-shufen'], ['吳俊宏', 'wu-junhong'], ['劉佳穎', 'liu-jiaying'],
  ['蔡明哲', 'cai-mingzhe'], ['楊思涵', 'yang-sihan'], ['許家豪', 'xu-jiahao'], ['鄭雅文', 'zheng-yawen'],
  ['謝宗翰', 'xie-zonghan'], ['郭芳瑜', 'guo-fangyu'], ['洪偉倫', 'hong-weilun'], ['曾淑惠', 'zeng-shuhui'],
  ['周柏宇', 'zhou-boyu'], ['葉心怡', 'ye-xinyi'], ['羅振華', 'luo-zhenhua'], ['高子晴', 'gao-ziqing'],
].map(([name, slug]) => ({ name: name!, slug: slug! }));

/**
 * Extra tag names beyond topics, places and organisations. Tags are site-wide, so each has one
 * name, in Traditional (the site's default variant).
 */
export const extraTags: readonly string[] = `
  颱風 地震 豪雨 寒流 選舉 公投 奧運 世界盃 馬拉松 通膨 股市 匯率 房價 油價 金價 央行 升息 降息 財報
  併購 上市 裁員 罷工 交通事故 捷運 高鐵 航空 郵輪 觀光 美食 夜市 電影 音樂節 展覽 博物館 古蹟 教育
  大學 考試 留學 少子化 高齡化 醫療 疫情 流感 健康 運動 籃球 棒球 足球 網球 羽毛球 電競 手機 電動車
  自駕車 雲端 資安 詐騙 隱私 區塊鏈 太空 衛星 火箭 氣候變遷 碳排放 再生能源 核能 水資源 缺電 空污
  垃圾分類 動物保護 農業 漁業 糧食 物價 消費券 稅制 預算 外交 國防 移民 勞工 長照 社福 司法 立法
`
  .split(/\s+/)
  .filter(Boolean);
