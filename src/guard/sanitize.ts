import sanitizeHtml from 'sanitize-html';

/**
 * The one sanitizing policy for article bodies. Editor, API, importers and the demo loader
 * all pass through it, so no stored body can carry scripts, styles, event handlers, frames or
 * forms. Only the structure of a news article survives: headings, paragraphs, lists, quotes,
 * tables, figures with captions, links and images.
 */
const policy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'mark', 'small',
    'blockquote', 'q', 'cite', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption', 'hr',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'code', 'pre', 'span', 'abbr', 'time',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height', 'srcset', 'sizes', 'loading'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
    time: ['datetime'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Dropped together with their content, not unwrapped.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'title'],
  transformTags: {
    // Headings inside the body start at h2: the page's h1 is the title.
    h1: 'h2',
    a: (tagName, attribs) => {
      const out: Record<string, string> = { ...attribs };
      if (out.target === '_blank') out.rel = 'noopener noreferrer';
      else delete out.target;
      return { tagName, attribs: out };
    },
  },
};

/**
 * Cleans an article body to the allowlist. Relative links and image paths that start with `/`
 * are kept (site-local media); everything else must be http(s).
 *
 * @example
 * sanitizeBody('<p onclick="x()">你好<script>bad()</script></p>') // '<p>你好</p>'
 */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, policy).trim();
}

/** Plain text of an HTML fragment, for summaries, search and reading time. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|figcaption|blockquote|tr)>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
