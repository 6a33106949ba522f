/**
 * Every user-facing string of the public pages, in Traditional Chinese. Pages are written in
 * Traditional and converted afterwards for the other script variants (see ARCHITECTURE.md,
 * "script variant"), so one table is enough; keeping them here makes them later i18n keys.
 *
 * Strings that take values are functions so that word order stays in the message, not in
 * the component.
 *
 * @example
 * messages.readingTime(3) // '閱讀時間 3 分鐘'
 */
export const messages = {
  // Chrome
  tagline: '華文新聞與深度報道',
  /** Meta description of a page that has none of its own. */
  siteDescription: (siteName: string) => `${siteName}：華文新聞與深度報道`,
  skipToContent: '跳至主要內容',
  home: '首頁',
  mainNav: '主導覽',
  variantSwitcher: '字體',
  search: '搜尋',
  /** Accessible name of the header's search form, telling it apart from a page's own form. */
  siteSearch: '站內搜尋',
  searchLabel: '搜尋關鍵詞',
  searchPlaceholder: '輸入關鍵詞',
  rss: 'RSS 訂閱',
  footerSections: '欄目',
  fictionalNote: '本站示範文章均為虛構內容。',
  copyright: (siteName: string) => `© ${siteName}`,
  today: '今日',

  // Breadcrumbs and article page
  /** Accessible name of the breadcrumb trail; kept as the conventional landmark label. */
  breadcrumbLabel: 'breadcrumb',
  body: '正文',
  source: '來源',
  author: '作者',
  published: '發佈時間',
  updated: '更新',
  correction: '更正',
  readingTime: (minutes: number) => `閱讀時間 ${minutes} 分鐘`,
  tags: '標簽',
  related: '相關閱讀',
  featured: '精彩推薦',
  relatedWords: '相關詞',
  recommended: '推薦閱讀',
  /** Joins author names and similar short lists. */
  listSeparator: '、',
  labelSeparator: '：',

  // Home
  headline: '頭條',
  slideshow: '幻燈',
  slideN: (n: number, total: number) => `第 ${n} 張，共 ${total} 張`,
  latest: '最新',
  more: '更多',
  moreIn: (section: string) => `更多${section}新聞`,
  popularTags: '熱門標簽',
  tagCount: (n: number) => `${n} 篇`,

  // Listings and pager
  pagination: '分頁',
  prevPage: '上一頁',
  nextPage: '下一頁',
  pageOf: (page: number, pages: number) => `第 ${page} 頁，共 ${pages} 頁`,
  subLinks: '相關欄目',
  emptyListing: '這裡還沒有文章。',
  listingKind: { section: '欄目', tag: '標簽', author: '作者', archive: '歸檔' },

  // Search
  searchTitle: '搜尋',
  searchPrompt: '請輸入想找的內容，例如人名、地名或事件。',
  resultCount: (n: number, q: string) => `找到 ${n} 篇與「${q}」相關的文章`,
  noResults: (q: string) => `沒有找到與「${q}」相關的文章。`,
  searchTipsTitle: '您可以試試：',
  searchTips: ['減少關鍵詞，或改用更常見的說法', '換用另一種字體（繁體或簡體）搜尋', '瀏覽下列欄目：'],
  searchFilters: '篩選',
  filterSection: '欄目',
  filterTag: '標簽',
  filterAuthor: '作者',
  filterFrom: '起始日期',
  filterTo: '結束日期',
  filterAny: '不限',
  sortBy: '排序',
  sortRelevance: '相關度',
  sortDate: '最新發布',
  applyFilters: '套用',
  clearFilter: (label: string) => `移除篩選「${label}」`,
  clearAllFilters: '清除全部篩選',
  relaxedNotice: '沒有完全相符的結果，以下為包含相近詞語的文章。',
  noWordsNotice: '這個查詢沒有可以搜尋的詞語，請換用其他關鍵詞。',
  onlyExclusionsNotice: '查詢只有排除的詞語，請加上想找的關鍵詞。',
  filteredNoResults: '在目前的篩選條件下沒有結果，可以試試移除部分篩選。',

  // Errors
  notFoundTitle: '沒有找到這個頁面',
  badRequestTitle: '無法處理這個請求',
  goneTitle: '這篇文章已經下架',
  goneHint: '編輯部已撤下這篇文章。您可以搜尋相關報道，或看看最新文章。',
  notFoundHint: '頁面可能已被移除或網址有誤。您可以搜尋，或看看最新文章。',
  backHome: '返回首頁',
} as const;

/** The message table's type, for code that passes messages around. */
export type Messages = typeof messages;
