import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress.js';

function run(tty: boolean, steps: Array<[at: number, done: number]>, total: number) {
  let t = 0;
  let out = '';
  const bar = new ProgressBar({ write: (s) => (out += s), tty, unit: 'articles', columns: 80, everyMs: 1000, now: () => t });
  for (const [at, done] of steps) {
    t = at;
    bar.update(done, total);
  }
  bar.done();
  return out;
}

describe('ProgressBar', () => {
  it('redraws one line on a terminal and ends it', () => {
    const out = run(true, [[0, 0], [50, 100], [500, 500], [1000, 1000]], 1000);
    expect(out.startsWith('\r[')).toBe(true);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.split('\n')).toHaveLength(2);
    // The update 50 ms after the first is skipped: redraws are rate-limited.
    expect(out.split('\r')).toHaveLength(4);
    expect(out).toContain('[########################################] 100%  1,000/1,000 articles  1,000/s');
    expect(out).toContain('ETA 1s');
  });

  it('prints plain lines now and then elsewhere: first, every interval and last', () => {
    const out = run(false, [[0, 0], [300, 100], [1200, 400], [1300, 450], [2500, 1000]], 1000);
    expect(out).not.toContain('\r');
    expect(out.trim().split('\n')).toEqual(['0%  0/1,000 articles  0/s', '40%  400/1,000 articles  333/s  ETA 2s', '100%  1,000/1,000 articles  400/s']);
  });

  it('copes with nothing to do', () => {
    expect(run(false, [[0, 0]], 0).trim()).toBe('100%  0/0 articles  0/s');
    let out = '';
    new ProgressBar({ write: (s) => (out += s), tty: true, unit: 'x' }).done();
    expect(out).toBe('');
  });
});
