import { describe, it, expect } from 'vitest';
import { textExcerpt } from './excerpt.js';

describe('textExcerpt', () => {
  it('joins the text of blocks with one space and decodes entities', () => {
    expect(textExcerpt('<p>第一段。</p>\n<p>A &amp; B &lt;C&gt; &#x4e2d;&#25991;&nbsp;!</p>')).toBe('第一段。 A & B <C> 中文 !');
  });

  it('cuts at a number of characters, counting CJK and astral ones as one', () => {
    expect(textExcerpt(`<p>${'字'.repeat(130)}</p>`)).toBe(`${'字'.repeat(120)}…`);
    expect(textExcerpt('<p>𠀀𠀁𠀂𠀃</p>', 2)).toBe('𠀀𠀁…');
    expect(textExcerpt('<p>短</p>', 2)).toBe('短');
  });

  it('skips script and style contents and leaves unknown entities alone', () => {
    expect(textExcerpt('<style>p{}</style><p>正文 &bogus;</p><script>x()</script>')).toBe('正文 &bogus;');
  });
});
