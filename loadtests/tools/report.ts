// Turns one run's figures (k6 summary, process samples, NATS lag, the checker) into Markdown.
import type { CheckReport } from './check.ts';
import type { SamplerReport } from './sampler.ts';

/** The parts of k6's summary JSON (handleSummary's `data`) that the report reads. */
export interface K6Summary {
  readonly metrics: Readonly<
    Record<
      string,
      {
        readonly type?: string;
        readonly values?: Readonly<Record<string, number>>;
        readonly thresholds?: Readonly<Record<string, { readonly ok: boolean }>>;
      }
    >
  >;
  readonly state?: { readonly testRunDurationMs?: number };
}

export interface ThresholdResult {
  readonly metric: string;
  readonly rule: string;
  readonly ok: boolean;
}

export function thresholdResults(summary: K6Summary): ThresholdResult[] {
  return Object.entries(summary.metrics).flatMap(([metric, m]) =>
    Object.entries(m.thresholds ?? {}).map(([rule, t]) => ({ metric, rule, ok: t.ok })),
  );
}

const ms = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(1));
const n0 = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(0));

/** Rows per request name: count, rate, latency percentiles, failures. */
function requestTable(summary: K6Summary): string[] {
  const seconds = (summary.state?.testRunDurationMs ?? 0) / 1000;
  const rows: string[] = [
    '| request | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const [metric, m] of Object.entries(summary.metrics)) {
    const name = /^http_req_duration\{name:(.+)\}$/.exec(metric)?.[1];
    if (!name || !m.values) continue;
    const v = m.values;
    rows.push(
      `| ${name} | ${ms(v['med'])} | ${ms(v['p(95)'])} | ${ms(v['p(99)'])} | ${ms(v['max'])} |`,
    );
  }
  const reqs = summary.metrics['http_reqs']?.values;
  const failed = summary.metrics['http_req_failed']?.values;
  const iterations = summary.metrics['iterations']?.values;
  const dropped = summary.metrics['dropped_iterations']?.values;
  rows.push(
    '',
    `All requests: ${n0(reqs?.['count'])} in ${seconds.toFixed(0)} s (${ms(reqs?.['rate'])}/s), ` +
      `failed ${((failed?.['rate'] ?? 0) * 100).toFixed(2)} %; iterations ${n0(iterations?.['count'])}, ` +
      `dropped iterations (no free VU in time) ${n0(dropped?.['count'] ?? 0)}.`,
  );
  const planning = summary.metrics['planning_run_seconds']?.values;
  if (planning) {
    rows.push(
      `Planning runs (start to end, per district): median ${ms(planning['med'])} s, p95 ${ms(planning['p(95)'])} s, max ${ms(planning['max'])} s.`,
    );
  }
  const counters = ['donations_accepted', 'needs_accepted', 'replay_mismatch'];
  if (planning) counters.push('planning_orders_routed', 'planning_orders_unassigned');
  const counted = counters
    .map((c) => `${c} ${n0(summary.metrics[c]?.values?.['count'] ?? 0)}`)
    .join(', ');
  rows.push(`Counters: ${counted}.`);
  return rows;
}

/**
 * CPU per process, and per request: CPU milliseconds each request cost every process. From that,
 * the rate at which a single-threaded Node service would fill its one core, and the rate at which
 * the stack (with k6, or alone) would fill the whole machine if nobody else used it.
 */
