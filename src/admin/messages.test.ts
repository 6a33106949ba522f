import { describe, expect, it } from 'vitest';
import { defineMessages, fill, t } from './messages.js';

describe('admin messages', () => {
  it('gives Traditional strings as written and converts them for Simplified', () => {
    expect(t('zh-Hant', 'nav.tags')).toBe('標籤');
    expect(t('zh-Hans', 'nav.tags')).toBe('标签');
    expect(t('zh-Hans', 'nav.settings')).toBe('网站设定');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const m = defineMessages({ count: '共 {n} 篇，{missing}' });
    expect(m('zh-Hant', 'count', { n: 3 })).toBe('共 3 篇，{missing}');
    expect(fill('{a}{a}', { a: 'x' })).toBe('xx');
  });

  it('hands a whole table to client scripts in one language', () => {
    const m = defineMessages({ a: '編輯', b: '發佈' });
    expect(m.all('zh-Hans')).toEqual({ a: '编辑', b: '发布' });
  });
});
