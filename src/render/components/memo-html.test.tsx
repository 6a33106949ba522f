import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { article, chrome } from '../testdata/fixtures.testkit.js';
import { ArticleCard } from './article-card.js';
import { ArticleList } from './list-item.js';

// Cards and list items are rendered once per article object and options, then reused as raw
// HTML: the reuse must be byte-identical, and different options must never share markup.
describe('memoized cards and list items', () => {
  it('renders the same bytes the second time, inside other markup', () => {
    const a = article({ id: 7, title: '標題 <b>&</b>', summary: '摘要 "引號"' });
    const page = (c = chrome()) => render(<div class="card-grid"><ArticleCard chrome={c} article={a} compact /><ArticleList chrome={c} articles={[a]} /></div>);
    const first = page();
    expect(first).toContain('標題 &lt;b>&amp;&lt;/b>');
    expect(first.startsWith('<div class="card-grid"><article class="card">')).toBe(true);
    expect(page()).toBe(first);
  });

  it('keeps apart what differs: link prefix, options, search snippets', () => {
    const a = article({ id: 8 });
    const plain = render(<ArticleCard chrome={chrome()} article={a} />);
    // The fixture's chrome links under /zh-tw/; the same card on an unprefixed page must not.
    const unprefixed = render(<ArticleCard chrome={chrome('/', { href: (p: string) => p })} article={a} />);
    expect(plain).toContain('href="/zh-tw/');
    expect(unprefixed).not.toBe(plain);
    expect(unprefixed).not.toContain('href="/zh-tw/');
    expect(render(<ArticleCard chrome={chrome()} article={a} compact />)).not.toBe(plain);
    expect(render(<ArticleCard chrome={chrome()} article={a} level={2} />)).toContain('<h2');
    const snippet = render(<ArticleCard chrome={chrome()} article={a} snippetHtml="<mark>x</mark>" />);
    expect(snippet).toContain('<mark>x</mark>');
    expect(render(<ArticleCard chrome={chrome()} article={a} />)).toBe(plain);
  });
});
