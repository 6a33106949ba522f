import { describe, expect, it } from 'vitest';
import { parseBenchArgs, UsageError } from './args.js';

describe('parseBenchArgs', () => {
  it('has defaults and reads every flag', () => {
    expect(parseBenchArgs([])).toMatchObject({ articles: 10_000, duration: 10, seed: 1, json: false, keep: false, only: [] });
    expect(parseBenchArgs(['--articles', '2000', '--duration=5', '--seed', '0', '--json', '--keep'])).toMatchObject({ articles: 2000, duration: 5, seed: 0, json: true, keep: true });
  });

  it('reads --only as lower-case words of measurement titles', () => {
    expect(parseBenchArgs(['--only', 'Page Cache, uncached ,']).only).toEqual(['page cache', 'uncached']);
  });

  it.each([['--articles', 'abc'], ['--articles', '0'], ['--duration', '1.5'], ['--seed', '-1'], ['--bogus'], ['--duration'], ['stray'], ['--only', ' , ']])(
    'rejects %s %s with a one-line UsageError',
    (...argv) => {
      expect(() => parseBenchArgs(argv)).toThrow(UsageError);
      try {
        parseBenchArgs(argv);
      } catch (err) {
        expect((err as Error).message).not.toContain('\n');
      }
    },
  );
});
