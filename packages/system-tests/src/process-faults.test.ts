// Issue 9, faults 4 and 5, in the distributed mode: each service its own process on loopback,
// with real PostgreSQL and nats-server (loadtests' stack, infra/scripts/start-distributed.sh).
//   F4: `kill -9` each service in turn at random (seeded) moments of a delivery flow driven
//       through the gateway → no delivery lost or doubled, conservation per lot.
//   F5: `kill -9` PostgreSQL while mutations go through the gateway → every 2xx is kept.
// The CI subset: 200 deliveries, one kill per service, one PostgreSQL kill. `pnpm test:faults`
// (ANBU_FAULT_SCALE=full ANBU_FAULT_RUNS=10): 10,000 deliveries with three kills per service,
// and three PostgreSQL kills, per run. ANBU_FAULT_SEED replays a run's kill plan (which service,
// in which order, after how many calls, down how long); the printed seed is the one to pass.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRng } from '@anbu/allocation/testing';
import { hasNatsServer } from '@anbu/bus/testing';
import { hasPostgres } from '@anbu/db/testing';

import type { DeliveryFlowOutcome } from './process/delivery-flow.js';
import type { DeliveryLedger } from './process/delivery-ledger.js';
import type { DeliveryWorld } from './process/delivery-world.js';
import type { DispatchTables, MatchingTables } from './process/service-tables.js';
import type { StackClient } from './process/stack-client.js';
import type { Stack } from './process/stack.js';
import { eventually } from './harness/eventually.js';
import { SYSTEM_TEST_PASSWORD } from './harness/seed-world.js';
import { createChaos, planKills } from './process/chaos.js';
import { stackCpu } from './process/cpu-usage.js';
import { runDeliveryFlow } from './process/delivery-flow.js';
import { readDeliveryLedger } from './process/delivery-ledger.js';
import { seedDeliveryWorld } from './process/delivery-world.js';
import { restartMissing, STACK_SERVICES, waitHealthy } from './process/faults.js';
import { createPersistentClient, slowestPaths } from './process/persistent-client.js';
import { createPhaseTimer } from './process/phase-timer.js';
import { runPostgresCrash } from './process/postgres-crash.js';
import { connectToStack } from './process/stack-client.js';
import { buildServices, printLogTails, REPO_ROOT, startStack } from './process/stack.js';

const servers = hasPostgres() && hasNatsServer();
const full = process.env['ANBU_FAULT_SCALE'] === 'full';
const runsWanted = Number(process.env['ANBU_FAULT_RUNS'] ?? '1');
const RUNS = Number.isInteger(runsWanted) && runsWanted > 0 ? runsWanted : 1;
const SEED = Number(process.env['ANBU_FAULT_SEED'] ?? String(Date.now() % 1_000_000));
const F4_SCALE = full
  ? { deliveries: 10_000, batchSize: 250, carriers: 12, killsPerService: 3 }
  : { deliveries: 200, batchSize: 100, carriers: 6, killsPerService: 1 };
// ANBU_F4_DELIVERIES overrides the count (a shorter full-scale run on a busy machine).
const F4 = {
  ...F4_SCALE,
  deliveries: Number(process.env['ANBU_F4_DELIVERIES'] ?? String(F4_SCALE.deliveries)),
};
const F5 = full
  ? { kills: 3, durationMs: 40_000, writers: 6 }
  : { kills: 1, durationMs: 8_000, writers: 4 };

const say = (line: string) => {
  console.info(`[faults] ${line}`);
};

/** Builds the services when a dist is missing (CI builds them first: turbo `^build`). */
async function ensureBuilt(): Promise<void> {
  try {
    for (const service of STACK_SERVICES) {
      await access(join(REPO_ROOT, 'services', service, 'dist/main.js'));
    }
  } catch {
    await buildServices();
  }
}

