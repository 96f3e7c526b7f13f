import type { Kysely } from 'kysely';

import type { Donation, Lot, Need, Plan, PlanningRun, Route } from '@anbu/contracts';
import { seoulDate } from '@anbu/contracts';

import type { DeliveryWorld } from './delivery-world.js';
import type { PersistentClient } from './persistent-client.js';
import type { PhaseTimer } from './phase-timer.js';
import type { DispatchTables, MatchingTables } from './service-tables.js';
import { eventually } from '../harness/eventually.js';
import { expectOk } from './persistent-client.js';
import { createPhaseTimer } from './phase-timer.js';
import { orderDetails } from './service-tables.js';

const DAY_MS = 86_400_000;
/** How long an effect may take while a killed service comes back and catches up. */
const RECOVERY_WAIT_MS = 180_000;
/**
 * The solver's limit per planning round: the shortest dispatch takes. The flow needs a complete
 * plan, not a good one (the solver always keeps its first complete solution).
 */
const PLAN_TIME_LIMIT_SECONDS = 1;
/** Planning rounds after the last batch for orders left unassigned or undelivered. */
const MAX_EXTRA_ROUNDS = 8;

/** Runs `work` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Waits on an effect of the flow while services may be down: read errors are read again. */
const settled = <T>(
  what: string,
  read: () => Promise<T>,
  until: { done: (value: T) => boolean; timeoutMs?: number },
) => eventually(what, read, { timeoutMs: RECOVERY_WAIT_MS, ...until, retryErrors: true });

/** What a delivery flow did, for the ledger to check. */
export interface DeliveryFlowOutcome {
  readonly needIds: string[];
  readonly donationIds: string[];
  readonly lotIds: string[];
  planningRuns: number;
  stopsReported: number;
  /** Routes delivered, and the most stops one of them had (a long route is reported slowly). */
  routesDelivered: number;
  longestRoute: number;
}

/**
 * Drives `deliveries` deliveries through the gateway, `batchSize` at a time, as the people
 * using Anbu would: the partner posts a donation (REST), the dispatcher accepts, picks up and
 * receives it into the depot, the caseworker files one need per delivery, the dispatcher runs
 * the allocation (delivery orders follow as events), plans the day and publishes, and each
 * carrier marks every stop of their route delivered. Orders left over are planned again until
 * none is open. Every mutation carries an `Idempotency-Key` derived from `label`.
 */
