import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Figure } from './measure.js';

/** The machine a run happened on, so results from different hosts are not compared blindly. */
export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memGB: number;
  readonly node: string;
  readonly platform: string;
}

/** A figure as reported: its ratio to the baseline figure when it has one. */
export interface ReportedFigure extends Figure {
  readonly ratio?: number;
}

/** The `--json` document and the content of `bench/results/*.json` (ARCHITECTURE.md, "Machine-readable output"). */
export interface BenchReport {
  readonly machine: Machine;
  readonly figures: Record<string, ReportedFigure>;
}

/** Describes this machine. */
export function machineInfo(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memGB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: process.platform,
  };
}

/**
 * Builds the report: values rounded for reading, and `ratio = value / baseline value` for every
 * figure whose baseline was measured in the same run.
 */
export function buildReport(figures: ReadonlyMap<string, Figure>, machine: Machine = machineInfo()): BenchReport {
  const out: Record<string, ReportedFigure> = {};
  for (const [name, f] of figures) {
    const base = f.baseline === undefined ? undefined : figures.get(f.baseline);
    const ratio = base && base.value !== 0 ? round(f.value / base.value, 3) : undefined;
    out[name] = { value: round(f.value, 2), unit: f.unit, ...(f.baseline !== undefined ? { baseline: f.baseline } : {}), ...(ratio !== undefined ? { ratio } : {}) };
  }
  return { machine, figures: out };
}

/** The report as an aligned plain-text table, machine line first. */
export function formatTable(report: BenchReport): string {
  const m = report.machine;
  const rows = Object.entries(report.figures).map(([name, f]) => [
    name,
    f.value.toLocaleString('en-US', { maximumFractionDigits: 2 }),
    f.unit,
    f.baseline === undefined ? '' : `${f.ratio === undefined ? '?' : f.ratio.toFixed(3)} × ${f.baseline}`,
  ]);
  const head = ['figure', 'value', 'unit', 'ratio to baseline'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [
    `${m.cpuModel} × ${m.cpus}, ${m.memGB} GB, Node ${m.node} on ${m.platform}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

/** Writes the report to `latest.json` and `<timestamp>.json` in `dir`; returns both paths. */
export async function writeReport(report: BenchReport, dir: string, at: Date = new Date()): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const paths = [join(dir, 'latest.json'), join(dir, `${at.toISOString().replace(/[:.]/g, '-')}.json`)];
  for (const p of paths) await writeFile(p, text);
  return paths;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
