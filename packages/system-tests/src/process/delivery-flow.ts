import type { Kysely } from 'kysely';

import type { Donation, Lot, Need, Plan, PlanningRun, Route } from '@anbu/contracts';
import { seoulDate } from '@anbu/contracts';

import type { DeliveryWorld } from './delivery-world.js';
import type { PersistentClient } from './persistent-client.js';
import type { DispatchTables, MatchingTables } from './service-tables.js';
import { expectOk } from './persistent-client.js';
import { orderDetails } from './service-tables.js';

const DAY_MS = 86_400_000;
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

/** Polls `read` until `done` holds, or fails naming `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  until: { done: (value: T) => boolean; timeoutMs?: number },
): Promise<T> {
  const { done, timeoutMs = 180_000 } = until;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = await read();
      if (done(value)) return value;
    } catch {
      // PostgreSQL may be restarting: read again.
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: still not done (${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a delivery flow did, for the ledger to check. */
export interface DeliveryFlowOutcome {
  readonly needIds: string[];
  readonly donationIds: string[];
  readonly lotIds: string[];
  planningRuns: number;
  stopsReported: number;
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
}): Promise<DeliveryFlowOutcome> {
  const { client, world, matching, dispatch, label, concurrency = 12 } = options;
  const { districtCode } = world.world;
  const outcome: DeliveryFlowOutcome = {
    needIds: [],
    donationIds: [],
    lotIds: [],
    planningRuns: 0,
    stopsReported: 0,
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
    await eventually(
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
    );
    // `delivery.ordered` reaches dispatch as an event.
    await eventually(
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
  const planAndDeliver = async () => {
    round += 1;
    const key = `${label}:plan:${String(round)}`;
    let run: PlanningRun | undefined;
    for (let attempt = 0; !run; attempt += 1) {
      outcome.planningRuns += 1;
      const queued = expectOk(
        await asDispatcher<PlanningRun>(
          'dispatch.planningStart',
          { date: world.today, districtCodes: [districtCode], timeLimitSeconds: 2 },
          `${key}:${String(attempt)}`,
        ),
        'planningStart',
      );
      // A run whose planner was killed may never finish: start another after a while.
      run = await eventually(
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
      if (run && run.status !== 'succeeded') run = undefined;
      if (attempt > 5) throw new Error(`no planning run succeeded in round ${String(round)}`);
    }
    const planId = run.planId ?? '';
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
    const stops = (
      await mapLimit(world.carriers, concurrency, async (carrier) => {
        const mine = expectOk(
          await client.trpc<{ route: Route | null }>(carrier, 'dispatch.myRoute'),
          'myRoute',
        );
        return (mine.route?.stops ?? [])
          .filter((s) => s.status === 'planned')
          .map((s) => ({ carrier, stopId: s.id }));
      })
    ).flat();
    await mapLimit(stops, concurrency, async ({ carrier, stopId }) => {
      expectOk(
        await client.trpc(carrier, 'dispatch.updateStop', {
          mutation: true,
          idempotencyKey: `${label}:stop:${stopId}:delivered`,
          input: { stopId, status: 'delivered', at: new Date().toISOString() },
        }),
        'updateStop',
      );
      outcome.stopsReported += 1;
    });
  };

  for (let batch = 0, done = 0; done < options.deliveries; batch += 1) {
    const size = Math.min(options.batchSize, options.deliveries - done);
    await receiveStock(batch, size);
    const needIds = await fileNeeds(batch, size);
    await allocate(batch, needIds);
    await planAndDeliver();
    done += size;
  }
  for (let extra = 0; extra < MAX_EXTRA_ROUNDS && (await openOrders()) > 0; extra += 1) {
    await planAndDeliver();
  }
  return outcome;
}
