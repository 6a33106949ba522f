import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/index.js';
import { loadConfig } from './load.js';

describe('loadConfig', () => {
  it('uses defaults, then the environment, then flags', () => {
    const c = loadConfig({}, {});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, defaultVariant: 'zh-Hant', siteUrl: 'http://127.0.0.1:3000' });
    expect(loadConfig({}, { PORT: '8080' }).port).toBe(8080);
    expect(loadConfig({ port: '9090' }, { PORT: '8080' }).port).toBe(9090);
  });

  it('returns a frozen config', () => {
    expect(Object.isFrozen(loadConfig({}, {}))).toBe(true);
  });

  it('stops on a bad value with one line naming the setting and what is allowed', () => {
    const cases: Array<[Record<string, string>, Record<string, string>, RegExp]> = [
      [{}, { PORT: 'abc' }, /^invalid setting PORT="abc": expected a whole number from 0 to 65535$/],
      [{ port: '70000' }, {}, /--port="70000"/],
      [{}, { JIAODIAN_DEFAULT_VARIANT: 'zh-CN' }, /JIAODIAN_DEFAULT_VARIANT="zh-CN": expected one of zh-Hans, zh-Hant, zh-TW, zh-HK/],
      [{}, { DATABASE_URL: 'mysql://x' }, /DATABASE_URL.*postgres:\/\//],
      [{}, { JIAODIAN_TIMEZONE: 'Mars/Base' }, /JIAODIAN_TIMEZONE/],
    ];
    for (const [flags, env, message] of cases) {
      let err: unknown;
      try {
        loadConfig(flags, env);
      } catch (e) {
        err = e;
      }
      expect(isAppError(err, 'JD_ERR_CONFIG_INVALID')).toBe(true);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
