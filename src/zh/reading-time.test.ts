import { describe, expect, it } from 'vitest';
import { readingMinutes } from './reading-time.js';

describe('readingMinutes', () => {
  it('counts Chinese by characters, not by spaces', () => {
    expect(readingMinutes('新'.repeat(450))).toBe(1);
    expect(readingMinutes('聞'.repeat(1800))).toBe(4);
  });

  it('counts Latin text by words and ignores punctuation', () => {
    expect(readingMinutes(Array(460).fill('news').join(' '))).toBe(2);
    expect(readingMinutes('，。！？')).toBe(0);
  });

  it('gives at least a minute for a short text', () => {
    expect(readingMinutes('短訊')).toBe(1);
  });
});

describe('readingMinutes over HTML', () => {
  it('skips markup, attributes included', () => {
    const body = `<p class="x" title="${'標題'.repeat(500)}">${'文'.repeat(900)}</p><img alt="${'圖'.repeat(900)}">`;
    expect(readingMinutes(body, { html: true })).toBe(2);
  });

  it('counts words split by tags as separate words and hyphenated words as one', () => {
    expect(readingMinutes(Array(230).fill('<b>well-known</b>').join(' '), { html: true })).toBe(1);
    expect(readingMinutes('𠀀'.repeat(450))).toBe(1);
  });
});
