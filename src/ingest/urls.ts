/**
 * Makes the `href` and `src` attributes of an imported fragment absolute against the page or
 * item it came from. The sanitizing policy reads a path starting with `/` as this site's own
 * (media), so a foreign site's relative links and images must not stay relative. Protocol-
 * relative URLs get https. Without a base, relative URLs are left for the sanitizer.
 */
export function absolutizeUrls(html: string, base: string): string {
  if (!/^https?:\/\//i.test(base)) return html;
  return html.replace(/(\s(?:href|src)\s*=\s*)(["'])([^"']*)\2/gi, (whole, attr: string, q: string, value: string) => {
    const v = value.trim();
    // Anything that may be a scheme (also disguised with entities or control characters, as
    // `jav&#x09;ascript:` is) stays as it is, for the sanitizer to judge.
    const first = v.split(/[/?#]/)[0]!;
    if (!v || v.startsWith('#') || /[:&\\\s\0-\x1f]/.test(first)) return whole;
    try {
      return `${attr}${q}${new URL(v.startsWith('//') ? `https:${v}` : v, base).toString()}${q}`;
    } catch {
      return whole;
    }
  });
}

/**
 * The path and query of an old URL as redirects store and look it up: `/2024/05/slug/` and
 * `/?p=123`, without host, fragment or trailing slash (except the root), and lower-cased
 * percent-escapes.
 *
 * @example
 * oldPathOf('https://old.example.com/2024/05/hello/') // '/2024/05/hello'
 */
export function oldPathOf(url: string): string | undefined {
  try {
    const u = new URL(url, 'http://old.invalid');
    let path = u.pathname.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    if (path.length > 1) path = path.replace(/\/+$/, '');
    const out = `${path}${u.search}`;
    return out === '/' ? undefined : out.slice(0, 500);
  } catch {
    return undefined;
  }
}
