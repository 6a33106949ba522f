import { posix } from 'node:path';

/**
 * The file a URL path is written to inside an export, so that any plain static server answers
 * the same URL with it: `/` and `/tech/` → `…/index.html`; a path whose last segment has a
 * file extension (`.html`, `.xml`, `.json`, `.txt`, `.css`, `.js`, media) is written as is;
 * any other (`/tag/科技`, `/author/lin`, `/search`) becomes a folder with `index.html`, which
 * static servers serve after their usual redirect to the trailing slash. Percent-encoding is
 * decoded (`/tag/%E7%A7%91%E6%8A%80` → `tag/科技/index.html`), as static servers decode a
 * request path before looking for the file. A query string is ignored, as they ignore it.
 * With `page`, the URL is known to be an HTML page: only a last segment ending in `.html` is
 * kept as a file name. Returns undefined for a path that would leave the export (`..`) or cannot be decoded.
 *
 * @example
 * fileForUrl('/zh-tw/tech/12-ri-nei-wa.html') // 'zh-tw/tech/12-ri-nei-wa.html'
 * fileForUrl('/tag/%E7%A7%91%E6%8A%80')        // 'tag/科技/index.html'
 */
export function fileForUrl(url: string, options: { page?: boolean } = {}): string | undefined {
  const path = url.split(/[?#]/)[0] ?? '';
  if (!path.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0'))) return undefined;
  const last = segments[segments.length - 1] ?? '';
  const rel = segments.join('/');
  if (last === '') return posix.join(rel, 'index.html');
  // A page is a document whatever dots its slug holds (`/tag/node.js`): only `.html` is its own file.
  const isFile = options.page ? /\.html$/i.test(last) : /\.[a-z0-9]{1,5}$/i.test(last);
  return isFile ? rel : posix.join(rel, 'index.html');
}

/** Content-Type a static server should send for an exported file, by its extension. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
