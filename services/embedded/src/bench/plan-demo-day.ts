/**
 * Plans the demo city's full day in the embedded mode while probing the gateway's `/healthz`,
 * and prints the figures: /healthz latency (p50/p99/max) and the event loop's worst delay over
 * the run, the main thread's busy share and garbage-collection pauses, the process's CPU use and
 * the machine's load (the figures are pessimistic on a shared machine), the planning time, and
 * the plan's totals.
 *
 *   pnpm --filter @anbu/embedded bench:plan-demo-day [timeLimitSeconds=30] [cpuprofile path] [--pglite-main] [--on-disk]
 *
 * With a path, the main thread's CPU profile of the planning (not the seeding) is written there.
 * `--pglite-main` runs PGlite on the main thread instead of its worker thread, to compare;
 * `--on-disk` keeps the database in a temporary data folder (as `pnpm start` does) instead of
 * in memory.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

import type { Plan, PlanningRun } from '@anbu/contracts';
import { seoulDate } from '@anbu/contracts';
import { DEFAULT_DEMO_SEED } from '@anbu/demo-city';
import { createLogger } from '@anbu/service-kit';

import { startEmbedded } from '../start-embedded.js';
import { summarise } from './latency.js';

/** How often /healthz is asked while planning. */
const PROBE_EVERY_MS = 20;

interface Trpc {
  call<T>(path: string, input: unknown, mutation?: boolean): Promise<T>;
}

