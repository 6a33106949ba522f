import { describe, expect, it } from 'vitest';
import { inspectHtml, stripFlagged, verdictOf } from './integrity.js';
import { sanitizeBody } from './sanitize.js';
import { cleanArticles } from './testdata/clean-articles.js';
import { spamBodies } from './testdata/spam-bodies.js';
import { xssPayloads } from './testdata/xss-payloads.js';

const rules = (html: string, opts = {}) => inspectHtml(html, opts).map((f) => f.rule);

describe('the integrity guard on the corpora', () => {
  it('has the corpora the issue asks for', () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(40);
    expect(spamBodies.length).toBeGreaterThanOrEqual(15);
    expect(cleanArticles.length).toBeGreaterThanOrEqual(15);
    expect(new Set(xssPayloads.map((p) => p.id)).size).toBe(xssPayloads.length);
  });

  it.each(spamBodies.map((b) => [b.id, b] as const))('flags the spam body %s', (_id, body) => {
    const found = rules(body.html, body.allowedDomains ? { allowedDomains: body.allowedDomains } : {});
    expect(found).toContain(body.expect);
  });

  it.each(cleanArticles.map((a) => [a.id, a] as const))('leaves the clean article %s alone, before and after sanitizing', (_id, article) => {
    expect(inspectHtml(article.html)).toEqual([]);
    expect(inspectHtml(sanitizeBody(article.html))).toEqual([]);
    expect(stripFlagged(article.html).removed).toEqual([]);
  });

  it('flags the active parts of XSS payloads before sanitizing', () => {
    const missed = xssPayloads.filter((p) => !p.parserTrick && inspectHtml(p.html).length === 0).map((p) => p.id);
    expect(missed).toEqual([]);
  });
});

describe('findings', () => {
  it('say where: a CSS-like path and an excerpt', () => {
    const [hidden, anchor] = inspectHtml('<p>一</p><p>二</p><div style="display:none"><p>x</p><p><a href="https://b.example/">澳門賭場</a></p></div>');
    expect(hidden).toMatchObject({ rule: 'hidden-block', location: 'div[1]: "x澳門賭場"' });
    expect(anchor).toMatchObject({ rule: 'spam-anchor', location: 'div[1] > p[2] > a[1]: "澳門賭場"' });
    expect(anchor!.reason).toMatch(/澳門賭場/);
  });

  it('read encoded schemes the way a browser does', () => {
    expect(rules('<a href="&#x6A;ava&#x09;script:x()">a</a>')).toEqual(['script-url']);
    expect(rules('<a href="%6Aavascript:x()">a</a>')).toEqual(['script-url']);
    expect(rules('<a href="https://example.com/javascript-guide">a</a>')).toEqual([]);
    expect(rules('<img src="/a.png" alt="JavaScript: The Good Parts" title="javascript:書評">')).toEqual([]);
  });

  it('spare a hidden element with nothing in it, JSON-LD and the site’s own scripts in pages', () => {
    expect(rules('<p>新聞</p><span hidden></span>')).toEqual([]);
    const page = '<!doctype html><html><head><script type="application/ld+json">{"@type":"NewsArticle"}</script><script src="/assets/views.js" async></script></head><body><p>x</p></body></html>';
    expect(rules(page, { ownScriptPrefixes: ['/assets/'] })).toEqual([]);
    expect(rules(page)).toEqual(['script']);
    expect(rules(page.replace('/assets/views.js', '/assets/../evil.js'), { ownScriptPrefixes: ['/assets/'] })).toEqual(['script']);
  });

  it('treat the site’s own and allowlisted domains as trusted', () => {
    const links = Array.from({ length: 9 }, (_, i) => `<a href="https://news.example.tw/a/${i}">第${i}篇</a>`).join(' ');
    expect(rules(`<p>${links}</p>`)).toContain('link-farm');
    expect(rules(`<p>${links}</p>`, { siteDomains: ['example.tw'] })).toEqual([]);
    expect(rules(`<p>${links}</p>`, { allowedDomains: ['news.example.tw'] })).toEqual([]);
  });

  it('give a verdict', () => {
    expect(verdictOf([])).toBe('clean');
    expect(verdictOf(inspectHtml('<script>x</script>'))).toBe('flagged');
  });
});

describe('stripFlagged', () => {
  it('removes hidden blocks, spam links, farms, scripts and handlers and says what it removed', () => {
    const out = stripFlagged(
      '<p onclick="x()">正文<a href="https://bet.example/">百家樂</a></p><div style="display:none">隱藏</div><script>x()</script><p>' +
        Array.from({ length: 9 }, (_, i) => `<a href="https://s${i}.example/">站${i}</a>`).join(' ') +
        '</p><p>結尾</p>',
    );
    expect(out.html).toBe('<p>正文</p><p>結尾</p>');
    expect(out.removed.map((r) => r.rule).sort()).toEqual(['event-handler', 'hidden-block', 'link-farm', 'script', 'spam-anchor']);
    expect(inspectHtml(out.html)).toEqual([]);
  });

  it('keeps a whole document a document', () => {
    const out = stripFlagged('<!doctype html><html><head><meta http-equiv="refresh" content="0;url=https://x.example/"></head><body><p>x</p></body></html>');
    expect(out.html).toMatch(/^<!DOCTYPE html><html><head><\/head><body><p>x<\/p><\/body><\/html>$/i);
    expect(out.removed).toEqual([expect.objectContaining({ rule: 'meta-refresh' })]);
  });

  it('leaves keyword stuffing in place (only reported)', () => {
    const html = `<p>${'六合彩 '.repeat(12)}</p>`;
    expect(stripFlagged(html).removed).toEqual([]);
    expect(rules(html)).toEqual(['keyword-stuffing']);
  });
});
