import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startServer, type Running } from '../../src/main.js';
import { axeViolations, brokenImages, horizontalOverflow, watch } from './audit.js';
import { browserSkipReason, launchBrowser } from './browser.js';

// Every kind of public page in every script variant, at desktop and phone widths, checked as a
// reader's browser sees it: no errors, no broken images, no sideways scrolling on a phone, the
// right language and script, and no serious accessibility problem (axe-core). One browser and
// one tab per width keep the 40 page visits within the time a 2-core CI machine allows.
const skip = browserSkipReason();
const SHOTS = 'test-results/screenshots';

const VARIANTS = [
  // UI strings as the site's converter writes them: Simplified uses 搜寻 (not 搜索), as OpenCC does.
  { prefix: 'zh-hans', lang: 'zh-Hans', ui: ['首页', '搜寻'], not: ['首頁', '搜尋'] },
  { prefix: 'zh-hant', lang: 'zh-Hant', ui: ['首頁', '搜尋'], not: ['首页', '搜寻'] },
  { prefix: 'zh-tw', lang: 'zh-TW', ui: ['首頁', '搜尋'], not: ['首页', '搜寻'] },
  { prefix: 'zh-hk', lang: 'zh-HK', ui: ['首頁', '搜尋'], not: ['首页', '搜寻'] },
] as const;
const OG_LOCALE = { 'zh-Hans': 'zh_CN', 'zh-Hant': 'zh_TW', 'zh-TW': 'zh_TW', 'zh-HK': 'zh_HK' } as const;

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** A word in several demo articles, the same in every script, so search has results everywhere. */
const QUERY = '科技';

type Kind = 'home' | 'section' | 'article' | 'tag' | 'search';

/** Unprefixed paths of one page of each kind, taken from the demo's home page. */
async function discoverPaths(base: string): Promise<Record<Kind, string>> {
  const html = await (await fetch(`${base}/`)).text();
  const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  const section = /href="(\/[a-z0-9-]+\/)"/.exec(nav)?.[1];
  const article = /href="(\/[a-z0-9-]+\/\d+[^"]*\.html)"/.exec(main)?.[1];
  const tag = /href="(\/tag\/[^"]+)"/.exec(main)?.[1];
  if (!section || !article || !tag) throw new Error(`demo home page lacks a section, article or tag link: ${[section, article, tag].join(', ')}`);
  return { home: '/', section, article, tag, search: `/search?q=${encodeURIComponent(QUERY)}` };
}

describe.skipIf(skip)('public pages in every variant and width', () => {
  let dir: string;
  let server: Running;
  let browser: Browser;
  let paths: Record<Kind, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jd-e2e-variants-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer(loadConfig({ data: dir, port: '0', 'log-level': 'silent' }, {}));
    [browser, paths] = await Promise.all([launchBrowser(), discoverPaths(server.url)]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each(WIDTHS)('at $name width ($width px)', (size) => {
    let context: BrowserContext;
    let page: Page;
    let events: ReturnType<typeof watch>;

    beforeAll(async () => {
      // axe-core is injected as an inline script, which the site's CSP (rightly) refuses; the CSP
      // itself is proven in xss.test.ts.
      context = await browser.newContext({ viewport: { width: size.width, height: size.height }, bypassCSP: true });
      page = await context.newPage();
      events = watch(page);
    });
    afterAll(async () => {
      await context?.close();
    });

    it.each(VARIANTS)('$prefix: home, section, article, tag and search pages', async (v) => {
      const problems: string[] = [];
      for (const kind of ['home', 'section', 'article', 'tag', 'search'] as const) {
        const url = `${server.url}/${v.prefix}${paths[kind]}`;
        const res = await page.goto(url);
        const found: string[] = res?.status() === 200 ? [] : [`HTTP status ${res?.status()}`];
        found.push(...(await brokenImages(page)));
        if (size.name === 'phone') found.push(...(await horizontalOverflow(page)));
        const lang = await page.evaluate(() => document.documentElement.lang);
        if (lang !== v.lang) found.push(`<html lang="${lang}">, expected ${v.lang}`);
        found.push(...(await axeViolations(page)));
        found.push(...(await pageSpecific(page, kind, v)));
        // Desktop shots show the whole page; a phone shot the first screen, which is what
        // differs there (masthead, switcher, navigation) and what keeps the suite fast.
        await page.screenshot({ path: `${SHOTS}/${v.prefix}-${kind}-${size.width}.png`, fullPage: size.name === 'desktop' });
        found.push(...events.take());
        problems.push(...found.map((p) => `${kind} ${url}: ${p}`));
      }
      expect(problems).toEqual([]);
    }, 60_000);
  });
});

/** What one kind of page must show in this variant, beyond the checks every page gets. */
async function pageSpecific(page: Page, kind: Kind, v: (typeof VARIANTS)[number]): Promise<string[]> {
  const found: string[] = [];
  if (kind === 'home') {
    // The UI table is converted per variant: the navigation and search button are in its script.
    const chrome = `${await page.locator('.site-nav').innerText()} ${await page.locator('.header-search button').innerText()}`;
    for (const s of v.ui) if (!chrome.includes(s)) found.push(`UI string ${s} missing`);
    for (const s of v.not) if (chrome.includes(s)) found.push(`UI string ${s} from the other script`);
  }
  if (kind === 'search' && (await page.locator('.page-search .card').count()) === 0) found.push(`no results for ${QUERY}`);
  if (kind === 'article') {
    const meta = await page.evaluate(() => ({
      ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent ?? '') as { '@type': string; inLanguage?: string }),
      locale: document.querySelector('meta[property="og:locale"]')?.getAttribute('content'),
    }));
    const types = meta.ld.map((d) => d['@type']);
    if (types.join() !== 'NewsArticle,BreadcrumbList') found.push(`JSON-LD types ${types.join()}`);
    if (meta.ld[0]?.inLanguage !== v.lang) found.push(`JSON-LD inLanguage ${meta.ld[0]?.inLanguage}`);
    if (meta.locale !== OG_LOCALE[v.lang]) found.push(`og:locale ${meta.locale}`);
  }
  return found;
}
