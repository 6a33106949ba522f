import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startServer, type Running } from '../../src/main.js';
import { xssPayloads } from '../../src/guard/testdata/xss-payloads.js';
import { browserSkipReason, launchBrowser } from './browser.js';

// Every payload of the corpus goes in through the admin API (body, and its text in the plain
// fields that templates render), is published (with an editor's override when the guard flags
// what is left), and its article page is opened in Chromium: no script may run. The editor's
// paste path (POST /api/v1/admin/sanitize) is checked harder: its output is rendered in a page
// with no CSP at all, so the sanitizer alone must keep every payload inert.
const skip = browserSkipReason();

interface Ran {
  dialogs: string[];
  errors: string[];
}

/** Installs listeners that record any alert/confirm/prompt and any page error. */
function watch(page: Page): Ran {
  const ran: Ran = { dialogs: [], errors: [] };
  page.on('dialog', (d) => {
    ran.dialogs.push(d.message());
    void d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => ran.errors.push(e.message));
  return ran;
}

async function flagged(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss !== undefined);
}

describe.skipIf(skip)('the XSS corpus in a real browser', () => {
  let dir: string;
  let server: Running;
  let browser: Browser;
  let token: string;

  const api = async (method: string, path: string, body?: object) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as any };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jd-xss-'));
    server = await startServer(loadConfig({ data: dir, port: '0', 'log-level': 'silent', demo: 'off' }, {}));
    const c = server.container;
    await c.sections.create({ slug: 'world', name: '國際', position: 1 }, new Date().toISOString());
    const editor = await c.users.add({ email: 'editor@example.com', name: '編輯', slug: 'editor', role: 'editor', password: 'correct horse battery' });
    token = (await c.auth.tokens.create({ name: 'xss', role: 'editor' }, undefined, editor.id)).secret;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays inert on every article page, with the public CSP in force', async () => {
    const urls: Array<{ id: string; url: string }> = [];
    for (const p of xssPayloads) {
      const created = await api('POST', '/api/v1/admin/articles', {
        title: `XSS ${p.id} <img src=x onerror=window.__xss=1>`,
        subtitle: p.html.slice(0, 200),
        summary: p.html.slice(0, 300),
        section: 'world',
        bodyHtml: `<p>${p.technique}</p>${p.html}`,
        source: { name: `<script>window.__xss=1</script>`, url: 'https://example.com/source' },
        tags: [`xss-${p.id}`],
      });
      expect(created.status, `${p.id}: ${JSON.stringify(created.json)}`).toBe(201);
      const a = created.json.article;
      let published = await api('POST', `/api/v1/admin/articles/${a.id}/publish`, { version: a.version });
      if (published.status === 409 && published.json.error.code === 'JD_ERR_GUARD_FLAGGED') {
        published = await api('POST', `/api/v1/admin/articles/${a.id}/publish`, { version: a.version, override: true, overrideReason: 'XSS corpus test' });
      }
      expect(published.status, `${p.id}: ${JSON.stringify(published.json)}`).toBe(200);
      urls.push({ id: p.id, url: published.json.article.url });
    }

    const page = await browser.newPage();
    const ran = watch(page);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const fired: string[] = [];
    for (const { id, url } of urls) {
      const before = ran.dialogs.length;
      const res = await page.goto(new URL(new URL(url, server.url).pathname, server.url).href, { waitUntil: 'load' });
      expect(res?.status(), id).toBe(200);
      // Give handlers such as onerror, onfocus, ontoggle and SVG animations a moment to fire.
      await page.waitForTimeout(30);
      if ((await flagged(page)) || ran.dialogs.length > before) fired.push(id);
    }
    expect(fired).toEqual([]);
    expect(ran.dialogs).toEqual([]);
    // The site's own pages never trip their own policy: any violation would be the site's bug
    // or a payload the CSP had to stop, and both deserve a look.
    expect(violations).toEqual([]);
  }, 120_000);

  it('keeps every payload inert through the editor’s paste path, even without a CSP', async () => {
    const page = await browser.newPage();
    const ran = watch(page);
    const fired: string[] = [];
    for (const p of xssPayloads) {
      const res = await api('POST', '/api/v1/admin/sanitize', { html: p.html });
      expect(res.status, p.id).toBe(200);
      const before = ran.dialogs.length;
      await page.setContent(`<!doctype html><html><body><div class="article-body">${res.json.html}</div></body></html>`, { waitUntil: 'load' });
      await page.waitForTimeout(20);
      if ((await flagged(page)) || ran.dialogs.length > before) fired.push(p.id);
    }
    expect(fired).toEqual([]);
  }, 60_000);

  it('proves the harness can see a script run', async () => {
    const page = await browser.newPage();
    const ran = watch(page);
    await page.setContent(`<img src="x" onerror="window.__xss=1;alert(1)">`, { waitUntil: 'load' });
    await page.waitForTimeout(50);
    expect(await flagged(page)).toBe(true);
    expect(ran.dialogs).toEqual(['1']);
  });
});
