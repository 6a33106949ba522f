import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeBody } from './sanitize.js';

describe('sanitizeBody', () => {
  it('keeps the structure of a news article', () => {
    const html =
      '<h2>小標題</h2><p>正文<strong>重點</strong></p><figure><img src="/media/a.svg" alt="圖" /><figcaption>圖說</figcaption></figure>';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('drops scripts, styles, frames and event handlers with their content', () => {
    const out = sanitizeBody(
      '<p onclick="steal()">新聞<script>alert(1)</script><style>.x{}</style><iframe src="https://evil.example"></iframe></p>',
    );
    expect(out).toBe('<p>新聞</p>');
  });

  it('removes inline styles used to hide link farms', () => {
    const out = sanitizeBody('<div style="display:none"><a href="https://casino.example">博彩</a></div><p>正文</p>');
    expect(out).not.toContain('style');
    expect(out).not.toContain('display');
  });

  it('rejects javascript: and data: URLs', () => {
    expect(sanitizeBody('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeBody('<img src="data:image/png;base64,AAAA">')).toBe('<img />');
  });

  it('turns h1 into h2 and makes new-window links safe', () => {
    expect(sanitizeBody('<h1>題</h1>')).toBe('<h2>題</h2>');
    expect(sanitizeBody('<a href="https://example.com" target="_blank">連結</a>')).toBe(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">連結</a>',
    );
  });
});

describe('htmlToText', () => {
  it('returns the text with entities decoded and blocks on separate lines', () => {
    expect(htmlToText('<p>甲&amp;乙</p><p>丙</p>')).toBe('甲&乙\n丙');
  });
});

describe('the one sanitizing policy', () => {
  it('is the only user of sanitize-html in src/: editor, API and importers all go through it', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const root = new URL('../', import.meta.url).pathname;
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    const users: string[] = [];
    for (const e of entries) {
      if (!e.isFile() || !/\.tsx?$/.test(e.name) || /\.test\.tsx?$/.test(e.name)) continue;
      const path = join(e.parentPath, e.name);
      if (/from ['"]sanitize-html['"]/.test(await readFile(path, 'utf8'))) users.push(path.slice(root.length));
    }
    expect(users).toEqual(['guard/sanitize.ts']);
  });
});

describe('sanitizeBody on the corpora', () => {
  it('is idempotent, so `jiaodian audit --db` can tell a stored body that went around it', async () => {
    const { xssPayloads } = await import('./testdata/xss-payloads.js');
    const { spamBodies } = await import('./testdata/spam-bodies.js');
    const { cleanArticles } = await import('./testdata/clean-articles.js');
    const drifting = [...xssPayloads, ...spamBodies, ...cleanArticles].filter((b) => sanitizeBody(sanitizeBody(b.html)) !== sanitizeBody(b.html)).map((b) => b.id);
    expect(drifting).toEqual([]);
  });
});
