import { describe, expect, it } from 'vitest';
import { searchPath, withoutFilter } from './search-url.js';

describe('searchPath', () => {
  it('keeps the query and set filters, and leaves defaults out', () => {
    expect(searchPath('颱風')).toBe('/search?q=%E9%A2%B1%E9%A2%A8');
    expect(searchPath('a b', { section: 'world', tag: '', sort: 'relevance' })).toBe('/search?q=a%20b&section=world');
    expect(searchPath('x', { tag: '科技', from: '2026-01-01', to: '2026-02-01', author: 'li-ming', sort: 'date' }, 3)).toBe(
      '/search?q=x&tag=%E7%A7%91%E6%8A%80&author=li-ming&from=2026-01-01&to=2026-02-01&sort=date&page=3',
    );
  });

  it('escapes characters that would break the query string', () => {
    expect(searchPath('a&b=c#d')).toBe('/search?q=a%26b%3Dc%23d');
  });

  it('drops one filter and keeps the rest', () => {
    expect(withoutFilter({ section: 'world', tag: 'x' }, 'section')).toEqual({ tag: 'x' });
  });
});
