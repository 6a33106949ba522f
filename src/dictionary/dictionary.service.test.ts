import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { ScriptConverter } from '../zh/convert.js';
import { DictionaryRepo } from './dictionary.repo.js';
import { DictionaryService } from './dictionary.service.js';

// One converter for every dialect: OpenCC's tries are the slow part.
const converter = new ScriptConverter();

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`site dictionary editing on ${dialect.name}`, () => {
    let db: Db;
    let dictionary: DictionaryService;
    beforeAll(async () => {
      db = await dialect.open();
      dictionary = new DictionaryService({ dictionaryRepo: new DictionaryRepo(db.kysely), converter, now: () => new Date('2026-11-01T00:00:00Z'), checkEveryMs: 60_000 });
    });
    afterAll(async () => {
      await db?.close();
    });

    it('replaces a term, bumps the version, and previews with an unsaved term', async () => {
      const text = '哈萨克斯坦的软件';
      expect((await dictionary.preview(text))['zh-TW']).toBe('哈薩克的軟體');
      const t = await dictionary.add({ match: ['哈萨克斯坦'] });
      const v1 = (await dictionary.current()).version;
      expect((await dictionary.preview(text))['zh-TW']).toBe('哈萨克斯坦的軟體');
      const edited = await dictionary.update(t.id, { match: ['哈萨克斯坦'], outputs: { 'zh-TW': '哈薩克斯坦' }, note: '國名' });
      expect(edited).toMatchObject({ id: t.id, outputs: { 'zh-TW': '哈薩克斯坦' }, note: '國名' });
      expect((await dictionary.current()).version).toBe(v1 + 1);
      expect((await dictionary.preview(text))['zh-TW']).toBe('哈薩克斯坦的軟體');
      // The term being edited replaces its stored form in the preview; an unfinished one is ignored.
      expect((await dictionary.preview(text, { term: { match: ['哈萨克斯坦'], outputs: { 'zh-TW': '哈國' } }, replaces: t.id }))['zh-TW']).toBe('哈國的軟體');
      expect((await dictionary.preview(text, { term: { match: [] } }))['zh-TW']).toBe('哈薩克斯坦的軟體');
      expect(isAppError(await dictionary.update(999_999, { match: ['x'] }).catch((e: unknown) => e), 'JD_ERR_DICTIONARY_TERM_NOT_FOUND')).toBe(true);
      expect(isAppError(await dictionary.update(t.id, { match: [''] }).catch((e: unknown) => e), 'JD_ERR_VALIDATION')).toBe(true);
      await dictionary.remove(t.id);
    });
  });
}
