import { readFile } from 'node:fs/promises';
import type { BenchContext, Figure, Measurement } from '../measure.js';

/**
 * The server's peak resident memory over the whole run (VmHWM, the kernel's high-water mark),
 * read from /proc after the load runs. Linux only; elsewhere the figure is left out.
 */
export const peakRss: Measurement = {
  title: 'server peak memory',
  async run(ctx: BenchContext): Promise<Record<string, Figure>> {
    const server = await ctx.server();
    let status: string;
    try {
      status = await readFile(`/proc/${server.pid}/status`, 'utf8');
    } catch {
      ctx.log('  /proc is not available here: no memory figure');
      return {};
    }
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kb === undefined) throw new Error(`no VmHWM line in /proc/${server.pid}/status`);
    return { server_peak_rss_mb: { value: Number(kb) / 1024, unit: 'MB' } };
  },
};