export function processTable(sampler: SamplerReport, requests: number): string[] {
  const perRequest = (cpuMean: number) =>
    requests > 0 ? ((cpuMean / 100) * sampler.seconds * 1000) / requests : 0;
  const rows = [
    '| process | CPU mean % of a core | CPU max % | RSS max MiB | CPU ms per request | one core full at req/s |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  const sorted = [...sampler.processes].sort((a, b) => b.cpuMean - a.cpuMean);
  for (const p of sorted) {
    const ms = perRequest(p.cpuMean);
    const ceiling = ms > 0 ? (1000 / ms).toFixed(0) : '–';
    rows.push(
      `| ${p.name} | ${p.cpuMean.toFixed(0)} | ${p.cpuMax.toFixed(0)} | ${p.rssMaxMiB.toFixed(0)} | ${ms.toFixed(2)} | ${ceiling} |`,
    );
  }
  rows.push(
    `| whole machine (${sampler.machine.cores} cores, every process incl. other users') | ${sampler.machine.cpuMean.toFixed(0)} | ${sampler.machine.cpuMax.toFixed(0)} | | | |`,
  );
  const stackMs = sorted.filter((p) => !p.load).reduce((a, p) => a + perRequest(p.cpuMean), 0);
  const allMs = sorted.reduce((a, p) => a + perRequest(p.cpuMean), 0);
  if (requests > 0 && stackMs > 0) {
    const cores = sampler.machine.cores;
    rows.push(
      '',
      `CPU per request: stack ${stackMs.toFixed(2)} ms, with k6 ${allMs.toFixed(2)} ms. ` +
        `On ${cores} idle cores that is at most ${((cores * 1000) / allMs).toFixed(0)} req/s with k6 on the same machine, ` +
        `${((cores * 1000) / stackMs).toFixed(0)} req/s with the load generated elsewhere (before any single process fills its core).`,
    );
  }
  return rows;
}

function lagLines(sampler: SamplerReport): string[] {
  const per = Object.entries(sampler.lag.perConsumerMax)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, pending]) => `${name} ${pending}`);
  return [
    `NATS JetStream consumer lag (pending + unacknowledged, all consumers, /jsz every ${sampler.intervalMs} ms, ${sampler.lag.samples} samples): ` +
      `max ${sampler.lag.maxPending}, at the end ${sampler.lag.finalPending}.`,
    per.length > 0
      ? `Highest per consumer: ${per.join('; ')}.`
      : 'No consumer ever had pending messages.',
  ];
}

function checkLines(check: CheckReport | undefined): string[] {
  if (!check) return ['The checker did not run.'];
  const rows = [
    `Checker (databases after the run): **${check.ok ? 'nothing lost or doubled' : 'FAILED'}**.`,
    '',
    '| record | accepted (2xx keys) | stored | lost | doubled | replay answered another id | stored without a 2xx |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const k of check.kinds) {
    rows.push(
      `| ${k.kind} | ${k.accepted} | ${k.stored} | ${k.lost} | ${k.doubled} | ${k.replayMismatches} | ${k.storedUnacknowledged} |`,
    );
  }
  return rows;
}

export interface RunSection {
  readonly title: string;
  readonly summary: K6Summary | undefined;
  readonly sampler: SamplerReport | undefined;
  readonly check: CheckReport | undefined;
  readonly notes: readonly string[];
}

/** One run (or one capacity step) as a Markdown section. */
export function section(run: RunSection): string {
  const lines = [`## ${run.title}`, ''];
  for (const note of run.notes) lines.push(`- ${note}`);
  if (run.notes.length > 0) lines.push('');
  if (run.summary) {
    const thresholds = thresholdResults(run.summary);
    const failed = thresholds.filter((t) => !t.ok);
    lines.push(
      `Thresholds: ${thresholds.length - failed.length} of ${thresholds.length} met` +
        (failed.length > 0
          ? ` (missed: ${failed.map((t) => `${t.metric} ${t.rule}`).join('; ')})`
          : '') +
        '.',
      '',
      ...requestTable(run.summary),
      '',
    );
  } else {
    lines.push('k6 wrote no summary.', '');
  }
  if (run.sampler) {
    const requests = run.summary?.metrics['http_reqs']?.values?.['count'] ?? 0;
    lines.push(...processTable(run.sampler, requests), '', ...lagLines(run.sampler), '');
  }
  lines.push(...checkLines(run.check), '');
  return lines.join('\n');
}
