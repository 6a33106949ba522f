import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import type { FastifyInstance } from 'fastify';

/*
 * Output defences: whatever slips into a stored value, the browser is told not to run it.
 * Public pages carry no inline script (the views beacon is /assets/views.js, JSON-LD blocks
 * are data that CSP does not execute), so their policy is a constant: the page cache may store
 * it with the page. Admin pages load their scripts with a per-response nonce instead.
 */

/** Directives every HTML response shares. */
const BASE = ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'"];

/**
 * The Content-Security-Policy of public pages: scripts and styles from this origin only (no
 * `unsafe-inline`), images from anywhere over http(s) (article bodies cite photos by URL), no
 * frames, no plugins. Constant, so cached pages never carry another reader's header.
 */
export const PUBLIC_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: http: data:",
  "media-src 'self' https:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'none'",
  ...BASE,
].join('; ');

/** The sandbox policy of uploaded media: even a document served from /media/ cannot run. */
export const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * A fresh nonce for one response's `<script nonce>` tags: 16 random bytes, base64.
 *
 * @example
 * const nonce = makeNonce();
 * reply.header('Content-Security-Policy', nonceCsp(nonce));
 * // <script type="module" src="/admin/assets/editor.js" nonce={nonce}></script>
 */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy for a page whose scripts carry `nonce` (the admin): scripts only
 * from this origin and only with that nonce, no inline handlers, no plugins. `frameHosts` are
 * origins the page may embed (e.g. video players in the editor's preview).
 */
export function nonceCsp(nonce: string, options: { frameHosts?: readonly string[] } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: http: data: blob:",
    `frame-src 'self'${(options.frameHosts ?? []).map((h) => ` ${h}`).join('')}`,
    "connect-src 'self'",
    ...BASE,
  ].join('; ');
}

/** Image types a browser shows as an image and never as a document. */
const INLINE_MEDIA = new Map([
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.png', 'image/png'],
  ['.gif', 'image/gif'],
  ['.webp', 'image/webp'],
  ['.avif', 'image/avif'],
]);

/** Document types media may keep (as downloads): the browser needs the type to show them in <img> or a viewer. */
const DOCUMENT_MEDIA = new Map([
  ['.svg', 'image/svg+xml'],
  ['.pdf', 'application/pdf'],
]);

/**
 * Headers for a response to `url` with `contentType`, as pure data so they can be tested and
 * stay the same for every request to the same page. Admin pages (`/admin…`) get their nonce
 * CSP from the admin plugin; routes that set their own CSP (API docs) keep it.
 */
export function securityHeadersFor(url: string, contentType: string): Record<string, string> {
  const path = url.split('?')[0] ?? '';
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'SAMEORIGIN',
  };
  if (path.startsWith('/media/')) {
    headers['Content-Security-Policy'] = MEDIA_CSP;
    const ext = extname(path).toLowerCase();
    const known = INLINE_MEDIA.get(ext);
    if (known && contentType.toLowerCase().startsWith(known)) return headers;
    // Anything a browser could open as a document is a download when opened directly. SVG and
    // PDF keep their type (an <img> needs image/svg+xml to draw an SVG, and the sandbox CSP
    // stops its scripts); HTML, XML and unknown types become opaque bytes.
    headers['Content-Disposition'] = 'attachment';
    const documentType = DOCUMENT_MEDIA.get(ext);
    headers['Content-Type'] = documentType && contentType.toLowerCase().startsWith(documentType) ? documentType : 'application/octet-stream';
    return headers;
  }
  if (!path.startsWith('/admin') && /^(text\/html|application\/xhtml\+xml|image\/svg\+xml)/i.test(contentType)) {
    headers['Content-Security-Policy'] = PUBLIC_CSP;
  }
  return headers;
}

/**
 * Adds the output defences to every response of `app` (an onSend hook): nosniff, referrer
 * policy, framing limits, the public CSP on public pages, and safe types for media. A header a
 * route already set (a page-specific CSP) is left as it is, except on media, which is always
 * sandboxed.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.url;
    const contentType = String(reply.getHeader('Content-Type') ?? '');
    if (url.startsWith('/media/')) {
      for (const [name, value] of Object.entries(securityHeadersFor(url, contentType))) reply.header(name, value);
      return payload;
    }
    for (const [name, value] of pageHeaders(url.startsWith('/admin'), contentType)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });
}

/** Outside /media/ the headers depend only on admin-or-not and the content type: worked out once per pair. */
const PAGE_HEADERS = new Map<string, ReadonlyArray<readonly [string, string]>>();
/** Content types are a handful; the bound only guards against a route echoing arbitrary ones. */
const PAGE_HEADERS_MAX = 256;

function pageHeaders(admin: boolean, contentType: string): ReadonlyArray<readonly [string, string]> {
  const key = `${admin ? 'a' : 'p'}${contentType}`;
  let entries = PAGE_HEADERS.get(key);
  if (entries === undefined) {
    if (PAGE_HEADERS.size >= PAGE_HEADERS_MAX) PAGE_HEADERS.clear();
    entries = Object.entries(securityHeadersFor(admin ? '/admin' : '/', contentType));
    PAGE_HEADERS.set(key, entries);
  }
  return entries;
}
