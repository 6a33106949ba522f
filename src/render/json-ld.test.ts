import { describe, it, expect } from 'vitest';
import { scriptJson } from './json-ld.js';

describe('scriptJson', () => {
  const evil = { headline: '</script><script>alert(1)</script>', note: 'a & b <!-- c', sep: 'x\u2028y' };

  it('contains no character that could end or confuse a script element', () => {
    const out = scriptJson(evil);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(out).toContain('\\u003c/script\\u003e');
  });

  it('is still the same JSON', () => {
    expect(JSON.parse(scriptJson(evil))).toEqual(evil);
  });
});
