import type * as MozillaReadability from '@mozilla/readability';
import type * as Linkedom from 'linkedom';
import { AppError } from '../errors/index.js';
import { stripFlagged, type IntegrityOptions } from '../guard/integrity.js';
import { parseLooseDate } from './dates.js';
import { plainText } from './feed.js';
import type { ItemAuthor, SourceItem } from './item.js';
import { ingestMessages } from './messages.js';
import { absolutizeUrls } from './urls.js';
import { lazyRequire } from '../lazy.js';

// Required on the first page import, not at start (the ingest routes load with the server).
const linkedom = lazyRequire<typeof Linkedom>('linkedom');
const readability = lazyRequire<typeof MozillaReadability>('@mozilla/readability');

/** A page's article, with what the guard stripped before extraction in `removedBefore`. */
export type ExtractedPage = SourceItem;

// Page furniture that is never article text: removed before the guard and Readability look.
const CHROME_TAGS = 'script, style, noscript, iframe, object, embed, template, nav, header, footer, aside, form, button, select, textarea, input, link, meta';
const CHROME_WORDS = /(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|share|sharing|social|bdshare|comments?|reply|footer|tags?|keywords|copyright|related|recommend|tuijian|xiangguan|sidebar|topbar|ad|ads|advert|banner|login|subscribe|pager|pagination)(?:$|[-_\s\d])/i;
const SITE_WORDS = /(?:網|网|報|报|新聞|新闻|日報|日报|時報|时报|週刊|周刊|電視|电视|頻道|频道|门户|門戶|News|Times|Daily|Post|Online|\.com|\.cn|\.tw|\.hk)/i;

/**
 * Extracts the article of one HTML page (Readability over linkedom): the title without the
 * site's suffix (`… | 某某新聞網`, `… - XX日報`, `…_新浪网`), the publish time (meta
 * `article:published_time`, `<time>`, or a Chinese date in the text such as 2024年5月3日 10:20),
 * the source (來源：…) and authors (作者 / 記者 / 编辑), tags (keywords meta, tag links) and the
 * body with its sub-headings and captioned figures. Navigation, share bars, comments,
 * footers and related-link boxes are removed first; then the integrity guard strips injected
 * spam (hidden blocks, link farms), reported in `removedBefore`, by the site's integrity
 * options when given (`siteIntegrityOptions`).
 *
 * @example
 * extractPage(html, 'https://news.example.cn/2024/05/03/a.html').title // '某市新建三座公園'
 */
export function extractPage(html: string, url: string, integrity?: IntegrityOptions): ExtractedPage {
  const { parseHTML } = linkedom();
  const { Readability } = readability();
  const { document } = parseHTML(html);
  const meta = (sel: string) => (document.querySelector(sel)?.getAttribute('content') ?? '').trim();
  const siteName = meta('meta[property="og:site_name"]') || meta('meta[name="application-name"]');
  const h1 = (document.querySelector('h1')?.textContent ?? '').trim();
  const title = cleanTitle(meta('meta[property="og:title"]') || (document.querySelector('title')?.textContent ?? '').trim() || h1, h1, siteName);
  const tags = [
    ...meta('meta[name="keywords"]').split(/[,，、;；]/),
    ...meta('meta[name="news_keywords"]').split(/[,，、;；]/),
    ...Array.from(document.querySelectorAll('a[rel~="tag"], .tags a, .tag a, .keywords a, [class*="tag-list"] a')).map((a) => a.textContent ?? ''),
  ]
    .map((t) => t.trim())
    .filter((t, i, all) => t && t.length <= 30 && all.indexOf(t) === i)
    .slice(0, 15);
  const bodyText = document.body?.textContent ?? '';
  const timeEl = document.querySelector('time[datetime]');
  const publishedAt =
    parseLooseDate(meta('meta[property="article:published_time"]')) ??
    parseLooseDate(meta('meta[name="pubdate"]') || meta('meta[name="publishdate"]') || meta('meta[itemprop="datePublished"]')) ??
    parseLooseDate(timeEl?.getAttribute('datetime') ?? '') ??
    parseLooseDate(/\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*\d{1,2}[:：]\d{2})?|\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?/.exec(bodyText)?.[0]);
  const sourceName = /(?:來源|来源|出處|出处)\s*[:：]\s*([^\s|｜/，,　]{2,30})/.exec(bodyText)?.[1] ?? '';
  const authors = authorsIn(bodyText, meta('meta[name="author"]'));
  const summary = meta('meta[name="description"]') || meta('meta[property="og:description"]');
  const imageUrl = meta('meta[property="og:image"]') || undefined;

  // Furniture out, then the guard over what is left, then Readability over the clean page.
  for (const el of Array.from(document.querySelectorAll(CHROME_TAGS))) el.remove();
  for (const el of Array.from(document.querySelectorAll('[class], [id], [role]'))) {
    if (!el.isConnected || el === document.body) continue;
    const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    const role = el.getAttribute('role') ?? '';
    if (CHROME_WORDS.test(words) || role === 'navigation' || role === 'contentinfo' || role === 'complementary') el.remove();
  }
  const guarded = stripFlagged(document.body?.innerHTML ?? '', integrity);
  const clean = parseHTML(`<!doctype html><html><head><title>${escapeText(title)}</title></head><body>${guarded.html}</body></html>`).document;
  const article = new Readability(clean as unknown as Document, { keepClasses: false, charThreshold: 100 }).parse();
  const body = absolutizeUrls(article?.content ?? '', url);
  const item: ExtractedPage = {
    guid: url || `page:${title}`,
    title,
    bodyHtml: dropMetaLines(body, title),
    summary,
    publishedAt,
    authors,
    tags,
    categories: [],
    source: { name: sourceName || siteName, url },
    imageUrl,
    removedBefore: guarded.removed,
  };
  if (!title) throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'html', reason: ingestMessages.noTitle });
  if (!article || !plainText(item.bodyHtml)) throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'html', reason: ingestMessages.noArticle });
  return item;
}

/** The title without the site's name after a separator. */
export function cleanTitle(raw: string, h1: string, siteName: string): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  if (h1 && title.startsWith(h1) && h1.length >= 4) return h1;
  const parts = title.split(/\s*[|｜_]\s*|\s+[-–—]\s+|\s*——\s*/).filter(Boolean);
  while (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    if ((siteName && (last.includes(siteName) || siteName.includes(last))) || SITE_WORDS.test(last) || last.length <= 6) parts.pop();
    else break;
  }
  return parts.join(' - ').trim();
}

function authorsIn(text: string, metaAuthor: string): ItemAuthor[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:作者|記者|记者|編輯|编辑|責任編輯|责任编辑|撰文|文)\s*[:：]?\s*([\u4e00-\u9fff·]{2,4})(?=[\s|｜/／，,、　)）]|$)/g)) names.add(m[1]!);
  for (const n of metaAuthor.split(/[,，、;；]/)) if (n.trim()) names.add(n.trim());
  return [...names].slice(0, 5).map((name) => ({ name }));
}

/** Readability keeps the byline/date line above the text; the article shows those fields itself. */
function dropMetaLines(html: string, title: string): string {
  const heading = new RegExp(`<h[1-3][^>]*>\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*</h[1-3]>`);
  return html
    .replace(heading, '').replace(/<p>[^<]{0,80}(?:來源|来源)\s*[:：][^<]{0,80}<\/p>/g, '').replace(/<(div|p|span)[^>]*>\s*<\/\1>/g, '');
}

function escapeText(t: string): string {
  return t.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}
