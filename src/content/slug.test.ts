import { describe, expect, it } from 'vitest';
import { slugify } from './slug.js';

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
