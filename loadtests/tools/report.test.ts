import { describe, expect, it } from 'vitest';

import { processTable, section, thresholdResults } from './report.ts';

const summary = {
  state: { testRunDurationMs: 30_000 },
  metrics: {
    'http_req_duration{name:POST /api/v1/donations}': {
      values: { med: 50, 'p(95)': 120, 'p(99)': 190, max: 300 },
      thresholds: { 'p(95)<200': { ok: true }, 'p(99)<150': { ok: false } },
    },
    http_reqs: { values: { count: 150, rate: 5 } },
    http_req_failed: { values: { rate: 0 }, thresholds: { 'rate<0.01': { ok: true } } },
  },
};

describe('thresholdResults', () => {
  it('should list every threshold of every metric with its outcome', () => {
    expect(thresholdResults(summary)).toEqual([
      { metric: 'http_req_duration{name:POST /api/v1/donations}', rule: 'p(95)<200', ok: true },
      { metric: 'http_req_duration{name:POST /api/v1/donations}', rule: 'p(99)<150', ok: false },
      { metric: 'http_req_failed', rule: 'rate<0.01', ok: true },
    ]);
  });
});

describe('section', () => {
  it('should name the missed thresholds and the request latencies', () => {
    const text = section({
      title: 'step',
      summary,
      sampler: undefined,
      check: undefined,
      notes: [],
    });
    expect(text).toContain(
      'Thresholds: 2 of 3 met (missed: http_req_duration{name:POST /api/v1/donations} p(99)<150)',
    );
    expect(text).toContain('| POST /api/v1/donations | 50.0 | 120.0 | 190.0 | 300.0 |');
    expect(text).toContain('The checker did not run.');
  });
});

describe('processTable', () => {
  it('should turn CPU shares into milliseconds per request and ceilings', () => {
    const rows = processTable(
      {
        intervalMs: 1000,
        seconds: 10,
        samples: 10,
        processes: [
          { name: 'gateway-1', load: false, cpuMean: 50, cpuMax: 60, rssMaxMiB: 100 },
          { name: 'k6', load: true, cpuMean: 25, cpuMax: 30, rssMaxMiB: 50 },
        ],
        machine: { cpuMean: 100, cpuMax: 120, cores: 2 },
        lag: { maxPending: 0, finalPending: 0, perConsumerMax: {}, samples: 10 },
      },
      1000,
    );
    // 50 % of a core for 10 s = 5,000 ms over 1,000 requests = 5 ms each: one core full at 200/s.
    expect(rows).toContain('| gateway-1 | 50 | 60 | 100 | 5.00 | 200 |');
    expect(rows.at(-1)).toContain('stack 5.00 ms, with k6 7.50 ms');
    expect(rows.at(-1)).toContain('at most 267 req/s with k6 on the same machine, 400 req/s');
  });
});
