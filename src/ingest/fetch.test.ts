import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/index.js';
import { parseLooseDate } from './dates.js';
import { decodeBytes } from './decode.js';
import { ACCEPTED_TYPES, fetchSource, fetchText } from './fetch.js';
import { startSourceServer, type SourceServer } from './ingest.testkit.js';

let s: SourceServer;
beforeAll(async () => {
  s = await startSourceServer();
});
afterAll(() => s.close());

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(isAppError(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected a failure');
}

describe('fetching sources', () => {
  it('names a redirect loop instead of following it', async () => {
    expect(await failure(fetchSource(`${s.base}/loop-a`))).toMatch(/redirect loop/);
  });

  it('gives up on a server that does not answer in time', async () => {
    const started = Date.now();
    expect(await failure(fetchSource(`${s.base}/slow`, { timeoutMs: 300 }))).toMatch(/no complete answer within/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops reading a body over the size limit while it streams', async () => {
    expect(await failure(fetchSource(`${s.base}/huge`, { maxBytes: 256 * 1024, timeoutMs: 5000 }))).toMatch(/larger than the import limit of 256 KB/);
  });

  it('refuses a content type the source kind cannot be', async () => {
    expect(await failure(fetchSource(`${s.base}/not-a-feed`, { accept: ACCEPTED_TYPES.xml }))).toMatch(/sent image\/png/);
  });

  it('reports HTTP errors, missing files and link-local addresses', async () => {
    expect(await failure(fetchSource(`${s.base}/nothing-here`))).toMatch(/HTTP 404/);
    expect(await failure(fetchSource('/nonexistent/feed.xml'))).toMatch(/no file/);
    expect(await failure(fetchSource('http://169.254.169.254/latest/meta-data/'))).toMatch(/not an address imports may fetch/);
  });

  it('makes a conditional GET with the stored ETag', async () => {
    const first = await fetchSource(`${s.base}/etag.xml`);
    expect(first.etag).toBe('"v1"');
    const second = await fetchSource(`${s.base}/etag.xml`, { etag: first.etag });
    expect(second.notModified).toBe(true);
  });
});

describe('decoding Chinese encodings', () => {
  const simplified = '<p>虚构的南岭县试点远程问诊，村民在家门口就能咨询县医院的医生。</p>';
  const traditional = '<p>虛構的北港區漁會推動友善漁法，消費者可以查到漁獲的捕撈時間與海域。</p>';

  it('decodes GBK from the HTTP charset and Big5 from <meta charset> over HTTP', async () => {
    const gbk = await fetchText(`${s.base}/gbk.html`);
    expect(gbk.decoded.from).toBe('http');
    expect(gbk.decoded.text).toContain('南岭县试点乡村医生远程问诊');
    const big5 = await fetchText(`${s.base}/big5.html`);
    expect(big5.decoded.from).toBe('meta');
    expect(big5.decoded.text).toContain('北港漁會推動友善漁法');
  });

  it('detects GBK served with a wrong UTF-8 label instead of mangling it', async () => {
    const page = await fetchText(`${s.base}/mislabeled.html`);
    expect(page.decoded.from).toBe('detected');
    expect(page.decoded.text).toContain('南岭县试点乡村医生远程问诊');
    expect(page.decoded.text).not.toContain('\ufffd');
  });

  it('reads the XML declaration, and tells GBK from Big5 with no label at all', () => {
    const xml = iconv.encode(`<?xml version="1.0" encoding="GB2312"?><rss>${simplified}</rss>`, 'gbk');
    expect(decodeBytes(xml).text).toContain(simplified);
    expect(decodeBytes(xml).from).toBe('xml');
    expect(decodeBytes(iconv.encode(simplified, 'gbk')).text).toBe(simplified);
    expect(decodeBytes(iconv.encode(traditional, 'big5')).text).toBe(traditional);
    expect(decodeBytes(Buffer.from(traditional)).charset).toBe('utf-8');
  });
});

describe('dates', () => {
  it('reads RSS, ISO, WordPress and Chinese dates', () => {
    expect(parseLooseDate('Fri, 03 May 2024 02:20:00 +0000')).toBe('2024-05-03T02:20:00.000Z');
    expect(parseLooseDate('2024年5月3日 10:20')).toBe('2024-05-03T02:20:00.000Z');
    expect(parseLooseDate('2024-05-03')).toBe('2024-05-02T16:00:00.000Z');
    expect(parseLooseDate('2024-05-03T14:05:00+08:00')).toBe('2024-05-03T06:05:00.000Z');
    expect(parseLooseDate('0000-00-00 00:00:00', '+00:00')).toBeUndefined();
    expect(parseLooseDate('yesterday')).toBeUndefined();
  });
});
