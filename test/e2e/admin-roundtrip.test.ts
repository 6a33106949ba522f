import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generate } from 'otplib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startServer, type Running } from '../../src/main.js';
import { axeViolations, horizontalOverflow } from './audit.js';
import { browserSkipReason, launchBrowser } from './browser.js';

// The newsroom round trip in a real browser: a contributor writes and submits an article with
// a heading and an uploaded, captioned image; an editor reviews and publishes it; readers then
// find it on the home page, its section page and in search. Screens are saved as artefacts.
const skip = browserSkipReason();
const SHOTS = 'test-results/screenshots';
const PASSWORD = 'correct horse battery';
const TITLE = '港口自動化碼頭今日啟用測試報道';

describe.skipIf(skip)('the newsroom in a real browser', () => {
  let dir: string;
  let server: Running;
  let browser: Browser;
  let image: string;
  let notImage: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jd-admin-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer(loadConfig({ data: dir, port: '0', 'log-level': 'silent', 'media-avif': 'off' }, {}));
    for (const role of ['contributor', 'editor'] as const) await server.container.users.add({ email: `${role}@example.com`, name: role === 'editor' ? '王編輯' : '李投稿', role, password: PASSWORD });
    image = join(dir, 'harbour.png');
    await sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 30, g: 110, b: 170 } } }).png().toFile(image);
    notImage = join(dir, 'notes.txt');
    writeFileSync(notImage, 'not an image');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(page: Page, who: 'contributor' | 'editor', to: string): Promise<void> {
    await page.goto(`${server.url}${to}`);
    await page.waitForURL(/\/admin\/login\?next=/);
    await page.getByLabel('電子郵件', { exact: true }).fill(`${who}@example.com`);
    await page.getByLabel('密碼', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登入' }).click();
    await page.waitForURL((u) => u.pathname === to);
  }

  it('takes an article from a contributor through review to the public site', async () => {
    const errors: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
    // The deliberate wrong-type upload never reaches the server; any other failed request is a fault.
    // (401 after the cookies are cleared and the 409 of the conflict are part of the story.)
    page.on('response', (r) => r.status() >= 400 && ![401, 409].includes(r.status()) && errors.push(`${r.status()} ${r.url()}`));
    await page.goto(`${server.url}/admin/login`);
    await page.screenshot({ path: `${SHOTS}/admin-login.png` });

    // The contributor writes: title, a sub-heading, a paragraph and a captioned image.
    await signIn(page, 'contributor', '/admin/articles/new');
    await page.getByLabel('標題', { exact: true }).fill(TITLE);
    await page.getByLabel('摘要', { exact: true }).fill('自動化碼頭啟用，裝卸效率提升。');
    const body = page.locator('.ProseMirror');
    await body.click();
    await page.getByRole('button', { name: '標題 2' }).click();
    await page.keyboard.type('現場直擊');
    await page.keyboard.press('Enter');
    await page.keyboard.type('新碼頭的吊機由中控室遙控，全日運作。');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '圖片' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#media-file').setInputFiles(notImage);
    await expect.poll(() => dialog.locator('#media-error').innerText()).toContain('不是可用的圖片');
    await dialog.locator('#media-file').setInputFiles(image);
    await dialog.getByRole('button', { name: '插入' }).waitFor({ state: 'visible' });
    await expect.poll(() => dialog.getByRole('button', { name: '插入' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await dialog.getByLabel('圖說', { exact: true }).fill('自動化碼頭的遙控吊機');
    await dialog.getByLabel('圖片來源', { exact: true }).fill('焦點圖庫');
    await dialog.getByRole('button', { name: '插入' }).click();
    await expect.poll(() => body.locator('figure img').count()).toBe(1);
    expect(await body.locator('h2').innerText()).toBe('現場直擊');
    await expect.poll(() => page.locator('#save-state').innerText(), { timeout: 15_000 }).toBe('已保存');
    expect(page.url()).toMatch(/\/admin\/articles\/\d+$/);
    const id = Number(page.url().split('/').pop());
    await page.screenshot({ path: `${SHOTS}/admin-editor.png`, fullPage: true });

    // Pasted HTML comes through the sanitizing policy: the text stays, the script does not.
    await body.locator('p').last().click();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/html', '<p style="color:red" onclick="alert(1)">貼上的段落<script>alert(1)</script></p>');
      document.querySelector('.ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => body.innerText()).toContain('貼上的段落');
    expect(await body.innerHTML()).toContain('<p>貼上的段落</p>');
    expect(await body.innerHTML()).not.toMatch(/<script|alert/);

    // The session expires while writing: a sign-in dialog appears, and the text is saved after it.
    await expect.poll(() => page.locator('#save-state').innerText(), { timeout: 15_000 }).toBe('已保存');
    await page.context().clearCookies();
    await body.locator('p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type('會話過期後補寫的一句。');
    const reauth = page.getByRole('dialog');
    await reauth.getByLabel('密碼', { exact: true }).fill(PASSWORD);
    await reauth.getByRole('button', { name: '登入' }).click();
    await expect.poll(() => page.locator('#save-state').innerText(), { timeout: 15_000 }).toBe('已保存');
    expect((await server.container.newsroom.admin.get(id)).article.bodyHtml).toContain('會話過期後補寫的一句。');

    // Someone else saves meanwhile: the conflict is a choice, and keeping mine loses nothing.
    const stored = (await server.container.newsroom.admin.get(id)).article;
    await server.container.newsroom.admin.patch(id, stored.version, { subtitle: '別人改的副標題' }, { userId: stored.authors.length ? (await server.container.users.byEmail('editor@example.com')).id : 0, role: 'editor', via: 'session' });
    await page.getByLabel('副標題', { exact: true }).fill('我的副標題');
    const conflict = page.getByRole('dialog');
    await conflict.getByText('有人同時修改了這篇文章').waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-conflict.png` });
    await conflict.getByRole('button', { name: '保留我的版本' }).click();
    await expect.poll(() => page.locator('#save-state').innerText(), { timeout: 15_000 }).toBe('已保存');
    const merged = (await server.container.newsroom.admin.get(id)).article;
    expect(merged.subtitle).toBe('我的副標題');
    expect(merged.authors.map((a) => a.slug)).toEqual(['contributor']);
    expect(merged.bodyHtml).toContain('會話過期後補寫的一句。');
    // Usable at tablet width: nothing scrolls sideways.
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/admin-editor-tablet.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: '提交審稿' }).click();
    await expect.poll(() => page.locator('#status-text').innerText()).toContain('待審');
    await page.goto(`${server.url}/admin/profile`);
    await page.screenshot({ path: `${SHOTS}/admin-profile.png`, fullPage: true });
    await page.getByRole('button', { name: '登出' }).click();
    await page.waitForURL(/\/admin\/login\?out=1/);

    // The editor reviews it from the list, looks at the history and publishes.
    await signIn(page, 'editor', '/admin/articles');
    await page.getByLabel('狀態', { exact: true }).selectOption('in_review');
    await page.getByRole('button', { name: '篩選', exact: true }).click();
    await page.getByRole('link', { name: TITLE }).waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-articles.png`, fullPage: true });
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(`**/admin/articles/${id}`);
    await page.getByRole('button', { name: '修訂記錄' }).click();
    await page.locator('#history-list li').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-review.png`, fullPage: true });
    // Side-by-side diff of the first revision against the current text.
    await page.locator('#history-list li').last().getByRole('button', { name: '與目前版本比較' }).click();
    const diff = page.getByRole('dialog');
    await diff.locator('.diff ins').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-diff.png` });
    await diff.getByRole('button', { name: '關閉' }).click();
    await page.getByRole('button', { name: '通過並發佈' }).click();
    await expect.poll(() => page.locator('#status-text').innerText()).toContain('已發佈');
    await page.goto(`${server.url}/admin/articles/${id}/preview?variant=zh-Hans`);
    expect(await page.locator('h1').innerText()).toBe('港口自动化码头今日启用测试报道');
    await page.screenshot({ path: `${SHOTS}/admin-preview-zh-Hans.png` });
    expect(errors).toEqual([]);

    // Readers see it on the home page, its section page and in search.
    const article = (await server.container.newsroom.admin.get(id)).article;
    expect(article.bodyHtml).toMatch(/<h2>現場直擊<\/h2>/);
    expect(article.bodyHtml).toMatch(/<figure><img src="\/media\/[^"]+"[^>]*><figcaption>自動化碼頭的遙控吊機/);
    const reader = await browser.newPage();
    // (Polled: caches are dropped by the publish event, which need not beat the next request.)
    const pageText = (path: string) => async () => {
      await reader.goto(`${server.url}${path}`);
      return reader.locator('main').innerText();
    };
    await expect.poll(pageText('/'), { timeout: 10_000 }).toContain(TITLE);
    await expect.poll(pageText(`/${article.section.slug}/`), { timeout: 10_000 }).toContain(TITLE);

    // A bulk move to another section from the list; the reader's section page follows.
    await page.goto(`${server.url}/admin/articles`);
    await page.getByRole('checkbox', { name: TITLE }).check();
    await page.getByLabel('選擇操作').selectOption('move');
    const target = await page.locator('#bulk-section option').evaluateAll((os, from) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v !== from)!, article.section.slug);
    await page.locator('#bulk-section').selectOption(target);
    await page.getByRole('button', { name: '執行' }).click();
    await expect.poll(async () => (await server.container.newsroom.admin.get(id)).article.section.slug, { timeout: 10_000 }).toBe(target);
    await expect.poll(pageText(`/${target}/`), { timeout: 10_000 }).toContain(TITLE);
    await expect.poll(pageText(`/search?q=${encodeURIComponent('自動化碼頭')}`), { timeout: 15_000 }).toContain(TITLE);
  });

  it('keeps the core screens accessible (axe-core) within a tablet\'s width, and the profile works', async () => {
    // axe-core is injected as an inline script, which the admin's CSP rightly refuses.
    const page = await browser.newPage({ viewport: { width: 768, height: 1024 }, bypassCSP: true });
    const problems: string[] = [];
    const check = async (label: string) => {
      for (const p of [...(await axeViolations(page)), ...(await horizontalOverflow(page))]) problems.push(`${label}: ${p}`);
    };
    await page.goto(`${server.url}/admin/login`);
    await check('login');
    await signIn(page, 'editor', '/admin/articles');
    await check('articles');
    const first = page.locator('#article-table tbody a').first();
    await first.click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    await page.locator('.ProseMirror').waitFor();
    await check('editor');
    await page.goto(`${server.url}/admin/articles/new`);
    await page.locator('.ProseMirror').waitFor();
    await check('new article');
    // Keyboard: the toolbar is one tab stop between the summary and the text, arrows inside it.
    await page.locator('#f-summary').focus();
    const focused = () => page.evaluate(() => (document.activeElement?.classList.contains('ProseMirror') ? 'body' : (document.activeElement?.textContent ?? '')));
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('標題 2');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('標題 3');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('body');
    await page.goto(`${server.url}/admin/profile`);
    await check('profile');
    expect(problems).toEqual([]);

    // Own profile: a new name, then two-factor set up with the secret shown on the page.
    await page.getByLabel('名稱', { exact: true }).fill('王大編輯');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await server.container.users.byEmail('editor@example.com')).name).toBe('王大編輯');
    await page.getByRole('button', { name: '設定兩步驗證' }).click();
    await expect.poll(() => page.locator('#twofa-secret').innerText()).not.toBe('');
    const secret = (await page.locator('#twofa-secret').innerText()).replace(/\s/g, '');
    expect(await page.locator('#twofa-uri').innerText()).toMatch(/^otpauth:\/\/totp\//);
    // The QR code is drawn on the server as SVG (src/admin/totp-qr.ts), labelled for screen readers.
    expect(await page.locator('#twofa-qr svg[role="img"]').count()).toBe(1);
    expect((await page.locator('#twofa-qr svg').boundingBox())?.width).toBeGreaterThan(100);
    await check('profile-2fa');
    expect(problems).toEqual([]);
    await page.getByLabel('驗證碼', { exact: true }).fill(await generate({ secret }));
    await page.getByRole('button', { name: '啟用' }).click();
    await page.getByText('兩步驗證已啟用。').first().waitFor();
    expect((await server.container.users.byEmail('editor@example.com')).totp_secret).not.toBeNull();
  });
});
