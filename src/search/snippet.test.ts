import { describe, expect, it } from 'vitest';
import { Normalizer } from '../zh/normalize.js';
import { escapeHtml, plainText, SnippetMaker } from './snippet.js';

const snippets = new SnippetMaker(new Normalizer());

describe('SnippetMaker', () => {
  it('marks matches in the article’s own script, given the tokens and their Traditional forms', () => {
    expect(snippets.make(['颱風今晚逼近，氣象局發布海上颱風警報。'], ['台风', '警报'], ['颱風', '警報'])).toBe('<mark>颱風</mark>今晚逼近，氣象局發布海上<mark>颱風警報</mark>。');
    expect(snippets.make(['The iPhone launch'], ['iphone'])).toBe('The <mark>iPhone</mark> launch');
  });

  it('finds spellings nobody listed through the normalized text', () => {
    expect(snippets.make(['新款ＡＩ晶片上市'], ['ai'])).toBe('新款<mark>ＡＩ</mark>晶片上市');
    // The match found through a listed spelling, the other one highlighted from the normalized window.
    expect(snippets.make(['台風和颱風'], ['台风'], ['颱風'])).toBe('<mark>台風</mark>和<mark>颱風</mark>');
    expect(snippets.make(['開頭提到颱風'], ['台风'])).toBe('開頭提到<mark>颱風</mark>');
  });

  it('cuts a window around the first match, starting at its sentence when that is close', () => {
    const text = `${'前文。'.repeat(60)}今天颱風登陸。${'後文。'.repeat(60)}`;
    const s = snippets.make([text], ['台风'], ['颱風'], 40);
    expect(s.startsWith('…今天<mark>颱風</mark>登陸。')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.replace(/<\/?mark>|…/g, '')).toHaveLength(40);
  });

  it('prefers the longest token and escapes everything else', () => {
    expect(snippets.make(['<b>杂志社</b> & 杂志'], ['杂志', '杂志社'])).toBe('&lt;b&gt;<mark>杂志社</mark>&lt;/b&gt; &amp; <mark>杂志</mark>');
  });

  it('falls back to later texts, then to the start of the first one', () => {
    expect(snippets.make(['沒有相關字', '摘要提到雜誌'], ['杂志'], ['雜誌'])).toBe('摘要提到<mark>雜誌</mark>');
    expect(snippets.make(['', '開頭的文字'], ['不存在'])).toBe('開頭的文字');
    expect(snippets.make([], ['x'])).toBe('');
    expect(snippets.make(['文字'], [])).toBe('文字');
  });

  it('finds matches far into long bodies and keeps surrogate pairs whole', () => {
    expect(snippets.make([`${'甲'.repeat(5000)}颱風`], ['台风'], ['颱風'])).toBe(`…${'甲'.repeat(24)}<mark>颱風</mark>`);
    expect(snippets.make([`${'x'.repeat(250)}ＡＩ${'y'.repeat(1000)}`], ['ai'], [], 10)).toContain('<mark>ＡＩ</mark>');
    expect(snippets.make(['😀颱風😀'], ['台风'], ['颱風'])).toBe('😀<mark>颱風</mark>😀');
    expect(snippets.make([`${'😀'.repeat(60)}颱風${'😀'.repeat(60)}`], ['台风'], ['颱風'], 11)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('plainText and escapeHtml', () => {
  it('keeps the text of sanitized bodies with paragraph breaks and decoded entities', () => {
    expect(plainText('<h2>標題</h2><p>第一段 &amp; &lt;b&gt; &#x4E2D;&#25991;</p><p>第二段<br>換行</p>')).toBe('標題\n第一段 & <b> 中文\n第二段\n換行');
    expect(plainText('&bogus; &#99999999;')).toBe('&bogus; &#99999999;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
