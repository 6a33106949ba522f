import { describe, expect, it } from 'vitest';
import { KeywordExtractor } from './keywords.js';
import { Segmenter } from './segment.js';

const seg = new Segmenter();

describe('Segmenter', () => {
  it('segments Traditional text through its Simplified form', () => {
    expect(seg.words('哈薩克斯坦後來的雜誌')).toEqual(['哈萨克斯坦', '后来', '杂志']);
    expect(seg.words('哈萨克斯坦后来的杂志')).toEqual(['哈萨克斯坦', '后来', '杂志']);
  });

  it('drops punctuation, spaces and stop words and folds full-width Latin', () => {
    expect(seg.words('我們在Ｔａｉｐｅｉ，討論 AI。')).toEqual(['taipei', '讨论', 'ai']);
  });

  it('adds the parts of long words in search mode', () => {
    expect(seg.searchTokens('國務院新聞辦公室')).toEqual(expect.arrayContaining(['国务院', '新闻', '办公室', '国务院新闻办公室']));
  });

  it('keeps editors’ words whole, in either script', () => {
    const s = new Segmenter({ userWords: ['焦點通訊社'] });
    expect(s.words('焦点通讯社发布')).toEqual(['焦点通讯社', '发布']);
    expect(new Segmenter().words('焦点通讯社发布')).not.toContain('焦点通讯社');
  });
});

describe('KeywordExtractor', () => {
  const kw = new KeywordExtractor(seg);
  const text = '日內瓦會談閉幕。流域國家同意共享水文數據，水文監測網明年啟用。會談代表表示，水文合作是第一步。';

  it('ranks the words that make an article distinctive', () => {
    const words = kw.extract(text, 3).map((k) => k.word);
    expect(words[0]).toBe('水文');
    expect(words).toContain('会谈');
  });

  it('learns IDF from the site: a word every article uses stops being a keyword', () => {
    const site = new KeywordExtractor(seg);
    site.learn({ documents: 100, frequency: new Map([['水文', 100]]) });
    expect(site.extract(text, 3).map((k) => k.word)).not.toContain('水文');
    const thin = new KeywordExtractor(seg);
    thin.learn({ documents: 5, frequency: new Map([['水文', 5]]) });
    expect(thin.extract(text, 1)[0]!.word).toBe('水文');
  });

  it('returns nothing for text without words', () => {
    expect(kw.extract('，。！ 123', 5)).toEqual([]);
  });
});
