import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import type { TestDialect } from '../db/dialects.testkit.js';

/** The instant the search fixtures call "now". */
export const NOW = Date.parse('2026-11-01T00:00:00Z');
/** An ISO time `hours` before NOW. */
export const hoursAgo = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();

/** Articles of the search fixture, by key: what the conformance and bad-input suites search. */
export const FIXTURE = {
  magazine: {
    title: '文學雜誌《燈塔》復刊',
    section: 'culture',
    lang: 'zh-Hant',
    tags: ['雜誌', '出版'],
    authors: ['lin'],
    summary: '停刊十二年的文學雜誌重新出版。',
    bodyHtml: '<p>停刊十二年後，文學雜誌《燈塔》在上海復刊。</p><p>主編表示，這本雜誌會繼續刊登新人作品，並推出紙本與網上版本。</p>',
    hours: 10,
  },
  publisher: {
    title: '杂志社推出数字订阅',
    section: 'culture',
    lang: 'zh-Hans',
    tags: ['杂志'],
    authors: ['zhou'],
    summary: '老牌杂志社转型。',
    bodyHtml: '<p>这家杂志社宣布推出数字订阅服务，读者可以在手机上阅读全部内容。</p>',
    hours: 50,
  },
  summit: {
    title: '亞太峰會閉幕 貿易協定簽署',
    section: 'asia',
    lang: 'zh-Hant',
    tags: ['貿易'],
    authors: ['zhou'],
    summary: '',
    bodyHtml: '<p>峰會閉幕時，各國同意擴大綠色債券市場，並簽署新的貿易協定。</p>',
    hours: 5,
  },
  typhoon: {
    title: '颱風逼近 氣象局發布海上警報',
    section: 'world',
    lang: 'zh-Hant',
    tags: ['天氣'],
    authors: [],
    summary: '',
    bodyHtml: '<p>強烈颱風今晚逼近，氣象局發布海上颱風警報，提醒漁船回港。</p>',
    hours: 2,
  },
  harvest: {
    title: '台风过后 农产品价格上涨',
    section: 'world',
    lang: 'zh-Hans',
    tags: ['天气', '农业'],
    authors: ['lin'],
    summary: '',
    bodyHtml: '<p>台风过后，蔬菜和水果价格明显上涨，警报解除后运输逐步恢复。</p>',
    hours: 200,
  },
  chips: {
    title: '晶片出口創新高',
    section: 'tech',
    lang: 'zh-Hant',
    tags: ['晶片'],
    authors: ['lin'],
    summary: '',
    bodyHtml: '<p>晶片出口連續三個月成長。債券市場方面，綠色轉型仍是焦點。遊客湧入欣悅湖畔。</p>',
    hours: 30,
  },
  gridTitle: {
    title: '電網升級計劃啟動',
    section: 'tech',
    lang: 'zh-Hant',
    tags: ['能源'],
    authors: [],
    summary: '',
    bodyHtml: '<p>新的計劃將在三年內完成。</p>',
    hours: 400,
  },
  gridBody: {
    title: '城市交通新措施',
    section: 'tech',
    lang: 'zh-Hant',
    tags: ['交通'],
    authors: [],
    summary: '',
    bodyHtml: '<p>交通部門表示，新措施與電網無關，將於下月實施。</p>',
    hours: 1,
  },
} as const;

export type FixtureKey = keyof typeof FIXTURE;

/** A container over a fresh database of `dialect` with the fixture's sections, authors and articles. */
export async function searchFixture(dialect: TestDialect): Promise<{ c: Container; ids: Record<FixtureKey, number>; keyOf: (id: number) => string }> {
  const db = await dialect.open();
  let clock = NOW;
  const c = await createContainer(testConfig({ data: `/tmp/jd-search-${dialect.name}-${process.pid}`, timezone: 'Asia/Taipei' }), { db, now: () => new Date(clock) });
  const at = new Date(NOW).toISOString();
  await c.sections.create({ slug: 'world', name: '國際', position: 1 }, at);
  await c.sections.create({ slug: 'asia', name: '亞太', parent: 'world', position: 1 }, at);
  await c.sections.create({ slug: 'tech', name: '科技', position: 2 }, at);
  await c.sections.create({ slug: 'culture', name: '文化', position: 3 }, at);
  await c.users.add({ name: '林雨涵', slug: 'lin', role: 'author' });
  await c.users.add({ name: '周明軒', slug: 'zhou', role: 'author' });
  const ids = {} as Record<FixtureKey, number>;
  for (const [key, a] of Object.entries(FIXTURE) as Array<[FixtureKey, (typeof FIXTURE)[FixtureKey]]>) {
    clock += 1000;
    const { hours, ...fields } = a;
    const saved = await c.articles.create({ ...fields, tags: [...fields.tags], authors: [...fields.authors], status: 'published', publishedAt: hoursAgo(hours) });
    ids[key] = saved.id;
  }
  const names = new Map(Object.entries(ids).map(([k, id]) => [id, k]));
  return { c, ids, keyOf: (id) => names.get(id) ?? `#${id}` };
}
