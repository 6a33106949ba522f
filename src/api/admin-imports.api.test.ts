import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqlite } from '../db/index.js';
import { fixture, startSourceServer, type SourceServer } from '../ingest/ingest.testkit.js';
import { newsroomHarness, type NewsroomHarness } from './newsroom.testkit.js';

let s: SourceServer;
let h: NewsroomHarness;
beforeAll(async () => {
  s = await startSourceServer();
  const db = openSqlite(':memory:');
  await migrateToLatest(db);
  h = await newsroomHarness(db);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

describe('POST /api/v1/admin/imports', { timeout: 60_000 }, () => {
  it('imports an uploaded GBK page and answers the report', async () => {
    const bytes = iconv.encode(fixture('portal-gbk.html', s.base), 'gbk');
    const res = await h.call('editor', 'POST', '/api/v1/admin/imports', { kind: 'html', file: { name: 'page.html', contentBase64: bytes.toString('base64') }, section: 'world' });
    expect(res.statusCode).toBe(200);
    const [item] = res.json.items;
    expect(item).toMatchObject({ status: 'imported', title: '南岭县试点乡村医生远程问诊', source: { name: '东江日报', url: '' }, error: null });
    expect(Object.keys(item)).toEqual(['status', 'id', 'title', 'publishedAt', 'source', 'authors', 'tags', 'bodyHtml', 'removed', 'error']);
    const article = await h.call('editor', 'GET', `/api/v1/admin/articles/${item.id}`);
    expect(article.json.article.status).toBe('draft');
  });

  it('imports a WordPress export by URL and serves its old URLs as 301s', async () => {
    const res = await h.call('admin', 'POST', '/api/v1/admin/imports', { kind: 'wxr', url: `${s.base}/export.xml`, section: 'world', publish: true });
    expect(res.statusCode).toBe(200);
    const trail = res.json.items[0];
    expect(trail.status).toBe('imported');
    for (const old of ['/?p=101', '/2024/05/riverside-trail/', '/2024/05/riverside-trail']) {
      const r = await h.app.inject({ method: 'GET', url: old });
      expect(r.statusCode, old).toBe(301);
      expect(r.headers.location).toMatch(new RegExp(`/${trail.id}(-[a-z0-9-]+)?\\.html$`));
    }
    // The draft's old URL does not reveal it.
    expect((await h.app.inject({ method: 'GET', url: '/?p=103' })).statusCode).not.toBe(301);
  });

  it('answers bad requests with field messages and keeps imports from authors', async () => {
    const bad = await h.call('editor', 'POST', '/api/v1/admin/imports', { kind: 'pdf', url: 'ftp://x' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json.error.fields)).toEqual(expect.arrayContaining(['kind', 'url']));
    const both = await h.call('editor', 'POST', '/api/v1/admin/imports', { kind: 'rss' });
    expect(both.statusCode).toBe(400);
    const unreadable = await h.call('editor', 'POST', '/api/v1/admin/imports', { kind: 'rss', url: `${s.base}/loop-a`, section: 'world' });
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json.error.message).toMatch(/redirect loop/);
    expect((await h.call('author', 'POST', '/api/v1/admin/imports', { kind: 'rss', url: `${s.base}/feed.xml` })).statusCode).toBe(403);
    expect((await h.call(null, 'POST', '/api/v1/admin/imports', { kind: 'rss', url: `${s.base}/feed.xml` })).statusCode).toBe(401);
  });
});
