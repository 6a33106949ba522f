import { describe, expect, it } from 'vitest';
import { buildReport, formatTable } from './report.js';

const machine = { cpus: 2, cpuModel: 'Test CPU', memGB: 4, node: 'v20.0.0', platform: 'linux' };

describe('buildReport', () => {
  it('adds value / baseline as ratio, and leaves it out without a measured baseline', () => {
    const report = buildReport(
      new Map([
        ['article_cached_rps', { value: 2500.456, unit: 'req/s', baseline: 'bare_node_rps' }],
        ['bare_node_rps', { value: 10000, unit: 'req/s' }],
        ['orphan', { value: 1, unit: 'ms', baseline: 'missing' }],
      ]),
      machine,
    );
    expect(report).toEqual({
      machine,
      figures: {
        article_cached_rps: { value: 2500.46, unit: 'req/s', baseline: 'bare_node_rps', ratio: 0.25 },
        bare_node_rps: { value: 10000, unit: 'req/s' },
        orphan: { value: 1, unit: 'ms', baseline: 'missing' },
      },
    });
    expect(formatTable(report)).toContain('0.250 × bare_node_rps');
  });
});
