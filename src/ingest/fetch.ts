import { open, stat } from 'node:fs/promises';
import { AppError, isAppError } from '../errors/index.js';
import { checkWebhookUrl } from '../webhooks/url-policy.js';
import { decodeBytes, type Decoded } from './decode.js';
import { ingestMessages } from './messages.js';

/** Limits and conditions of one fetch. */
export interface FetchOptions {
  /** Whole request, headers and body, in milliseconds (default 20 s). */
  readonly timeoutMs?: number;
  /** Largest body read; a bigger one is abandoned while streaming (default 20 MB). */
  readonly maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  readonly maxRedirects?: number;
  /** Content types accepted (lower case, without parameters); any when empty. */
  readonly accept?: readonly string[];
  /** Conditional GET: the validators of the previous answer. */
  readonly etag?: string;
  readonly lastModified?: string;
}

/** A fetched document. `notModified` answers a conditional GET with nothing new. */
export interface Fetched {
  readonly url: string;
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: string;
  readonly notModified: boolean;
}

/** Default limits. */
export const FETCH_DEFAULTS = { timeoutMs: 20_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 5 } as const;

/** Content types each source kind is accepted as (servers label feeds loosely). */
export const ACCEPTED_TYPES = {
  xml: ['application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml', 'application/rdf+xml', 'text/plain', 'application/octet-stream'],
  html: ['text/html', 'application/xhtml+xml', 'text/plain'],
  json: ['application/json', 'text/plain', 'application/octet-stream'],
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'],
} as const;

/** Whether `src` names an http(s) URL rather than a file. */
export function isUrl(src: string): boolean {
  return /^https?:\/\//i.test(src);
}

/**
 * Reads a source: an http(s) URL (with a timeout, a redirect limit that also catches loops,
 * a size limit enforced while streaming, and a content-type check) or a local file (size
 * limit only). Errors are `AppError`s with one clear sentence.
 *
 * @example
 * const f = await fetchSource('https://example.com/feed.xml', { accept: ACCEPTED_TYPES.xml });
 */
export async function fetchSource(src: string, options: FetchOptions = {}): Promise<Fetched> {
  return isUrl(src) ? fetchUrl(src, options) : readLocal(src, options.maxBytes ?? FETCH_DEFAULTS.maxBytes);
}

/** `fetchSource`, then the bytes decoded (see `decodeBytes`). */
export async function fetchText(src: string, options: FetchOptions = {}): Promise<Fetched & { decoded: Decoded }> {
  const f = await fetchSource(src, options);
  return { ...f, decoded: decodeBytes(f.bytes, f.contentType) };
}

async function readLocal(path: string, maxBytes: number): Promise<Fetched> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'file', reason: ingestMessages.notAFile(path) });
    if (info.size > maxBytes) throw new AppError('JD_ERR_INGEST_TOO_LARGE', { what: path, limit: formatBytes(maxBytes) });
    const fh = await open(path, 'r');
    try {
      const bytes = await fh.readFile();
      return { url: path, bytes, contentType: '', etag: '', lastModified: '', notModified: false };
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (isAppError(err)) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'file', reason: code === 'ENOENT' ? ingestMessages.noSuchFile(path) : `${path}: ${code ?? String(err)}` });
  }
}

async function fetchUrl(start: string, o: FetchOptions): Promise<Fetched> {
  const timeoutMs = o.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = o.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = o.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const signal = AbortSignal.timeout(timeoutMs);
  const seen = new Set<string>();
  let url = start;
  const fail = (reason: string): never => {
    throw new AppError('JD_ERR_INGEST_FETCH_FAILED', { url: start, reason });
  };
  try {
    for (let hop = 0; ; hop++) {
      const checked = checkWebhookUrl(url);
      if ('error' in checked) fail(ingestMessages.blockedUrl(url));
      seen.add(url);
      const headers: Record<string, string> = { 'user-agent': 'Jiaodian-Importer/1 (+https://github.com/)', accept: '*/*' };
      if (o.etag) headers['if-none-match'] = o.etag;
      if (o.lastModified) headers['if-modified-since'] = o.lastModified;
      const res = await getOnce(url, { redirect: 'manual', signal, headers });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await drain(res);
        const location = res.headers.get('location');
        if (!location) fail(ingestMessages.redirectWithoutLocation(res.status));
        const next = new URL(location!, url).toString();
        if (seen.has(next)) fail(ingestMessages.redirectLoop(next));
        if (hop + 1 > maxRedirects) fail(ingestMessages.tooManyRedirects(maxRedirects));
        url = next;
        continue;
      }
      const etag = res.headers.get('etag') ?? '';
      const lastModified = res.headers.get('last-modified') ?? '';
      if (res.status === 304) {
        await drain(res);
        return { url, bytes: Buffer.alloc(0), contentType: '', etag: etag || (o.etag ?? ''), lastModified: lastModified || (o.lastModified ?? ''), notModified: true };
      }
      if (res.status !== 200) {
        await drain(res);
        fail(ingestMessages.httpStatus(res.status));
      }
      const contentType = res.headers.get('content-type') ?? '';
      const bare = contentType.split(';')[0]!.trim().toLowerCase();
      if (o.accept && o.accept.length > 0 && bare && !o.accept.includes(bare)) {
        await drain(res);
        fail(ingestMessages.wrongType(bare, o.accept));
      }
      const declared = Number(res.headers.get('content-length') ?? '');
      if (Number.isFinite(declared) && declared > maxBytes) {
        await drain(res);
        throw new AppError('JD_ERR_INGEST_TOO_LARGE', { what: url, limit: formatBytes(maxBytes) });
      }
      const bytes = await readCapped(res, maxBytes, url);
      return { url, bytes, contentType, etag, lastModified, notModified: false };
    }
  } catch (err) {
    if (isAppError(err)) throw err;
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return fail(ingestMessages.timedOut(timeoutMs));
    return fail(e.cause?.code ?? e.message);
  }
}

// Errors of a kept-alive connection the server closed just as it was reused: a GET is safe to
// send again, once, on a new connection.
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

async function getOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (!code || !STALE_SOCKET.has(code) || init.signal?.aborted) throw err;
    return fetch(url, init);
  }
}

/**
 * Reads and drops a small body we do not need (a redirect's, an error page) so that the
 * connection can be reused; a large one is cancelled (its connection is then closed). Cancelling
 * every such body instead left kept-alive sockets in a state the next request failed on.
 */
async function drain(res: Response): Promise<void> {
  try {
    await readCapped(res, 64 * 1024, res.url);
  } catch {
    // Too large, or the connection went away: nothing of it is needed.
  }
}

/** Reads a response body, abandoning it as soon as it passes `maxBytes`. */
async function readCapped(res: Response, maxBytes: number, url: string): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError('JD_ERR_INGEST_TOO_LARGE', { what: url, limit: formatBytes(maxBytes) });
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** "20 MB", "512 KB". */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 102.4) / 10} MB` : `${Math.round(n / 1024)} KB`;
}
