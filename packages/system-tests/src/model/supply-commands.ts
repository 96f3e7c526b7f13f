import type { AsyncCommand } from 'fast-check';
import fc from 'fast-check';

import type { Actor } from '@anbu/contracts';
import { seoulDate, SYSTEM_ACTOR } from '@anbu/contracts';
import {
  acceptDonation,
  cancelNeed,
  fileNeed,
  listOrders,
  postDonation,
  receiveDonation,
  recordPickup,
  runAllocation,
  sweepExpiry,
} from '@anbu/contracts/rpc';

import type { SeededWorld } from '../harness/seed-world.js';
import type { InProcessSupply } from './start-in-process.js';
import type { Good, SupplyModel } from './supply-model.js';
import { settle } from './observe.js';
import {
  allocationProblem,
  applyAllocation,
  expireLots,
  GOODS,
  releaseAllocations,
} from './supply-model.js';

const DAY_MS = 86_400_000;

/** One sequence's world as the services know it: who acts, and where. */
export interface SupplyReal {
  readonly supply: InProcessSupply;
  readonly world: SeededWorld;
  readonly partner: Actor;
  readonly dispatcher: Actor;
  readonly caseworker: Actor;
  readonly households: readonly string[];
}

type SupplyCommand = AsyncCommand<SupplyModel, SupplyReal>;

const day = (real: SupplyReal, offset: number) =>
  seoulDate(new Date(real.supply.clock.now().getTime() + offset * DAY_MS));

/** Every command ends by waiting for the services to agree with the model (see {@link settle}). */
async function after(model: SupplyModel, real: SupplyReal): Promise<void> {
  await settle(real.supply, model);
  model.steps += 1;
}

class Donate implements SupplyCommand {
  constructor(readonly items: readonly { good: Good; quantity: number; keepsDays: number }[]) {}
  check = (m: SupplyModel) => m.donations.length < 4;
  async run(m: SupplyModel, r: SupplyReal) {
    const start = new Date(r.supply.clock.now().getTime() + 3_600_000);
    const donation = await r.supply.bus.request(
      postDonation,
      {
        items: this.items.map((item) => ({
          category: item.good,
          quantity: item.quantity,
          ...GOODS[item.good],
          expiresOn: day(r, item.keepsDays),
        })),
        pickup: {
          placeName: 'Model hall',
          address: '5 Model-ro',
          location: { lat: 35.95, lng: 126.95 },
          window: {
            start: start.toISOString(),
            end: new Date(start.getTime() + 7_200_000).toISOString(),
          },
        },
      },
      { actor: r.partner },
    );
    await r.supply.bus.request(
      acceptDonation,
      { donationId: donation.id },
      { actor: r.dispatcher },
    );
    m.donations.push({ id: donation.id, received: false });
    await after(m, r);
  }
  toString = () =>
    `donate(${this.items.map((i) => `${String(i.quantity)} ${i.good} +${String(i.keepsDays)}d`).join(', ')})`;
}

class Receive implements SupplyCommand {
  constructor(readonly pick: number) {}
  check = (m: SupplyModel) => m.donations.some((d) => !d.received);
  async run(m: SupplyModel, r: SupplyReal) {
    const waiting = m.donations.filter((d) => !d.received);
    const donation = waiting[this.pick % waiting.length];
    if (!donation) return;
    const as = { actor: r.dispatcher };
    await r.supply.bus.request(recordPickup, { donationId: donation.id }, as);
    const received = await r.supply.bus.request(
      receiveDonation,
      { donationId: donation.id, depotId: r.world.depot.id },
      as,
    );
    donation.received = true;
    for (const lot of received.lots) {
      m.lots.set(lot.id, {
        id: lot.id,
        category: lot.category as Good,
        expiresOn: lot.expiresOn ?? '9999-12-31',
        received: lot.quantityReceived,
        available: lot.quantityReceived,
        allocated: 0,
        delivered: 0,
        writtenOff: 0,
        expired: false,
      });
    }
    await after(m, r);
  }
  toString = () => `receive(#${String(this.pick)})`;
}

class FileNeed implements SupplyCommand {
  constructor(
    readonly good: Good,
    readonly quantity: number,
    readonly household: number,
  ) {}
  check = (m: SupplyModel) => m.needs.size < 6;
  async run(m: SupplyModel, r: SupplyReal) {
    const householdId = r.households[this.household % r.households.length] ?? '';
    const need = await r.supply.bus.request(
      fileNeed,
      {
        householdId,
        category: this.good,
        unit: GOODS[this.good].unit,
        quantity: this.quantity,
        deadline: day(r, 30),
        priority: 50,
      },
      { actor: r.caseworker },
    );
    m.needs.set(need.id, {
      id: need.id,
      category: this.good,
      quantity: this.quantity,
      cancelled: false,
    });
    await after(m, r);
  }
  toString = () =>
    `need(${String(this.quantity)} ${this.good}, household ${String(this.household)})`;
}

