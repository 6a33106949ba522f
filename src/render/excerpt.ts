/**
 * Plain text from sanitized article HTML, for a meta description when an article has no
 * summary. Search results and social cards show about 80–120 CJK characters; a longer
 * description is cut by them anyway, mid-word for Latin text.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

// Text inside these never reaches the reader as prose (captions are fine, scripts are not).
const HIDDEN = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The first `max` characters (code points) of the text of `html`, whitespace collapsed, with
 * `…` when cut. The result is plain text: the renderer escapes it again where it is used.
 *
 * @example
 * textExcerpt('<p>第一段。</p><p>A &amp; B</p>', 6) // '第一段。 A…'
 */
export function textExcerpt(html: string, max = 120): string {
  const text = decode(html.replace(HIDDEN, ' ').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('').trimEnd()}…`;
}
