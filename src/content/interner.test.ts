import { describe, expect, it } from 'vitest';
import { Interner } from './interner.js';

describe('Interner', () => {
  it('gives the same object for the same key and makes it once', () => {
    const interner = new Interner<{ name: string }>(10);
    let made = 0;
    const make = (name: string) => () => (made++, { name });
    const a = interner.get('a', make('甲'));
    expect(interner.get('a', make('甲'))).toBe(a);
    expect(interner.get('b', make('乙'))).not.toBe(a);
    expect(made).toBe(2);
  });

  it('starts again past its bound instead of growing', () => {
    const interner = new Interner<object>(2);
    const first = interner.get('a', () => ({}));
    interner.get('b', () => ({}));
    interner.get('c', () => ({}));
    expect(interner.get('a', () => ({}))).not.toBe(first);
  });
});
