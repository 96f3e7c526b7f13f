// `pnpm loadtest` / `pnpm loadtest:smoke`: starts the distributed stack (PostgreSQL, nats-server,
// gateway and every service as processes) in a temp folder on free ports, seeds the peak data
// set, runs k6, samples CPU/memory per process and NATS consumer lag, checks that nothing was
// lost or doubled, stops everything it started (also on failure or ^C), and writes a report.
//
//   node loadtests/tools/run.ts --profile smoke
//   node loadtests/tools/run.ts --profile peak [--scenarios surge-intake,field-traffic]
//   node loadtests/tools/run.ts --profile capacity --rates 50,100,200,400 --hold 45s
//   node loadtests/tools/run.ts --profile capacity --scenarios field-traffic --rates 100,167,250
// Options: --no-build (use the built dist/), --keep (keep the temp state folder and its logs),
// --note TEXT (a line for the report, e.g. who else used the machine), --households N.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import type { CheckReport } from './check.ts';
import type { Fixtures } from './fixtures.ts';
import type { K6Summary, RunSection } from './report.ts';
import type { SamplerReport } from './sampler.ts';
import type { Stack } from './stack.ts';
import { checkRun } from './check.ts';
import { profileSection } from './cpu-profile.ts';
import { section, thresholdResults } from './report.ts';
import { startSampler } from './sampler.ts';
import { seedPeak } from './seed.ts';
import { buildServices, printLogTails, REPO_ROOT, spawnRun, startStack } from './stack.ts';

const LOADTESTS = join(REPO_ROOT, 'loadtests');

