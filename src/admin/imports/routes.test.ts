import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Browser } from '../../auth/auth.testkit.js';
import { newsroomHarness, type NewsroomHarness } from '../../api/newsroom.testkit.js';
import { testDialects } from '../../db/dialects.testkit.js';
import { fixture, startSourceServer, type SourceServer } from '../../ingest/ingest.testkit.js';

const sqlite = testDialects().find((d) => d.name === 'sqlite')!;

describe('the import screen', () => {
  let h: NewsroomHarness;
  let s: SourceServer;
  const browsers: Record<string, Browser> = {};
  beforeAll(async () => {
    s = await startSourceServer();
    h = await newsroomHarness(await sqlite.open());
    for (const who of ['editor', 'author']) browsers[who] = await signIn(h.app, `${who}@example.com`);
  });
  afterAll(async () => {
    await h?.close();
    await s?.close();
  });

  it('shows the form to editors with the sections, and its script bundle exists', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/admin/imports', headers: { cookie: browsers.editor!.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="import-form"');
    expect(res.body).toContain('<option value="world">國際</option>');
    const src = /<script type="module" src="(\/admin\/assets\/imports\.js\?v=[^"]+)" nonce="/.exec(res.body)?.[1];
    expect(src).toBeDefined();
    const js = await h.app.inject({ method: 'GET', url: src! });
    expect(js.statusCode).toBe(200);
    expect(js.body).toContain('/api/v1/admin/imports');
    expect((await h.app.inject({ method: 'GET', url: '/admin/imports', headers: { cookie: browsers.author!.cookie } })).statusCode).toBe(403);
  }, 60_000);

  it('imports from a signed-in browser with its CSRF token, as the script does', async () => {
    const file = Buffer.from(fixture('feed.atom.xml', s.base)).toString('base64');
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/admin/imports',
      headers: { cookie: browsers.editor!.cookie, 'x-csrf-token': browsers.editor!.csrf },
      payload: { kind: 'rss', file: { name: 'atom.xml', contentBase64: file }, section: 'world', publish: false, dryRun: true },
    });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).items.map((i: { status: string }) => i.status)).toEqual(['imported', 'imported']);
    const noToken = await h.app.inject({ method: 'POST', url: '/api/v1/admin/imports', headers: { cookie: browsers.editor!.cookie }, payload: { kind: 'rss', url: `${s.base}/atom.xml` } });
    expect(noToken.statusCode).toBe(403);
  });
});
