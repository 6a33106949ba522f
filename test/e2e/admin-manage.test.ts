import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startServer, type Running } from '../../src/main.js';
import { browserSkipReason, launchBrowser } from './browser.js';

// The management screens in a real browser over the demo newsroom: an admin opens each one,
// uploads an image (after a refused text file), creates a section and a tag, renames the tag
// (its old URL then redirects), creates a token (its secret shown once) and tries the
// dictionary preview. Each screen is saved as an artefact, and one at tablet width.
const skip = browserSkipReason();
const SHOTS = 'test-results/screenshots';
const PASSWORD = 'correct horse battery';

describe.skipIf(skip)('the management screens in a real browser', () => {
  let dir: string;
  let server: Running;
  let browser: Browser;
  let page: Page;
  let image: string;
  let notImage: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jd-manage-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer(loadConfig({ data: dir, port: '0', 'log-level': 'silent', 'media-avif': 'off', demo: 'auto' }, {}));
    await server.container.users.add({ email: 'boss@example.com', name: '陳總編', role: 'admin', password: PASSWORD });
    image = join(dir, 'skyline.png');
    await sharp({ create: { width: 800, height: 500, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toFile(image);
    notImage = join(dir, 'notes.txt');
    writeFileSync(notImage, 'not an image');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
    page.on('response', (r) => r.status() >= 400 && !r.url().includes('/api/v1/auth/login') && errors.push(`${r.status()} ${r.url()}`));
    // Confirmations (delete, rotate) are accepted: the test checks what follows.
    page.on('dialog', (d) => void d.accept());
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/admin-${name}.png`, fullPage: true });

  it('signs in and works through every management screen', async () => {
    await page.goto(`${server.url}/admin/media`);
    await page.waitForURL(/\/admin\/login\?next=/);
    await page.getByLabel('電子郵件', { exact: true }).fill('boss@example.com');
    await page.getByLabel('密碼', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登入' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/media');

    // 媒體庫: a text file is refused beside the drop zone; an image uploads and appears.
    const before = await page.locator('.media-card').count();
    await page.locator('#media-file').setInputFiles(notImage);
    await expect.poll(() => page.locator('#media-drop-message').innerText()).toContain('不是可上傳的圖片');
    await page.locator('#media-file').setInputFiles(image);
    await page.waitForURL(/flash=/, { timeout: 20_000 }).catch(() => undefined);
    await expect.poll(() => page.locator('.media-card').count(), { timeout: 20_000 }).toBeGreaterThan(before === 30 ? 29 : before);
    const first = page.locator('.media-card').first();
    await first.getByLabel('圖說').fill('夕陽下的城市天際線');
    await first.getByRole('button', { name: '儲存' }).click();
    await expect.poll(async () => page.locator('.media-card').first().getByLabel('圖說').inputValue(), { timeout: 10_000 }).toBe('夕陽下的城市天際線');
    await page.locator('.media-card').first().getByRole('button', { name: '用途' }).click();
    await expect.poll(() => page.locator('.media-card').first().locator('[aria-live]').innerText()).toContain('沒有文章使用');
    await shot('media');

    // 欄目: create a section under the top level.
    await page.goto(`${server.url}/admin/sections`);
    await page.locator('#new-sec-name').fill('測試欄目');
    await page.locator('#new-sec-slug').fill('test-section');
    await page.locator('#section-create').getByRole('button', { name: '新增欄目' }).click();
    await expect.poll(() => page.locator('input[value="測試欄目"]').count(), { timeout: 10_000 }).toBe(1);
    await shot('sections');

    // 標籤: create a tag, rename its slug; the old URL redirects to the new one.
    await page.goto(`${server.url}/admin/tags`);
    await page.locator('#new-tag-name').fill('測試標籤');
    await page.locator('#new-tag-slug').fill('test-tag');
    await Promise.all([page.waitForURL(/flash=/), page.locator('#tag-create').getByRole('button', { name: '新增標籤' }).click()]);
    await page.goto(`${server.url}/admin/tags?q=測試`);
    const row = page.locator('tr', { has: page.locator('input[value="test-tag"]') });
    await row.locator('input[name="name"]').fill('改名標籤');
    await row.locator('input[name="slug"]').fill('renamed-tag');
    await Promise.all([page.waitForURL(/flash=/), row.getByRole('button', { name: '更名' }).click()]);
    await page.goto(`${server.url}/admin/tags?q=改名`);
    expect(await page.locator('input[value="renamed-tag"]').count()).toBe(1);
    await expect.poll(() => page.getByText('test-tag').count()).toBeGreaterThan(0);
    await page.goto(`${server.url}/admin/tags`);
    await page.locator('#tag-merge').waitFor();
    await shot('tags');
    const moved = await fetch(`${server.url}/tag/test-tag`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/tag/renamed-tag');

    // 用戶, 令牌 (the secret shows once), Webhooks.
    await page.goto(`${server.url}/admin/users`);
    await page.locator('#new-user-email').fill('reporter@example.com');
    await page.locator('#new-user-name').fill('林記者');
    await page.locator('#new-user-role').selectOption('author');
    await Promise.all([page.waitForURL(/flash=/), page.locator('#user-create').getByRole('button', { name: '新增用戶' }).click()]);
    await page.locator('table.list', { hasText: 'reporter@example.com' }).waitFor();
    await shot('users');
    await page.goto(`${server.url}/admin/tokens`);
    await page.locator('#new-token-name').fill('通訊社匯入');
    await page.locator('#token-create').getByRole('button', { name: '建立令牌' }).click();
    await expect.poll(() => page.locator('#token-create .secret-value').innerText(), { timeout: 10_000 }).toMatch(/\S{20,}/);
    await shot('tokens');
    await page.goto(`${server.url}/admin/webhooks`);
    await page.locator('#new-hook-url').fill('https://example.com/hooks/jiaodian');
    await page.locator('#webhook-create').getByRole('button', { name: '新增 Webhook' }).click();
    await expect.poll(() => page.locator('#webhook-create .secret-value').innerText(), { timeout: 10_000 }).toMatch(/\S{16,}/);
    await shot('webhooks');
    await page.goto(`${server.url}/admin/webhooks`);
    await page.getByRole('link', { name: '投遞紀錄' }).first().click();
    await page.getByText('還沒有投遞').waitFor();

    // 網站設定: the preview converts as the dictionary says.
    await page.goto(`${server.url}/admin/settings`);
    await page.locator('#preview-text').fill('软件和网络');
    await expect.poll(() => page.locator('#preview-out [data-variant="zh-TW"]').innerText(), { timeout: 10_000 }).toBe('軟體和網路');
    // Saving sends only what changed; the public site shows it at once; 恢復預設 undoes it.
    await page.locator('#set-siteName').fill('焦點晚報');
    await Promise.all([page.waitForURL(/flash=/), page.locator('#settings-form').getByRole('button', { name: '儲存設定' }).click()]);
    expect((await server.container.settings.view()).fields.filter((f) => f.overridden).map((f) => f.key)).toEqual(['siteName']);
    expect(await (await fetch(`${server.url}/`)).text()).toContain('焦點晚報');
    await shot('settings');
    await Promise.all([page.waitForURL(/flash=/), page.locator('#settings-form').getByRole('button', { name: '恢復預設' }).click()]);
    expect(await (await fetch(`${server.url}/`)).text()).not.toContain('焦點晚報');

    // 審計日誌 lists what was just done.
    await page.goto(`${server.url}/admin/audit`);
    await page.locator('table.list td', { hasText: 'boss@example.com' }).first().waitFor();
    await shot('audit');

    // Tablet width: the screens fold to one column and stay usable.
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const screen of ['media', 'sections', 'tags', 'users', 'tokens', 'webhooks', 'settings', 'audit']) {
      await page.goto(`${server.url}/admin/${screen}`);
      if (screen === 'sections' || screen === 'settings') await page.screenshot({ path: `${SHOTS}/admin-${screen}-tablet.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, screen).toBeLessThanOrEqual(1);
    }

    expect(errors.filter((e) => !e.includes('notes.txt'))).toEqual([]);
  }, 120_000);
});
