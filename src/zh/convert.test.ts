import { describe, expect, it } from 'vitest';
import { ScriptConverter } from './convert.js';

const zh = new ScriptConverter();

describe('ScriptConverter.text', () => {
  it('converts phrases, not characters, from Simplified', () => {
    expect(zh.text('杂志', 'zh-Hans', 'zh-Hant')).toBe('雜誌');
    expect(zh.text('头发', 'zh-Hans', 'zh-Hant')).toBe('頭髮');
    expect(zh.text('哈萨克斯坦后来', 'zh-Hans', 'zh-Hant')).toBe('哈薩克斯坦後來');
    expect(zh.text('皇后', 'zh-Hans', 'zh-Hant')).toBe('皇后');
  });

  it('uses Taiwan vocabulary for zh-TW and Hong Kong forms for zh-HK', () => {
    expect(zh.text('软件和网络', 'zh-Hans', 'zh-TW')).toBe('軟體和網路');
    expect(zh.text('奥巴马', 'zh-Hans', 'zh-TW')).toBe('歐巴馬');
    expect(new ScriptConverter({ vocabulary: 'characters' }).text('软件', 'zh-Hans', 'zh-TW')).toBe('軟件');
    expect(zh.text('着', 'zh-Hans', 'zh-HK')).toBe('着');
  });

  it('converts Traditional sources to Simplified and regional forms', () => {
    expect(zh.text('雜誌之後', 'zh-Hant', 'zh-Hans')).toBe('杂志之后');
    expect(zh.text('裏面', 'zh-Hant', 'zh-TW')).toBe('裡面');
    expect(zh.text('雜誌', 'zh-Hant', 'zh-Hant')).toBe('雜誌');
  });

  it('applies the site dictionary before OpenCC', () => {
    const site = zh.withDictionary([
      { match: ['哈萨克斯坦', '哈薩克斯坦'], outputs: { 'zh-TW': '哈薩克斯坦' } },
      { match: ['焦点科技'], outputs: { 'zh-Hant': '焦点科技', 'zh-TW': '焦点科技', 'zh-HK': '焦点科技' } },
    ]);
    // Without the entry s2twp rewrites the country's name to Taiwan's 哈薩克.
    expect(zh.text('哈萨克斯坦', 'zh-Hans', 'zh-TW')).toBe('哈薩克');
    expect(site.text('哈萨克斯坦的软件', 'zh-Hans', 'zh-TW')).toBe('哈薩克斯坦的軟體');
    expect(site.text('焦点科技发布', 'zh-Hans', 'zh-Hant')).toBe('焦点科技發佈');
    // A variant without an override converts the term as usual.
    expect(site.text('哈薩克斯坦', 'zh-Hant', 'zh-Hans')).toBe('哈萨克斯坦');
  });
});

describe('ScriptConverter.auto', () => {
  it('guesses the script of names and converts them', () => {
    expect(zh.detect('国际')).toBe('zh-Hans');
    expect(zh.detect('國際')).toBe('zh-Hant');
    expect(zh.auto('國際', 'zh-Hans')).toBe('国际');
    expect(zh.auto('国际', 'zh-Hant')).toBe('國際');
    expect(zh.auto('人工智慧', 'zh-Hant')).toBe('人工智慧');
    expect(zh.auto('AI', 'zh-Hans')).toBe('AI');
  });
});

describe('ScriptConverter.html', () => {
  it('converts text and alt/title attributes, never tags or URLs', () => {
    const html = '<p>杂志<a href="/tag/杂志" title="杂志">后来</a></p><img src="/media/发.svg" alt="头发">';
    expect(zh.html(html, 'zh-Hans', 'zh-Hant')).toBe('<p>雜誌<a href="/tag/杂志" title="雜誌">後來</a></p><img src="/media/发.svg" alt="頭髮">');
  });
});

describe('ScriptConverter.texts', () => {
  it('converts a batch like one call each, never across items', () => {
    expect(zh.texts(['头', '发', '杂志'], 'zh-Hans', 'zh-Hant')).toEqual(['頭', '發', '雜誌']);
    expect(zh.texts(['', '后来'], 'zh-Hans', 'zh-Hant')).toEqual(['', '後來']);
  });
});
