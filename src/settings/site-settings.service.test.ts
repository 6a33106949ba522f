import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/index.js';
import type { Db } from '../db/index.js';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { SiteSettingsRepo } from './site-settings.repo.js';
import { SiteSettingsService } from './site-settings.service.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`site settings on ${dialect.name}`, () => {
    let db: Db;
    const config = testConfig({ 'site-name': '設定的站名', 'feed-items': '12' });
    const make = (checkEveryMs: number, onChange?: () => void) =>
      new SiteSettingsService({ repo: new SiteSettingsRepo(db.kysely), config, now: () => new Date('2026-11-01T00:00:00Z'), checkEveryMs, ...(onChange ? { onChange } : {}) });
    beforeAll(async () => {
      db = await dialect.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('starts from the configuration, stores changes, and goes back to it with null', async () => {
      let changes = 0;
      const s = make(2000, () => void changes++);
      expect(s.current()).toMatchObject({ siteName: '設定的站名', feedItems: 12, defaultVariant: 'zh-Hant' });
      const view = await s.update({ siteName: '  新站名 ', feedItems: 40 }, 7);
      expect(view.settings).toMatchObject({ siteName: '新站名', feedItems: 40 });
      expect(view.fields.find((f) => f.key === 'siteName')).toMatchObject({ overridden: true, configured: '設定的站名', updatedBy: 7, updatedAt: '2026-11-01T00:00:00.000Z' });
      expect(s.liveConfig().siteName).toBe('新站名');
      expect(s.liveConfig().timezone).toBe(config.timezone);
      expect(changes).toBe(1);
      await s.update({ siteName: null }, 7);
      expect(s.current().siteName).toBe('設定的站名');
      expect(s.current().feedItems).toBe(40);
      // An empty change stores nothing and announces nothing.
      await s.update({}, 7);
      expect(changes).toBe(2);
      await s.update({ feedItems: null }, 7);
    });

    it('names each bad field and stores nothing', async () => {
      const s = make(2000);
      const err = await s.update({ siteName: 'x'.repeat(81), defaultVariant: 'zh', feedContent: 1, pageCacheSwr: 1.5, extra: true }, 1).catch((e: unknown) => e);
      expect(isAppError(err, 'JD_ERR_VALIDATION')).toBe(true);
      expect(Object.keys((err as { fields: object }).fields).sort()).toEqual(['_', 'defaultVariant', 'feedContent', 'pageCacheSwr', 'siteName']);
      expect((await s.view()).fields.every((f) => !f.overridden)).toBe(true);
      expect(isAppError(await s.update('nope', 1).catch((e: unknown) => e), 'JD_ERR_VALIDATION')).toBe(true);
    });

    it('shows another process’s change within its check interval, and at once after invalidate', async () => {
      const here = make(2000);
      const there = make(150);
      await there.refresh();
      const far = make(60_000);
      await far.refresh();
      await here.update({ siteName: '另一個進程改的' }, 1);
      expect(there.current().siteName).toBe('設定的站名');
      await sleep(200);
      await there.refresh();
      expect(there.current().siteName).toBe('另一個進程改的');
      // A long interval still follows a purge message from the other process.
      await far.refresh();
      expect(far.current().siteName).toBe('設定的站名');
      far.invalidate();
      await far.refresh();
      expect(far.liveConfig().siteName).toBe('另一個進程改的');
      await here.update({ siteName: null }, 1);
    });
  });
}

describe('site settings while the database is away', () => {
  it('keep serving the last values and read again later', async () => {
    let down = false;
    const rows = [{ key: 'siteName', value: JSON.stringify('存好的站名'), updated_at: '2026-11-01T00:00:00.000Z', updated_by: 1 }];
    const repo = {
      version: async () => {
        if (down) throw new TypeError('connection refused');
        return 1;
      },
      all: async () => rows,
      write: async () => {},
    } as unknown as SiteSettingsRepo;
    const s = new SiteSettingsService({ repo, config: testConfig(), now: () => new Date(), checkEveryMs: 0 });
    expect((await s.refresh()).siteName).toBe('存好的站名');
    down = true;
    expect((await s.refresh()).siteName).toBe('存好的站名');
    await expect(s.view()).rejects.toThrow('connection refused');
    down = false;
    rows[0] = { ...rows[0]!, value: JSON.stringify('new') };
    // Same version: nothing is re-read.
    expect((await s.refresh()).siteName).toBe('存好的站名');
  });
});
