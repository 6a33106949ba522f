import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SERVING_V8_FLAGS, tuneHeapForServing } from './heap-tuning.js';

vi.mock('node:v8', async (original) => ({ ...(await original<typeof import('node:v8')>()), setFlagsFromString: vi.fn() }));

const dir = mkdtempSync(join(tmpdir(), 'jd-heap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// V8 flags are per process, and these would change how every other test's process collects:
// the pattern runs in a plain child of its own (a loader such as tsx allocates enough on its
// own to change V8's decisions). Objects from one allocation site first live on (as rendered
// pages and their cache entries do), then die at once (as a cache hit's objects do). With
// pretenuring V8 has by then moved the site to the old generation, which grows by what the
// second phase allocates; without it the second phase stays in the young generation.
const PROBE = `
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
for (const flag of JSON.parse(process.argv[2])) setFlagsFromString(flag);
const old = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_used_size;
function make(i) { return { a: i, b: [i, i + 1], c: { d: i } }; }
let keep = [];
for (let r = 0; r < 10; r++) for (let i = 0; i < 300_000; i++) keep.push(make(i));
keep = null;
const before = old();
let sink;
for (let i = 0; i < 300_000; i++) sink = make(i);
console.log(JSON.stringify({ grewMb: (old() - before) / 1048576, kept: typeof sink }));
`;

async function oldGenerationGrowth(flags: readonly string[]): Promise<number> {
  const file = join(dir, 'probe.mjs');
  writeFileSync(file, PROBE);
  // Garbage collected on the main thread only: with concurrent marking, a full collection that
  // began in the first phase could end within the second (a busy CI machine made that happen),
  // free the first phase's objects and hide the growth measured. Single-threaded, collections
  // come at the same allocation points on any machine, however loaded.
  const { stdout } = await promisify(execFile)(process.execPath, ['--single-threaded-gc', file, JSON.stringify(flags)], { timeout: 60_000 });
  return (JSON.parse(stdout) as { grewMb: number }).grewMb;
}

describe('heap tuning for serving', () => {
  it('sets its flags in V8', async () => {
    const v8 = await import('node:v8');
    tuneHeapForServing();
    expect(vi.mocked(v8.setFlagsFromString).mock.calls.map((c) => c[0])).toEqual([...SERVING_V8_FLAGS]);
  });

  it('keeps short-lived objects of a once long-lived allocation site out of the old generation', async () => {
    // The pretenuring flag alone: a smaller growing factor may start a full collection within
    // the second phase, which would hide the growth this looks for.
    const pretenuring = SERVING_V8_FLAGS.filter((f) => f.includes('pretenuring'));
    expect(pretenuring).toEqual(['--no-allocation-site-pretenuring']);
    const [untuned, tuned] = await Promise.all([oldGenerationGrowth([]), oldGenerationGrowth(pretenuring)]);
    // The pattern does trigger pretenuring where nothing turns it off (some 40 MB here)…
    expect(untuned).toBeGreaterThan(20);
    // …and the server's flag keeps the same allocations young (a few MB of other objects).
    expect(tuned).toBeLessThan(12);
  }, 60_000);
});
