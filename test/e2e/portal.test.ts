import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startServer, type Running } from '../../src/main.js';
import { browserSkipReason, launchBrowser } from './browser.js';

// A reader's first visit: npm start on an empty folder, the home page, then an article.
const skip = browserSkipReason();
const SHOTS = 'test-results/screenshots';

describe.skipIf(skip)('the portal in a real browser', () => {
  let dir: string;
  let server: Running;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jd-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer(loadConfig({ data: dir, port: '0', 'log-level': 'silent' }, {}));
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the demo home page and leads to a complete article page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/`);
    expect(await page.locator('header').first().isVisible()).toBe(true);
    expect(await page.title()).toContain('焦點新聞');
    await page.screenshot({ path: `${SHOTS}/home.png`, fullPage: true });

    // The headline block links to an article; follow it as a reader would.
    const firstArticle = page.locator('main a[href$=".html"]').filter({ hasText: /\S/ }).first();
    const title = (await firstArticle.innerText()).trim();
    await firstArticle.click();
    await page.waitForURL(/\.html$/);
    expect((await page.locator('h1').innerText()).trim()).toBe(title);
    const crumbs = await page.locator('nav[aria-label="breadcrumb"] li').allInnerTexts();
    expect(crumbs[0]).toContain('首頁');
    expect(crumbs.at(-1)).toContain('正文');
    for (const heading of ['相關閱讀', '精彩推薦', '相關詞', '推薦閱讀']) {
      await page.getByRole('heading', { name: heading }).waitFor({ state: 'visible' });
    }
    // Images are loaded and have a size: the generated covers are real files.
    const cover = page.locator('figure img').first();
    expect(await cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/article.png`, fullPage: true });

    // A phone-sized screen gets one column, without horizontal scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/article-phone.png`, fullPage: false });
  });

  it('shows the 404 page for an unknown article', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${server.url}/world/987654.html`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('body').innerText()).toMatch(/沒有找到/);
  });
});
