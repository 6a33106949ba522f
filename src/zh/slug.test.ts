import { describe, expect, it } from 'vitest';
import { slugify, titleSlug } from './slug.js';

describe('slugify', () => {
  it('keeps Latin words and digits and folds accents', () => {
    expect(slugify('Café Déjà Vu 2026!')).toBe('cafe-deja-vu-2026');
  });

  it('gives an empty slug for all-Chinese text, never a stray hyphen', () => {
    expect(slugify('焦點新聞')).toBe('');
    expect(slugify('焦點 AI 晶片')).toBe('ai');
  });

  it('cuts long slugs at the limit without a trailing hyphen', () => {
    expect(slugify('a-'.repeat(100), 9)).toBe('a-a-a-a-a');
  });
});

describe('titleSlug', () => {
  it('spells Chinese titles in toneless pinyin, in either script', () => {
    expect(titleSlug('日內瓦會談')).toBe('ri-nei-wa-hui-tan');
    expect(titleSlug('日内瓦会谈')).toBe('ri-nei-wa-hui-tan');
    expect(titleSlug('重庆银行行长')).toBe('chong-qing-yin-hang-hang-zhang');
  });

  it('keeps Latin words and drops punctuation', () => {
    expect(titleSlug('Apple 發布 M5 晶片！')).toBe('apple-fa-bu-m5-jing-pian');
    expect(titleSlug('《街角理发店》')).toBe('jie-jiao-li-fa-dian');
  });

  it('cuts long titles at a syllable boundary', () => {
    const slug = titleSlug('國際河川合作理事會主辦的日內瓦會談於週末閉幕十二國代表同意建立共同的水文監測網');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('is empty only for a title with nothing to spell', () => {
    expect(titleSlug('！？。')).toBe('');
  });
});
