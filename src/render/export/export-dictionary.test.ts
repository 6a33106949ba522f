import { describe, expect, it } from 'vitest';
import { ContentLocalizer } from '../../content/localize.js';
import type { Conversion, DictionaryService } from '../../dictionary/dictionary.service.js';
import type { ScriptConverter } from '../../zh/convert.js';
import { ExportDictionary } from './export-dictionary.js';

/** A dictionary service whose version changes on every read, as if edited during the build. */
function changingService(): DictionaryService {
  let version = 7;
  const zh = {} as ScriptConverter;
  const fake = {
    current: (): Promise<Conversion> => Promise.resolve({ version: version++, zh, localizer: new ContentLocalizer(zh) }),
    list: () => Promise.resolve([{ id: 1 }]),
  };
  return fake as unknown as DictionaryService;
}

describe('ExportDictionary', () => {
  it('pins the version the build started with and keeps one localizer until released', async () => {
    const d = await ExportDictionary.open(changingService());
    const a = await d.service.current();
    const b = await d.service.current();
    expect(d.version).toBe(7);
    expect([a.version, b.version]).toEqual([7, 7]);
    expect(b.localizer).toBe(a.localizer);
    d.release();
    const c = await d.service.current();
    expect(c.version).toBe(7);
    expect(c.zh).toBe(a.zh);
    expect(c.localizer).not.toBe(a.localizer);
  });

  it('passes every other method through to the service', async () => {
    const d = await ExportDictionary.open(changingService());
    await expect(d.service.list()).resolves.toEqual([{ id: 1 }]);
  });
});