function trpcClient(url: string, cookie: string): Trpc {
  return {
    async call<T>(path: string, input: unknown, mutation = false): Promise<T> {
      const res = mutation
        ? await fetch(`${url}/trpc/${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify(input),
          })
        : await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
            headers: { cookie },
          });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { result: { data: T } }).result.data;
    },
  };
}

async function signIn(url: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Asks /healthz back to back (one at a time, `PROBE_EVERY_MS` apart) until stopped. */
function probeHealth(url: string) {
  const latencies: number[] = [];
  /** When each probe was sent, in ms from the start of probing. */
  const sentAt: number[] = [];
  const origin = performance.now();
  let failures = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${url}/healthz`).catch(() => undefined);
      latencies.push(performance.now() - started);
      sentAt.push(started - origin);
      if (!res?.ok) failures++;
      await res?.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { latencies, sentAt, failures };
    },
  };
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** Quiet: this long without a /healthz answer over 100 ms. */
const SETTLED_FOR_MS = 5_000;
/** Gives up waiting for quiet after this long. */
const SETTLE_LIMIT_MS = 180_000;

/**
 * Waits until the system is quiet after seeding (the services work off the seed's events),
 * so that the figures measure planning; answers how long that took and the worst /healthz.
 */
async function settle(url: string): Promise<{ ms: number; worst: number }> {
  const started = performance.now();
  let quietSince = started;
  let worst = 0;
  while (performance.now() - quietSince < SETTLED_FOR_MS) {
    if (performance.now() - started > SETTLE_LIMIT_MS) break;
    const asked = performance.now();
    await fetch(`${url}/healthz`).then((res) => res.arrayBuffer());
    const latency = performance.now() - asked;
    worst = Math.max(worst, latency);
    if (latency > 100) quietSince = performance.now();
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
  return { ms: performance.now() - started, worst };
}

/** A fresh folder under the system's temporary folder, removed on dispose. */
async function temporaryFolder(): Promise<AsyncDisposable & { path: string }> {
  const path = await mkdtemp(join(tmpdir(), 'anbu-bench-'));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const [timeLimitArg, profilePath] = args.filter((arg) => !arg.startsWith('--'));
  const timeLimitSeconds = Number(timeLimitArg ?? 30);
  const pgliteThread = args.includes('--pglite-main') ? 'main' : 'worker';
  const log = createLogger({ service: 'bench', level: 'warn' });
  await using dataDir = args.includes('--on-disk')
    ? await temporaryFolder()
    : { path: 'memory://', [Symbol.asyncDispose]: () => Promise.resolve() };
  const seedStarted = performance.now();
  await using system = await startEmbedded({
    dataDir: dataDir.path,
    port: 0,
    host: '127.0.0.1',
    log,
    encryptionKey: randomBytes(32).toString('base64'),
    demoSeed: DEFAULT_DEMO_SEED,
    pgliteThread,
  });
  const seedMs = performance.now() - seedStarted;
  const dispatcher = system.users.find((u) => u.roles.includes('dispatcher'));
  if (!dispatcher) throw new Error('the demo city has no dispatcher');
  const trpc = trpcClient(
    system.url,
    await signIn(system.url, dispatcher.login, dispatcher.password),
  );
  const date = seoulDate();
  const settled = await settle(system.url);

  const inspector = profilePath ? new Session() : undefined;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const gcPauses: number[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const loadBefore = loadavg()[0] ?? 0;
  const cpuBefore = process.cpuUsage();
  const eluBefore = performance.eventLoopUtilization();
  const probe = probeHealth(system.url);
  const started = performance.now();
  const queued = await trpc.call<PlanningRun>(
    'dispatch.planningStart',
    { date, timeLimitSeconds },
    true,
  );
  const startMs = performance.now() - started;
  let run = queued;
  while (!FINISHED.has(run.status)) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    run = await trpc.call<PlanningRun>('dispatch.planningGet', { runId: queued.id });
  }
  const planningMs = performance.now() - started;
  const plan = run.planId
    ? await trpc.call<Plan>('dispatch.plan', { planId: run.planId })
    : undefined;
  const totalMs = performance.now() - started;
  const { latencies, sentAt, failures } = await probe.stop();
  loop.disable();
  gc.disconnect();
  const cpu = process.cpuUsage(cpuBefore);
  const elu = performance.eventLoopUtilization(eluBefore);
  const loadAfter = loadavg()[0] ?? 0;
  if (inspector && profilePath) {
    const { profile } = await inspector.post('Profiler.stop');
    await writeFile(profilePath, JSON.stringify(profile));
    inspector.disconnect();
  }

  const health = summarise(latencies);
  const pauses = summarise(gcPauses);
  const over = latencies.filter((ms) => ms > 100).length;
  const slowest = latencies
    .map((ms, i) => ({ ms, at: sentAt[i] ?? 0 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map(({ ms, at }) => `${ms.toFixed(0)} ms at ${(at / 1000).toFixed(1)} s`)
    .join(', ');
  const heapMb = getHeapStatistics().used_heap_size / 2 ** 20;
  const reasons = new Map<string, number>();
  for (const u of plan?.unassigned ?? []) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  const stops = plan?.routes.reduce((sum, r) => sum + r.stops.length, 0) ?? 0;
  const lines = [
    `demo city ${DEFAULT_DEMO_SEED}, day ${date}: seeded and started in ${(seedMs / 1000).toFixed(1)} s (PGlite on the ${pgliteThread} thread, data in ${dataDir.path})`,
    `after seeding, quiet (5 s of /healthz <= 100 ms) after ${(settled.ms / 1000).toFixed(1)} s; worst /healthz meanwhile ${settled.worst.toFixed(0)} ms`,
    `run ${run.status}${run.error ? ` (${run.error})` : ''}, time limit ${timeLimitSeconds} s`,
    `  planningStart answered in ${startMs.toFixed(0)} ms (problem built and stored)`,
    `  queued -> ${run.status}: ${(planningMs / 1000).toFixed(1)} s; plan read back: ${((totalMs - planningMs) / 1000).toFixed(2)} s`,
    `  solver: ${run.progress.iterations} iterations in ${(run.progress.elapsedMs / 1000).toFixed(1)} s`,
    `plan: ${plan?.routes.length ?? 0} routes, ${stops} stops routed, ${plan?.unassigned.length ?? 0} unassigned`,
    `  unassigned by reason: ${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}`,
    `  distance ${((plan?.totalDistanceMeters ?? 0) / 1000).toFixed(1)} km, duration ${((plan?.totalDurationSeconds ?? 0) / 3600).toFixed(1)} h`,
    `/healthz during the run: ${health.count} probes, ${failures} not ok, p50 ${health.p50.toFixed(1)} ms, p99 ${health.p99.toFixed(1)} ms, max ${health.max.toFixed(1)} ms, ${over} over 100 ms`,
    `  slowest: ${slowest} (from the planning start)`,
    `event loop delay: p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
    `main thread busy ${(elu.utilization * 100).toFixed(0)} % of the run; GC pauses ${pauses.count}, p99 ${pauses.p99.toFixed(1)} ms, max ${pauses.max.toFixed(1)} ms; heap in use ${heapMb.toFixed(0)} MB`,
    `CPU: this process ${((cpu.user + cpu.system) / 1000 / totalMs).toFixed(2)} cores over the run (all threads); machine load ${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)} on ${String(availableParallelism())} cores`,
    health.max <= 100 ? 'OK: /healthz stayed within 100 ms' : 'OVER: /healthz exceeded 100 ms',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