export async function runDeliveryFlow(options: {
  client: PersistentClient;
  world: DeliveryWorld;
  matching: Kysely<MatchingTables>;
  dispatch: Kysely<DispatchTables>;
  deliveries: number;
  batchSize: number;
  label: string;
  concurrency?: number;
  /** Where the flow's wall time goes (receive, needs, allocate, order, plan, publish, deliver). */
  timer?: PhaseTimer;
}): Promise<DeliveryFlowOutcome> {
  const { client, world, matching, dispatch, label, concurrency = 12 } = options;
  const timer = options.timer ?? createPhaseTimer();
  const { districtCode } = world.world;
  const outcome: DeliveryFlowOutcome = {
    needIds: [],
    donationIds: [],
    lotIds: [],
    planningRuns: 0,
    stopsReported: 0,
    routesDelivered: 0,
    longestRoute: 0,
  };
  const dayAfter = (days: number) => seoulDate(new Date(Date.now() + days * DAY_MS));
  const asDispatcher = <T>(path: string, input: unknown, key?: string) =>
    client.trpc<T>(world.dispatcher, path, {
      input,
      mutation: key !== undefined,
      ...(key ? { idempotencyKey: key } : {}),
    });

  const receiveStock = async (batch: number, units: number) => {
    const posted = await client.rest<Donation>('POST', '/donations', {
      apiKey: world.apiKey,
      idempotencyKey: `${label}:donation:${String(batch)}`,
      body: {
        items: [
          {
            category: 'rice_grain',
            quantity: units,
            unit: 'bag',
            storageClass: 'ambient',
            expiresOn: dayAfter(60),
          },
        ],
        pickup: {
          placeName: 'Rotary hall',
          address: '3 Test-ro',
          location: { lat: 35.95, lng: 126.95 },
          window: {
            start: new Date(Date.now() + 2 * 3_600_000).toISOString(),
            end: new Date(Date.now() + 4 * 3_600_000).toISOString(),
          },
        },
      },
    });
    if (posted.status !== 201 && posted.status !== 200) {
      throw new Error(
        `donation ${String(batch)}: ${String(posted.status)} ${JSON.stringify(posted.body)}`,
      );
    }
    const donationId = posted.body.id;
    outcome.donationIds.push(donationId);
    const step = `${label}:donation:${String(batch)}`;
    expectOk(await asDispatcher('donations.accept', { donationId }, `${step}:accept`), 'accept');
    expectOk(
      await asDispatcher('donations.recordPickup', { donationId }, `${step}:pickup`),
      'recordPickup',
    );
    const received = expectOk(
      await asDispatcher<{ lots: Lot[] }>(
        'donations.receive',
        { donationId, depotId: world.world.depot.id },
        `${step}:receive`,
      ),
      'receive',
    );
    outcome.lotIds.push(...received.lots.map((lot) => lot.id));
  };

  const fileNeeds = async (batch: number, count: number): Promise<string[]> => {
    const households = Array.from(
      { length: count },
      (_, i) => world.householdIds[i % world.householdIds.length] ?? '',
    );
    const needs = await mapLimit(households, concurrency, async (householdId, i) =>
      expectOk(
        await client.trpc<Need>(world.caseworker, 'households.fileNeed', {
          mutation: true,
          idempotencyKey: `${label}:need:${String(batch)}:${String(i)}`,
          input: {
            householdId,
            category: 'rice_grain',
            quantity: 1,
            unit: 'bag',
            deadline: dayAfter(7),
            priority: 50,
          },
        }),
        'fileNeed',
      ),
    );
    const ids = needs.map((n) => n.id);
    outcome.needIds.push(...ids);
    return ids;
  };

  const allocate = async (batch: number, needIds: readonly string[]) => {
    let attempt = 0;
    const allocated = async () =>
      (
        await matching
          .selectFrom('allocations')
          .select('need_id')
          .distinct()
          .where('need_id', 'in', needIds)
          .where('status', 'in', ['made', 'ordered'])
          .execute()
      ).length;
    // The matcher learns of the needs and the lot from events: run until it has served them all.
    await timer.time('allocate', () =>
      settled(
        `allocation of batch ${String(batch)}`,
        async () => {
          const before = await allocated();
          if (before === needIds.length) return before;
          expectOk(
            await asDispatcher(
              'matching.run',
              { districtCodes: [districtCode] },
              `${label}:allocate:${String(batch)}:${String(attempt++)}`,
            ),
            'matching.run',
          );
          return allocated();
        },
        { done: (n) => n === needIds.length },
      ),
    );
    // `delivery.ordered` reaches dispatch as an event.
    await timer.time('orders reach dispatch', () =>
      settled(
        `orders of batch ${String(batch)}`,
        async () => {
          const rows = await dispatch
            .selectFrom('delivery_orders')
            .select('details')
            .where('district_code', '=', districtCode)
            .where('status', 'in', ['open', 'planned', 'published'])
            .execute();
          const ordered = new Set(rows.flatMap((r) => orderDetails(r.details).needIds ?? []));
          return needIds.filter((id) => !ordered.has(id)).length;
        },
        { done: (missing) => missing === 0 },
      ),
    );
  };

  const openOrders = async () =>
    Number(
      (
        await dispatch
          .selectFrom('delivery_orders')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('district_code', '=', districtCode)
          .where('status', 'in', ['open', 'planned', 'published'])
          .executeTakeFirstOrThrow()
      ).n,
    );

  let round = 0;
  const planned = async (key: string): Promise<PlanningRun> => {
    let run: PlanningRun | undefined;
    const failures: string[] = [];
    for (let attempt = 0; !run; attempt += 1) {
      outcome.planningRuns += 1;
      const queued = expectOk(
        await asDispatcher<PlanningRun>(
          'dispatch.planningStart',
          {
            date: world.today,
            districtCodes: [districtCode],
            timeLimitSeconds: PLAN_TIME_LIMIT_SECONDS,
          },
          `${key}:${String(attempt)}`,
        ),
        'planningStart',
      );
      // A run whose planner was killed may never finish: start another after a while.
      run = await settled(
        `planning run ${queued.id}`,
        async () =>
          expectOk(
            await asDispatcher<PlanningRun>('dispatch.planningGet', { runId: queued.id }),
            'planningGet',
          ),
        {
          done: (r) =>
            r.status === 'succeeded' || r.status === 'failed' || r.status === 'cancelled',
          timeoutMs: 90_000,
        },
      ).catch(() => undefined);
      if (run && run.status !== 'succeeded') {
        failures.push(`${run.status}: ${run.error ?? ''}`);
        run = undefined;
      } else if (!run) failures.push(`run ${queued.id} unfinished after 90 s`);
      if (!run && attempt >= 5) {
        throw new Error(
          `no planning run succeeded in round ${String(round)}: ${failures.join('; ')}`,
        );
      }
      // A service the planner needs may be coming back: give it a moment before the next run.
      if (!run) await new Promise((resolve) => setTimeout(resolve, 2_000 * (attempt + 1)));
    }
    return run;
  };

  const publish = async (key: string, planId: string) => {
    const plan = expectOk(await asDispatcher<Plan>('dispatch.plan', { planId }), 'dispatch.plan');
    if (plan.status !== 'published') {
      const published = await asDispatcher<Plan>(
        'dispatch.publish',
        { planId, expectedVersion: plan.version },
        `${key}:publish:${planId}`,
      );
      if (!published.ok) {
        // A publish answered only after a crash: the plan is published all the same.
        const now = expectOk(
          await asDispatcher<Plan>('dispatch.plan', { planId }),
          'dispatch.plan',
        );
        if (now.status !== 'published') expectOk(published, 'dispatch.publish');
      }
    }
  };

  /** Each carrier's planned stops of the published plan, in route order. */
  const plannedStops = async () =>
    mapLimit(world.carriers, concurrency, async (carrier) => {
      const mine = expectOk(
        await client.trpc<{ route: Route | null }>(carrier, 'dispatch.myRoute'),
        'myRoute',
      );
      const stopIds = (mine.route?.stops ?? [])
        .filter((s) => s.status === 'planned')
        .map((s) => s.id);
      return { carrier, stopIds };
    });

  // Every carrier walks their own route, stop after stop, all carriers at once: a route's stops
  // are reported one at a time as in the field (dispatch locks the route for each report).
  const deliver = async (routes: readonly { carrier: string; stopIds: readonly string[] }[]) => {
    await mapLimit(routes, concurrency, async ({ carrier, stopIds }) => {
      if (stopIds.length > 0) outcome.routesDelivered += 1;
      outcome.longestRoute = Math.max(outcome.longestRoute, stopIds.length);
      for (const stopId of stopIds) {
        expectOk(
          await client.trpc(carrier, 'dispatch.updateStop', {
            mutation: true,
            idempotencyKey: `${label}:stop:${stopId}:delivered`,
            input: { stopId, status: 'delivered', at: new Date().toISOString() },
          }),
          'updateStop',
        );
        outcome.stopsReported += 1;
      }
    });
  };

  /** Plans the open orders and publishes the plan; answers each carrier's stops to deliver. */
  const planAndPublish = async () => {
    round += 1;
    const key = `${label}:plan:${String(round)}`;
    const run = await timer.time('plan', () => planned(key));
    const planId = run.planId ?? '';
    await timer.time('publish', () => publish(key, planId));
    return timer.time('read routes', () => plannedStops());
  };
  /** The stock and the needs of one batch (a donation received, one need per delivery). */
  const prepare = async (batch: number): Promise<string[]> => {
    const size = Math.min(options.batchSize, options.deliveries - batch * options.batchSize);
    await timer.time('receive stock', () => receiveStock(batch, size));
    return timer.time('file needs', () => fileNeeds(batch, size));
  };

  // While the carriers deliver one batch, the partner and the caseworker prepare the next (as
  // on a working day): its needs are allocated, ordered and planned once the round is delivered.
  const batches = Math.ceil(options.deliveries / options.batchSize);
  let needIds = batches > 0 ? await prepare(0) : [];
  for (let batch = 0; batch < batches; batch += 1) {
    await allocate(batch, needIds);
    const routes = await planAndPublish();
    const next = batch + 1 < batches ? prepare(batch + 1) : Promise.resolve([]);
    [, needIds] = await Promise.all([timer.time('deliver', () => deliver(routes)), next]);
  }
  for (let extra = 0; extra < MAX_EXTRA_ROUNDS && (await openOrders()) > 0; extra += 1) {
    await timer.time('deliver', async () => deliver(await planAndPublish()));
  }
  return outcome;
}