describe.skipIf(!servers)('process faults: services and PostgreSQL killed (issue 9)', () => {
  let stack: Stack;
  let client: StackClient;

  beforeAll(async () => {
    await ensureBuilt();
    stack = await startStack({ extraEnv: { SHUTDOWN_TIMEOUT_MS: '2000' } });
    client = await connectToStack(stack);
    say(`seed=${String(SEED)} runs=${String(RUNS)} scale=${full ? 'full' : 'ci'}`);
  }, 300_000);

  afterAll(async () => {
    await client[Symbol.asyncDispose]();
    await stack.stop();
  }, 120_000);

  it(
    'F4: should lose and double no delivery when each service is kill -9ed at random moments',
    async () => {
      const totals = { runs: 0, faults: 0, deliveries: 0, lost: 0, doubled: 0, violations: 0 };
      for (let runIndex = 0; runIndex < RUNS; runIndex += 1) {
        const seed = SEED + runIndex;
        const random = createRng(seed);
        const started = Date.now();
        const timer = createPhaseTimer();
        const world: DeliveryWorld = await timer.time('seed', () =>
          seedDeliveryWorld({
            target: client.seed,
            households: F4.batchSize,
            carriers: F4.carriers,
            // Cars with room for a share of a batch (and some slack): the plan spreads a batch
            // over the fleet, so every carrier has a short route and they deliver side by side.
            // With room for a whole batch the solver put it on one or two long routes, whose
            // stops are reported one after another.
            boxesPerCarrier: Math.ceil((F4.batchSize / F4.carriers) * 1.3),
            random,
          }),
        );
        const plan = planKills({
          perService: F4.killsPerService,
          // The flow makes about two calls per delivery (a need, a stop) plus polls.
          totalCalls: F4.deliveries * 2,
          random,
        });
        const chaos = createChaos({ stack, plan, log: say });
        const http = createPersistentClient({
          http: client.http,
          password: SYSTEM_TEST_PASSWORD,
          onCall: () => {
            chaos.tick();
          },
        });
        const matching = client.db<MatchingTables>('matching');
        const dispatch = client.db<DispatchTables>('dispatch');
        let outcome: DeliveryFlowOutcome;
        try {
          outcome = await runDeliveryFlow({
            client: http,
            world,
            matching,
            dispatch,
            deliveries: F4.deliveries,
            batchSize: F4.batchSize,
            label: `f4-${String(seed)}-${String(runIndex)}`,
            timer,
          });
        } catch (error) {
          await printLogTails(stack.stateDir);
          // A kill in progress brings its service back, so the next test finds a whole stack.
          await chaos.settle().catch(() => undefined);
          await restartMissing(stack).catch(() => undefined);
          throw error;
        }
        const injected = await timer.time('last kill settles', () => chaos.settle());
        const readLedger = () =>
          readDeliveryLedger({
            households: client.db('households'),
            matching,
            dispatch,
            donations: client.db('donations'),
            districtCode: world.world.districtCode,
            depotId: world.world.depot.id,
            householdIds: world.householdIds,
            date: world.today,
            needIds: outcome.needIds,
            lotIds: outcome.lotIds,
          });
        // Events still in flight (allocations reaching donations) settle within seconds.
        const ledger: DeliveryLedger = await timer.time('ledger at rest', () =>
          eventually('a ledger at rest', readLedger, {
            done: (l) => l.conservationViolations.length === 0 && l.lost.length === 0,
            timeoutMs: 60_000,
            retryErrors: true,
          }).catch(readLedger),
        );
        const killed = STACK_SERVICES.map(
          (s) => `${s}:${String(injected.filter((k) => k.service === s).length)}`,
        ).join(',');
        say(
          `F4 run ${String(runIndex + 1)}/${String(RUNS)} seed=${String(seed)} deliveries=${String(ledger.needs)} ` +
            `delivered-once=${String(ledger.deliveredOnce)} lost=${String(ledger.lost.length)} ` +
            `doubled=${String(ledger.doubled.length)} faults=${String(injected.length)} (${killed}) ` +
            `units received=${String(ledger.units.received)} in-stock=${String(ledger.units.inStock)} ` +
            `allocated=${String(ledger.units.allocated)} delivered=${String(ledger.units.delivered)} ` +
            `written-off=${String(ledger.units.writtenOff)} conservation-violations=${String(ledger.conservationViolations.length)} ` +
            `calls=${String(http.stats.calls)} retries=${String(http.stats.retries)} re-sign-ins=${String(http.stats.reSignIns)} ` +
            `planning-runs=${String(outcome.planningRuns)} routes=${String(outcome.routesDelivered)} ` +
            `longest-route=${String(outcome.longestRoute)} seconds=${String(Math.round((Date.now() - started) / 1000))}`,
        );
        const downSeconds = injected.reduce((sum, k) => sum + k.recoveredMs, 0) / 1000;
        say(
          `F4 run ${String(runIndex + 1)} phases: ${timer.summary()} ` +
            `(services down, beside the flow: ${downSeconds.toFixed(1)}s over ${String(injected.length)} kills)`,
        );
        say(`F4 run ${String(runIndex + 1)} slowest calls: ${slowestPaths(http.stats)}`);
        say(`F4 run ${String(runIndex + 1)} stack CPU: ${await stackCpu(stack)}`);
        totals.runs += 1;
        totals.faults += injected.length;
        totals.deliveries += ledger.needs;
        totals.lost += ledger.lost.length;
        totals.doubled += ledger.doubled.length;
        totals.violations += ledger.conservationViolations.length;
        expect(ledger.conservationViolations.slice(0, 5)).toEqual([]);
        expect(ledger.lost.slice(0, 5)).toEqual([]);
        expect(ledger.doubled.slice(0, 5)).toEqual([]);
        expect(ledger.deliveredOnce).toBe(F4.deliveries);
        // Each fault really happened: every planned kill was made and the service came back.
        expect(injected.map((k) => k.service).sort()).toEqual(plan.map((k) => k.service).sort());
        expect(
          ledger.units.received -
            ledger.units.inStock -
            ledger.units.allocated -
            ledger.units.delivered -
            ledger.units.writtenOff,
        ).toBe(0);
      }
      say(
        `F4 total: runs=${String(totals.runs)} deliveries=${String(totals.deliveries)} faults=${String(totals.faults)} ` +
          `lost=${String(totals.lost)} doubled=${String(totals.doubled)} conservation-violations=${String(totals.violations)}`,
      );
    },
    RUNS * (full ? 3_600_000 : 600_000),
  );

  it(
    'F5: should keep every mutation answered 2xx when PostgreSQL is kill -9ed mid-flow',
    async () => {
      const totals = { runs: 0, kills: 0, acknowledged: 0, missing: 0 };
      for (let runIndex = 0; runIndex < RUNS; runIndex += 1) {
        const seed = SEED + 1_000 + runIndex;
        const random = createRng(seed);
        await waitHealthy(stack);
        const world = await seedDeliveryWorld({
          target: client.seed,
          households: 50,
          carriers: 1,
          random,
        });
        const caseworkerCookie = await client.http.signIn(world.caseworker, SYSTEM_TEST_PASSWORD);
        const apiKeys = [world.apiKey];
        while (apiKeys.length < F5.writers) apiKeys.push(await world.world.apiKey());
        const outcome = await runPostgresCrash({
          stack,
          http: client.http,
          world,
          caseworkerCookie,
          apiKeys,
          households: client.db('households'),
          donations: client.db('donations'),
          kills: F5.kills,
          durationMs: F5.durationMs,
          writers: F5.writers,
          random,
          label: `f5-${String(seed)}`,
          log: say,
        });
        say(
          `F5 run ${String(runIndex + 1)}/${String(RUNS)} seed=${String(seed)} attempted=${String(outcome.attempted)} ` +
            `acknowledged=${String(outcome.acknowledged.length)} refused-or-unanswered=${String(outcome.unanswered)} ` +
            `by-status=${JSON.stringify(outcome.refusals)} postgres-kills=${String(outcome.kills)} lost=${String(outcome.missing.length)}`,
        );
        totals.runs += 1;
        totals.kills += outcome.kills;
        totals.acknowledged += outcome.acknowledged.length;
        totals.missing += outcome.missing.length;
        expect(outcome.kills).toBe(F5.kills);
        expect(outcome.acknowledged.length).toBeGreaterThan(0);
        // The crash hit while writes went on: some were refused or went unanswered.
        expect(outcome.unanswered).toBeGreaterThan(0);
        expect(outcome.missing).toEqual([]);
      }
      say(
        `F5 total: runs=${String(totals.runs)} postgres-kills=${String(totals.kills)} ` +
          `acknowledged=${String(totals.acknowledged)} lost=${String(totals.missing)}`,
      );
    },
    RUNS * (full ? 600_000 : 300_000),
  );
});
