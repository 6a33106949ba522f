import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyImport, lazyRequire } from './lazy.js';

describe('lazyRequire', () => {
  it('loads nothing until called, then returns the same module', () => {
    const missing = lazyRequire('jiaodian-no-such-package');
    const loadPath = lazyRequire<typeof path>('node:path');
    expect(loadPath()).toBe(loadPath());
    expect(loadPath().join('a', 'b')).toBe(path.join('a', 'b'));
    // Only the call fails, with the package's own error, and again on the next call.
    expect(() => missing()).toThrow(/Cannot find module 'jiaodian-no-such-package'/);
    expect(() => missing()).toThrow(/Cannot find module 'jiaodian-no-such-package'/);
  });
});

describe('lazyImport', () => {
  it('starts the load once and shares it', async () => {
    let calls = 0;
    const load = lazyImport(async () => ({ n: ++calls }));
    expect(calls).toBe(0);
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toBe(a);
    expect(calls).toBe(1);
  });

  it('forgets a failed load, so the next call tries again', async () => {
    let calls = 0;
    const load = lazyImport(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('boom'), { code: 'ERR_MODULE_NOT_FOUND' });
      return 'ok';
    });
    await expect(load()).rejects.toThrow('boom');
    expect(await load()).toBe('ok');
    expect(calls).toBe(2);
  });

  it('surfaces a missing package as the import error', async () => {
    const load = lazyImport(() => import(/* @vite-ignore */ ['jiaodian', 'no-such-package'].join('-')));
    await expect(load()).rejects.toThrow(/jiaodian-no-such-package/);
  });
});
