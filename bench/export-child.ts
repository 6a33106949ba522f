/**
 * One static export in a process of its own, so that its peak memory is its own: run by
 * `measures/export.ts` as `node export-child.js DATA_DIR OUT_DIR [--incremental]`. Prints one
 * JSON line: the build's result, CPU seconds and the process's peak RSS (VmHWM) in MB.
 */
import { readFileSync } from 'node:fs';
import { createContainer } from '../src/container.js';
import { buildStaticSite } from '../src/render/export/build-site.js';
import { benchConfig } from './load.js';

const [dataDir, out, flag] = process.argv.slice(2);
if (!dataDir || !out) {
  process.stderr.write('usage: export-child.js DATA_DIR OUT_DIR [--incremental]\n');
  process.exit(2);
}
// A build serves nothing: the page cache setting is off, as no server runs in this process.
const c = await createContainer({ ...benchConfig(dataDir), pageCache: 'off' });
try {
  const cpu = process.cpuUsage();
  const result = await buildStaticSite(c, { out, incremental: flag === '--incremental' });
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ result, cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: peakRssMb() })}\n`);
} finally {
  await c.close();
}

function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // Not Linux: the resource usage's maxRSS (kB) is the same high-water mark.
  }
  return process.resourceUsage().maxRSS / 1024;
}