class Allocate implements SupplyCommand {
  // Only when there is something to match: a lot with units on hand and an open need.
  check = (m: SupplyModel) =>
    [...m.lots.values()].some((l) => l.available > 0) &&
    [...m.needs.values()].some((n) => !n.cancelled);
  async run(m: SupplyModel, r: SupplyReal) {
    // The matcher must know every lot and need first (events), as it would by the time a run starts.
    await settle(r.supply, m);
    await r.supply.bus.request(
      runAllocation,
      { districtCodes: [r.world.districtCode] },
      { actor: SYSTEM_ACTOR },
    );
    const live = await r.supply
      .db<{
        allocations: {
          id: string;
          need_id: string;
          lot_id: string | null;
          quantity: number;
          status: string;
        };
      }>('matching')
      .selectFrom('allocations')
      .select(['id', 'need_id', 'lot_id', 'quantity'])
      .where('status', 'in', ['made', 'ordered'])
      .where('need_id', 'in', [...m.needs.keys(), '00000000-0000-4000-8000-000000000000'])
      .orderBy('id')
      .execute();
    const today = r.supply.clock.now();
    for (const row of live) {
      if (m.allocations.has(row.id)) continue;
      const problem = allocationProblem(
        m,
        { needId: row.need_id, lotId: row.lot_id, quantity: row.quantity },
        today,
      );
      if (problem) throw new Error(`invariant violated by allocation.run: ${problem}`);
      applyAllocation(m, {
        id: row.id,
        needId: row.need_id,
        lotId: row.lot_id ?? '',
        quantity: row.quantity,
        live: true,
      });
    }
    await after(m, r);
  }
  toString = () => 'allocate';
}

class Plan implements SupplyCommand {
  check = (m: SupplyModel) => m.allocations.size > 0;
  async run(m: SupplyModel, r: SupplyReal) {
    // Dispatch's pool, which planning reads: every live allocation in exactly one order that is
    // not cancelled, no released one in an open order.
    const deadline = Date.now() + 20_000;
    let problems: string[] = [];
    do {
      const orders = await r.supply.bus.request(
        listOrders,
        { districtCodes: [r.world.districtCode], limit: 200 },
        { actor: r.dispatcher },
      );
      problems = [];
      for (const a of m.allocations.values()) {
        const holding = orders.items.filter(
          (o) => o.status !== 'cancelled' && o.allocationIds.includes(a.id),
        );
        if (a.live && holding.length !== 1)
          problems.push(`live allocation ${a.id} in ${String(holding.length)} orders`);
        if (!a.live && holding.some((o) => o.status === 'open'))
          problems.push(`released allocation ${a.id} still in an open order`);
      }
      if (problems.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    } while (Date.now() < deadline);
    if (problems.length > 0) throw new Error(`dispatch's order pool:\n${problems.join('\n')}`);
    await after(m, r);
  }
  toString = () => 'plan';
}

class Expire implements SupplyCommand {
  constructor(readonly days: number) {}
  check = (m: SupplyModel) => m.lots.size > 0;
  async run(m: SupplyModel, r: SupplyReal) {
    r.supply.clock.advanceDays(this.days);
    const today = seoulDate(r.supply.clock.now());
    const swept = await r.supply.bus.request(sweepExpiry, {}, { actor: SYSTEM_ACTOR });
    const expected = expireLots(m, today).sort();
    const mine = swept.expiredLotIds.filter((id) => m.lots.has(id)).sort();
    if (mine.join() !== expected.join())
      throw new Error(
        `sweep expired ${mine.join() || 'nothing'}, the model expected ${expected.join() || 'nothing'}`,
      );
    await after(m, r);
  }
  toString = () => `expire(+${String(this.days)}d)`;
}

class Cancel implements SupplyCommand {
  constructor(readonly pick: number) {}
  check = (m: SupplyModel) => [...m.needs.values()].some((n) => !n.cancelled);
  async run(m: SupplyModel, r: SupplyReal) {
    const open = [...m.needs.values()].filter((n) => !n.cancelled);
    const need = open[this.pick % open.length];
    if (!need) return;
    await r.supply.bus.request(cancelNeed, { needId: need.id }, { actor: r.caseworker });
    need.cancelled = true;
    releaseAllocations(m, (a) => a.needId === need.id);
    await after(m, r);
  }
  toString = () => `cancel(#${String(this.pick)})`;
}

const good = fc.constantFrom<Good>('rice_grain', 'dairy');

const donate = fc
  .array(
    fc.record({
      good,
      quantity: fc.integer({ min: 1, max: 6 }),
      keepsDays: fc.integer({ min: 0, max: 5 }),
    }),
    { minLength: 1, maxLength: 2 },
  )
  .map((items) => new Donate(items));
const receive = fc.nat(8).map((pick) => new Receive(pick));
const need = fc
  .tuple(good, fc.integer({ min: 1, max: 5 }), fc.nat(1))
  .map(([g, quantity, household]) => new FileNeed(g, quantity, household));
const allocate = fc.constant(new Allocate());

/**
 * The commands of the supply model. The flow (donate, receive, need, allocate) is listed twice
 * so that most sequences get far enough for plans, expiries and cancellations to matter.
 */
export const supplyCommands = [
  donate,
  donate,
  receive,
  receive,
  need,
  need,
  allocate,
  allocate,
  fc.constant(new Plan()),
  fc.integer({ min: 1, max: 3 }).map((days) => new Expire(days)),
  fc.nat(8).map((pick) => new Cancel(pick)),
];