const { values: args } = parseArgs({
  options: {
    profile: { type: 'string', default: 'peak' },
    scenarios: { type: 'string', default: '' },
    rates: { type: 'string', default: '25,50,100,200,400' },
    hold: { type: 'string', default: '45s' },
    households: { type: 'string', default: '3000' },
    'keys-per-partner': { type: 'string', default: '40' },
    // Orders planned and published for today so that carriers have stops (field traffic):
    // smoke 120, otherwise 20,000 (120 s of stop updates at 167/s).
    'route-orders': { type: 'string', default: '' },
    // Carriers with a shift today, partitioned over the districts (default: ~18 orders each,
    // the demo fleet's capacity; at least the city's 40).
    'route-carriers': { type: 'string', default: '' },
    // Solver limit of each district's run of today (the plans only need to exist).
    'route-limit': { type: 'string', default: '2' },
    // Orders of tomorrow the peak-planning scenario plans by district (peak profile only).
    'planning-orders': { type: 'string', default: '2000' },
    // Carriers with a shift on the peak day (the demo city's 40, plus copies of them beyond that).
    'planning-carriers': { type: 'string', default: '' },
    // Planning workers of the dispatch replica (DISPATCH_PLANNING_WORKERS; default: the cores).
    'planning-workers': { type: 'string', default: '' },
    // Seconds per district run beyond its solver limit (compile, construction, storing the plan).
    'planning-overhead': { type: 'string', default: '4' },
    note: { type: 'string', multiple: true, default: [] },
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    // V8 CPU profiles of every service, summarised in the report (adds some overhead).
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const profile = args.profile;
if (!['smoke', 'peak', 'capacity'].includes(profile)) {
  throw new Error(`--profile must be smoke, peak or capacity, not ${profile}`);
}

function k6Binary(): string {
  if (process.env['K6_BIN']) return process.env['K6_BIN'];
  let gopath = join(process.env['HOME'] ?? '/root', 'go');
  try {
    gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim() || gopath;
  } catch {
    // no Go on PATH: the default GOPATH
  }
  const candidate = join(gopath, 'bin', 'k6');
  return existsSync(candidate) ? candidate : 'k6';
}

/** Which request groups the stack can serve right now (procedures present, routes published). */
async function probe(
  stack: Stack,
  fixtures: Fixtures,
): Promise<{ ready: string[]; notes: string[] }> {
  const ready = ['donation', 'portal', 'poll'];
  const notes: string[] = [];
  const fileNeed = await fetch(`${stack.baseUrl}/trpc/households.fileNeed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (fileNeed.status === 404) {
    notes.push(
      'Caseworkers filing ad-hoc needs: not run, the gateway has no `households.fileNeed` procedure yet (the bus RPC `need.file` exists).',
    );
  } else {
    ready.push('need');
  }
  let stops = 0;
  for (const [i, carrier] of fixtures.carriers.slice(0, 3).entries()) {
    const res = await fetch(`${stack.baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.250.0.${i + 1}` },
      body: JSON.stringify(carrier),
    });
    const cookie = /anbu_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    if (!cookie) continue;
    const route = await fetch(`${stack.baseUrl}/trpc/dispatch.myRoute`, {
      headers: { cookie, 'x-forwarded-for': `10.250.0.${i + 1}` },
    });
    const body = (await route.json().catch(() => ({}))) as {
      result?: { data?: { route?: { stops?: unknown[] } | null } };
    };
    stops += body.result?.data?.route?.stops?.length ?? 0;
  }
  if (stops > 0) {
    ready.push('stop', 'visit');
  } else {
    notes.push(
      'Field traffic (stop updates, visit reports): not run, no carrier has a published route of today.',
    );
  }
  return { ready, notes };
}

/** Up to two distinct `FAILED <kind> <status> <body>` lines per kind from k6's console output. */
async function firstFailures(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const seen = new Map<string, Set<string>>();
  for (const match of text.matchAll(/FAILED (\S+) (\d+) ([^\n]{0,200})/g)) {
    const [line, kind = ''] = match;
    const lines = seen.get(kind) ?? new Set<string>();
    if (lines.size < 2) lines.add(line.replaceAll('`', "'"));
    seen.set(kind, lines);
  }
  return [...seen.values()].flatMap((lines) => [...lines]);
}

/** The peak day's outcome from k6's `PLANNED <district> …` lines: routed, unassigned and why. */
async function plannedDistricts(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  let districts = 0;
  let orders = 0;
  let routed = 0;
  let unassigned = 0;
  let slowest = 0;
  let limit = 0;
  const reasons = new Map<string, number>();
  const pattern =
    /PLANNED \S+ orders (\d+) routed (\d+) unassigned (\d+) limit (\d+) seconds ([\d.]+) reasons (\{[^\n]*\})/g;
  for (const m of text.matchAll(pattern)) {
    districts += 1;
    orders += Number(m[1]);
    routed += Number(m[2]);
    unassigned += Number(m[3]);
    limit = Number(m[4]);
    slowest = Math.max(slowest, Number(m[5]));
    const byReason = JSON.parse(m[6] ?? '{}') as Record<string, number>;
    for (const [reason, n] of Object.entries(byReason)) {
      reasons.set(reason, (reasons.get(reason) ?? 0) + n);
    }
  }
  if (districts === 0) return undefined;
  const why = [...reasons.entries()].map(([r, n]) => `${r} ${n}`).join(', ') || 'none';
  return (
    `Peak day planned: ${districts} district plans (solver limit ${limit} s each), slowest ${slowest.toFixed(0)} s from start to plan; ` +
    `${orders} orders: ${routed} routed, ${unassigned} unassigned (reasons: ${why}), ${orders - routed - unassigned} not accounted for.`
  );
}

interface StepResult {
  readonly section: RunSection;
  readonly passed: number;
  readonly failed: number;
}

async function k6Step(options: {
  stack: Stack;
  fixturesFile: string;
  title: string;
  runId: string;
  ready: readonly string[];
  extraEnv: Record<string, string>;
  notes: string[];
}): Promise<StepResult> {
  const { stack, runId } = options;
  const workDir = join(stack.stateDir, runId);
  await mkdir(workDir, { recursive: true });
  const summaryFile = join(workDir, 'summary.json');
  const acceptedFile = join(workDir, 'console.log');
  const env: Record<string, string> = {
    ANBU_BASE_URL: stack.baseUrl,
    ANBU_FIXTURES: options.fixturesFile,
    ANBU_RUN_ID: runId,
    ANBU_PROFILE: profile,
    ANBU_SCENARIOS: args.scenarios,
    ANBU_READY: options.ready.join(','),
    ANBU_SUMMARY_FILE: summaryFile,
    ...options.extraEnv,
  };
  const k6Args = [
    'run',
    '--quiet',
    '--no-usage-report',
    '--log-format',
    'raw',
    '--console-output',
    acceptedFile,
    ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    join(LOADTESTS, 'scenarios/main.ts'),
  ];
  process.stderr.write(`[loadtest] ${options.title}: k6 ${profile} (${runId})\n`);
  const k6Run = spawnRun(k6Binary(), k6Args, {
    env: { ...process.env, K6_NO_USAGE_REPORT: 'true' },
  });
  const sampler = startSampler({
    processes: [
      ...(await stack.processes()),
      ...(k6Run.pid ? [{ name: 'k6 (load generator)', pid: k6Run.pid, load: true }] : []),
    ],
    natsMonitorUrl: stack.natsMonitorUrl,
    intervalMs: 1000,
    cores: cpus().length,
  });
  const k6 = await k6Run.done;
  process.stdout.write(k6.stdout);
  let samples: SamplerReport | undefined;
  try {
    samples = await sampler.stop();
  } catch (error) {
    options.notes.push(`Sampling failed: ${String(error)}`);
  }
  let summary: K6Summary | undefined;
  try {
    summary = JSON.parse(await readFile(summaryFile, 'utf8')) as K6Summary;
  } catch {
    options.notes.push(`k6 exited with ${k6.code} and wrote no summary.`);
  }
  let check: CheckReport | undefined;
  try {
    check = await checkRun({ databaseUrl: stack.databaseUrl, runId, acceptedFile });
  } catch (error) {
    options.notes.push(`The checker failed: ${String(error)}`);
  }
  const planned = await plannedDistricts(acceptedFile);
  if (planned) options.notes.push(planned);
  const failures = await firstFailures(acceptedFile);
  if (failures.length > 0) {
    options.notes.push(`First failed responses: ${failures.map((f) => `\`${f}\``).join('; ')}`);
  }
  const thresholds = summary ? thresholdResults(summary) : [];
  const passed = thresholds.filter((t) => t.ok).length + (check?.ok ? 1 : 0);
  const failed =
    thresholds.filter((t) => !t.ok).length +
    (check?.ok ? 0 : 1) +
    (summary ? 0 : 1) +
    (k6.code === 0 || k6.code === 99 ? 0 : 1);
  if (k6.code !== 0 && k6.code !== 99) options.notes.push(`k6 exited with code ${k6.code}.`);
  return {
    section: { title: options.title, summary, sampler: samples, check, notes: options.notes },
    passed,
    failed,
  };
}

/** The peak rate of stop updates (10,000 a minute). */
const PEAK_STOP_RATE = 167;

/** Seconds of field traffic at the peak rate the routed stops last (the profile's 210 s at most). */
function fieldHold(stops: number): number {
  if (profile !== 'peak') return 30;
  return Math.max(10, Math.min(210, Math.floor(stops / PEAK_STOP_RATE)));
}

/** `2026-11-25T2004Z`: the report file's date, UTC like the report's heading. */
function fileStamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace(':', '')}Z`;
}

async function main(): Promise<number> {
  const started = new Date();
  const machine = [
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}; started ${started.toISOString()}.`,
    ...args.note,
  ];
  if (args.build && !args['no-build']) await buildServices();
  const profDir = args['cpu-prof'] ? await mkdtemp(join(tmpdir(), 'anbu-cpuprof-')) : undefined;
  const planningWorkers = Number(args['planning-workers'] || cpus().length);
  const stack = await startStack({
    extraEnv: {
      DISPATCH_PLANNING_WORKERS: String(planningWorkers),
      ...(profDir
        ? { NODE_OPTIONS: `--enable-source-maps --cpu-prof --cpu-prof-dir=${profDir}` }
        : {}),
    },
  });
  const names = new Map((await stack.processes()).map((p) => [p.pid, p.name]));
  let stopping = false;
  const stopOnSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[loadtest] ${signal}: stopping the stack\n`);
    void stack.stop({ keep: args.keep }).finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const results: StepResult[] = [];
  const runNotes: string[] = [];
  try {
    const fixturesFile = join(stack.stateDir, 'fixtures.json');
    const seedStart = performance.now();
    const routeOrders = Number(args['route-orders'] || (profile === 'smoke' ? 120 : 20_000));
    const routeCarriers = Number(args['route-carriers'] || Math.ceil(routeOrders / 18));
    const fieldWanted =
      profile === 'capacity'
        ? args.scenarios.includes('field-traffic')
        : args.scenarios === '' || /field-traffic|mixed-peak/.test(args.scenarios);
    const planningWanted =
      profile === 'peak' &&
      (args.scenarios === '' || /peak-planning|mixed-peak/.test(args.scenarios));
    const planningOrders = planningWanted ? Number(args['planning-orders']) : 0;
    const { fixtures, routes } = await seedPeak({
      databaseUrl: stack.databaseUrl,
      natsUrl: stack.natsUrl,
      keysPerPartner: Number(args['keys-per-partner']),
      householdCount: Number(args.households),
      seed: 'iksan-2026',
      out: fixturesFile,
      routeOrders: fieldWanted ? routeOrders : 0,
      routeCarriers,
      routeTimeLimitSeconds: Number(args['route-limit']),
      planningOrders,
      planningCarriers: Number(args['planning-carriers'] || 0),
    }).catch(async (error: unknown) => {
      // Field traffic needs routes; without them the rest still runs.
      runNotes.push(`Seeding routes failed, field traffic left out: ${String(error)}`);
      return seedPeak({
        databaseUrl: stack.databaseUrl,
        natsUrl: stack.natsUrl,
        keysPerPartner: Number(args['keys-per-partner']),
        householdCount: Number(args.households),
        seed: 'iksan-2026',
        out: fixturesFile,
        routeOrders: 0,
        routeCarriers: 0,
        routeTimeLimitSeconds: 0,
        planningOrders: 0,
        planningCarriers: 0,
      });
    });
    if (routes) {
      const why = Object.entries(routes.reasons)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ');
      runNotes.push(
        `Routes of today: ${routes.orders} orders, ${routes.fleet} carriers partitioned over ${routes.districts} districts, planned district by district in ${routes.planningSeconds.toFixed(0)} s (${routes.timeLimitSeconds} s solver limit each), ${routes.routedStops} stops on ${routes.carriers.length} carriers' routes (no carrier on two district plans), ${routes.unassigned} unassigned${why ? ` (${why})` : ''}; every district plan published.` +
          (routes.notes.length > 0 ? ` Planner notes: ${routes.notes.join('; ')}` : ''),
      );
    }
    runNotes.push(
      `Seeded ${fixtures.households} households, ${fixtures.apiKeys.length} partner API keys, ${fixtures.caseworkers.length} caseworkers in ${((performance.now() - seedStart) / 1000).toFixed(0)} s.`,
    );
    const { ready, notes } = await probe(stack, fixtures);
    runNotes.push(...notes);
    if (fixtures.planning.districts.length > 0) {
      ready.push('planning');
      runNotes.push(
        `Peak planning day ${fixtures.planning.date}: ${planningOrders} orders in ${fixtures.planning.districts.length} districts, ${fixtures.planning.carriers} carriers with a shift that day; planned district by district in parallel, one dispatch replica with ${planningWorkers} planning workers (each district's solver limit fitted to the 300 s day deadline).`,
      );
    }
    const base = `${profile}-${started.getTime().toString(36)}`;
    // Stop updates each step sends at most: every stop is delivered once, so a step starts after
    // the stops the steps before it used.
    let stopsUsed = 0;
    const holdSeconds = Number.parseInt(args.hold, 10);
    if (profile === 'capacity') {
      let misses = 0;
      for (const rate of args.rates.split(',').map(Number)) {
        const step = await k6Step({
          stack,
          fixturesFile,
          title: fieldWanted
            ? `Field traffic at ${rate} stop updates/s for ${args.hold}`
            : `Surge intake at ${rate} donations/s for ${args.hold}`,
          runId: `${base}-r${rate}`,
          ready,
          extraEnv: {
            ANBU_RATE: String(rate),
            ANBU_HOLD: args.hold,
            ANBU_STOP_OFFSET: String(stopsUsed),
          },
          notes: [],
        });
        stopsUsed += Math.ceil(rate * holdSeconds * 1.05);
        results.push(step);
        // One more step after the first miss confirms it; then stop.
        if (step.failed > 0 && (misses += 1) >= 2) break;
      }
    } else {
      results.push(
        await k6Step({
          stack,
          fixturesFile,
          title: `${profile} run`,
          runId: base,
          ready,
          extraEnv: {
            // The field traffic of the peak profile lasts as long as the stops of today do.
            ...(routes ? { ANBU_FIELD_HOLD: `${fieldHold(routes.routedStops)}s` } : {}),
            ANBU_PLANNING_DISTRICTS: String(fixtures.planning.districts.length),
            ANBU_PLANNING_WORKERS: String(planningWorkers),
            ANBU_PLANNING_OVERHEAD_S: args['planning-overhead'],
          },
          notes: [],
        }),
      );
    }
  } catch (error) {
    process.stderr.write(`[loadtest] failed: ${String(error)}\n`);
    await printLogTails(stack.stateDir);
    results.push({
      section: {
        title: 'run failed',
        summary: undefined,
        sampler: undefined,
        check: undefined,
        notes: [String(error)],
      },
      passed: 0,
      failed: 1,
    });
  } finally {
    process.removeListener('SIGINT', stopOnSignal);
    process.removeListener('SIGTERM', stopOnSignal);
    if (!stopping) await stack.stop({ keep: args.keep });
  }

  const profiles = profDir ? await profileSection(profDir, names) : [];
  if (profDir) await rm(profDir, { recursive: true, force: true });
  const passed = results.reduce((a, r) => a + r.passed, 0);
  const failed = results.reduce((a, r) => a + r.failed, 0);
  const report = [
    `# Load test: ${profile} (${started.toISOString().slice(0, 16)}Z)`,
    '',
    ...[...machine, ...runNotes].map((n) => `- ${n}`),
    '',
    `Result: ${passed} passed, ${failed} failed (thresholds met/missed, plus the lost-or-doubled checker per step).`,
    '',
    ...results.map((r) => section(r.section)),
    ...profiles,
  ].join('\n');
  const reportDir = join(LOADTESTS, 'reports');
  await mkdir(reportDir, { recursive: true });
  const reportFile = join(reportDir, `${fileStamp(started)}-${profile}.md`);
  await writeFile(reportFile, report);
  const cacheDir = join(LOADTESTS, '.cache');
  await mkdir(cacheDir, { recursive: true });
  await writeFile(
    join(cacheDir, `loadtest-${profile}.json`),
    JSON.stringify({ profile, passed, failed, report: reportFile }),
  );
  process.stdout.write(`[loadtest] report ${reportFile}: ${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[loadtest] ${String(error)}\n`);
    process.exit(1);
  },
);
