import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { flatString } from './flat-string.js';

// A rope like rendered markup: hundreds of short pieces joined one by one.
function rope(i: number): string {
  let s = '<ul>';
  for (let k = 0; k < 200; k++) s += `<li><a href="/a/${k}">焦點新聞${k}</a></li>` + String(i);
  return s;
}

function liveHeap(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('flatString', () => {
  it('returns the very same text', () => {
    const s = rope(7);
    expect(flatString(s)).toBe(s);
    expect(flatString('')).toBe('');
    expect(flatString('12')).toBe('12');
  });

  it('lets the pieces of a kept rope go: the heap holding 300 ropes shrinks by more than half', () => {
    const kept = Array.from({ length: 300 }, (_, i) => rope(i));
    const before = liveHeap();
    for (const s of kept) flatString(s);
    const after = liveHeap();
    const chars = kept.reduce((n, s) => n + s.length, 0);
    // Flat two-byte text takes 2 bytes a character; the ropes took several times that.
    expect(before - after).toBeGreaterThan(chars * 2);
    expect(kept[299]!.endsWith('199</a></li>299')).toBe(true);
  });
});
