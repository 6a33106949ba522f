import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import sharp from 'sharp';

const TESTDATA = fileURLToPath(new URL('./testdata/', import.meta.url));

/** A fixture's text with `{{BASE}}` replaced by the test server's address. */
export function fixture(name: string, base: string): string {
  return readFileSync(`${TESTDATA}${name}`, 'utf8').replaceAll('{{BASE}}', base);
}

/** A local HTTP server with the fixtures and every bad answer the importers must survive. */
export interface SourceServer {
  readonly base: string;
  /** Requests seen, by path (conditional GET and back-off tests). */
  readonly hits: Map<string, number>;
  /** Replace a path's answer (status, headers, body). */
  set(path: string, answer: { status?: number; headers?: Record<string, string>; body: string | Buffer }): void;
  close(): Promise<void>;
}

/**
 * Starts the server. Paths: `/feed.xml`, `/atom.xml`, `/export.xml` (fixtures), any `….png` and
 * `….jpg` (a small PNG and JPEG made with sharp), except `/img/missing.jpg` (404) and
 * `/img/fake.png` (labelled image/png, but an HTML page), `/gbk.html` (GBK bytes, charset in the
 * header), `/big5.html` (Big5 bytes, charset only in `<meta>`), `/mislabeled.html` (GBK bytes
 * labelled UTF-8), `/loop-a` ↔ `/loop-b` (redirect loop), `/slow` (never answers), `/huge`
 * (an endless body), `/not-a-feed` (an image where a feed was expected), `/etag.xml` (answers
 * 304 to its own ETag).
 */
export async function startSourceServer(): Promise<SourceServer> {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
  const jpeg = await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 200, g: 90, b: 40 } } }).jpeg().toBuffer();
  const overrides = new Map<string, { status?: number; headers?: Record<string, string>; body: string | Buffer }>();
  const hits = new Map<string, number>();
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const o = overrides.get(path);
    if (o) {
      res.writeHead(o.status ?? 200, o.headers ?? {});
      res.end(o.body);
      return;
    }
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (path === '/feed.xml') return send('application/rss+xml; charset=utf-8', fixture('feed.rss.xml', base));
    if (path === '/atom.xml') return send('application/atom+xml', fixture('feed.atom.xml', base));
    if (path === '/export.xml') return send('text/xml', fixture('export.wxr.xml', base));
    if (path === '/img/fake.png') return send('image/png', '<!doctype html><title>Not found</title><p>這不是圖片</p>');
    if (path.endsWith('.png')) return send('image/png', png);
    if (path.endsWith('.jpg') && path !== '/img/missing.jpg') return send('image/jpeg', jpeg);
    if (path === '/gbk.html') return send('text/html; charset=gbk', iconv.encode(fixture('portal-gbk.html', base), 'gbk'));
    if (path === '/big5.html') return send('text/html', iconv.encode(fixture('portal-big5.html', base), 'big5'));
    if (path === '/mislabeled.html') return send('text/html; charset=utf-8', iconv.encode(fixture('portal-gbk.html', base), 'gbk'));
    if (path === '/loop-a' || path === '/loop-b') {
      res.writeHead(302, { location: path === '/loop-a' ? '/loop-b' : '/loop-a' });
      return res.end();
    }
    if (path === '/slow') return; // never answers
    if (path === '/huge') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const timer = setInterval(() => {
        if (!res.write(chunk)) return;
      }, 1);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (path === '/not-a-feed') return send('image/png', png);
    if (path === '/etag.xml') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
      return res.end(fixture('feed.atom.xml', base));
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    set: (path, answer) => void overrides.set(path, answer),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
