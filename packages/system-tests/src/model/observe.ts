import type { InProcessSupply } from './start-in-process.js';
import type { SupplyModel } from './supply-model.js';

interface LotRow {
  id: string;
  quantity_received: number;
  quantity_available: number;
  quantity_allocated: number;
  quantity_delivered: number;
  quantity_written_off: number;
}
interface MatchingTables {
  stock_lots: { lot_id: string; quantity: number; allocated: number; status: string };
  open_needs: { need_id: string; allocated: number; quantity: number; status: string };
  allocations: {
    id: string;
    need_id: string;
    lot_id: string | null;
    quantity: number;
    status: string;
  };
}
const LIVE = ['made', 'ordered'];

/** What the services hold about one sequence's lots, needs and allocations. */
export interface Observed {
  readonly lots: Map<string, LotRow>;
  /** The matcher's view of each lot: units it offers in all, promised, and its status. */
  readonly matchingLots: Map<string, { quantity: number; allocated: number; status: string }>;
  readonly matchingNeeds: Map<string, { allocated: number; status: string }>;
  readonly liveAllocations: MatchingTables['allocations'][];
}

/** Reads the lots (donations), the matcher's view and the live allocations of the model's world. */
export async function observe(supply: InProcessSupply, model: SupplyModel): Promise<Observed> {
  const lotIds = [...model.lots.keys()];
  const needIds = [...model.needs.keys()];
  const matching = supply.db<MatchingTables>('matching');
  const lots =
    lotIds.length === 0
      ? []
      : await supply
          .db<{ lots: LotRow }>('donations')
          .selectFrom('lots')
          .select([
            'id',
            'quantity_received',
            'quantity_available',
            'quantity_allocated',
            'quantity_delivered',
            'quantity_written_off',
          ])
          .where('id', 'in', lotIds)
          .execute();
  const matchingLots =
    lotIds.length === 0
      ? []
      : await matching
          .selectFrom('stock_lots')
          .select(['lot_id', 'quantity', 'allocated', 'status'])
          .where('lot_id', 'in', lotIds)
          .execute();
  const matchingNeeds =
    needIds.length === 0
      ? []
      : await matching
          .selectFrom('open_needs')
          .select(['need_id', 'allocated', 'status'])
          .where('need_id', 'in', needIds)
          .execute();
  // Live allocations of this world's needs or lots (one from a foreign lot is a finding too).
  const liveAllocations =
    needIds.length === 0 && lotIds.length === 0
      ? []
      : await matching
          .selectFrom('allocations')
          .select(['id', 'need_id', 'lot_id', 'quantity', 'status'])
          .where('status', 'in', LIVE)
          .where((eb) =>
            eb.or([
              ...(needIds.length > 0 ? [eb('need_id', 'in', needIds)] : []),
              ...(lotIds.length > 0 ? [eb('lot_id', 'in', lotIds)] : []),
            ]),
          )
          .execute();
  return {
    lots: new Map(lots.map((l) => [l.id, l])),
    matchingLots: new Map(matchingLots.map((l) => [l.lot_id, l])),
    matchingNeeds: new Map(matchingNeeds.map((n) => [n.need_id, n])),
    liveAllocations,
  };
}

/**
 * The invariants that must hold at every instant, whatever events are still in flight:
 * conservation of every lot, no need served beyond its quantity, no lot allocated beyond what
 * it received. A violation is a bug, never a matter of waiting.
 */
export function invariantViolations(model: SupplyModel, seen: Observed): string[] {
  const problems: string[] = [];
  for (const lot of seen.lots.values()) {
    const sum =
      lot.quantity_available +
      lot.quantity_allocated +
      lot.quantity_delivered +
      lot.quantity_written_off;
    if (sum !== lot.quantity_received)
      problems.push(
        `lot ${lot.id}: conservation broken (${String(sum)} ≠ received ${String(lot.quantity_received)})`,
      );
  }
  const perNeed = new Map<string, number>();
  const perLot = new Map<string, number>();
  for (const a of seen.liveAllocations) {
    perNeed.set(a.need_id, (perNeed.get(a.need_id) ?? 0) + a.quantity);
    if (a.lot_id) perLot.set(a.lot_id, (perLot.get(a.lot_id) ?? 0) + a.quantity);
  }
  for (const [needId, units] of perNeed) {
    const need = model.needs.get(needId);
    if (need && units > need.quantity)
      problems.push(`need ${needId} over-served: ${String(units)} of ${String(need.quantity)}`);
  }
  for (const [lotId, units] of perLot) {
    const lot = seen.lots.get(lotId);
    if (lot && units > lot.quantity_received - lot.quantity_written_off)
      problems.push(
        `lot ${lotId} over-allocated: ${String(units)} live of ${String(lot.quantity_received)} received`,
      );
  }
  return problems;
}

/** Where the services do not (yet) agree with the model: converges once events are applied. */
export function differences(model: SupplyModel, seen: Observed): string[] {
  const problems: string[] = [];
  for (const lot of model.lots.values()) {
    const row = seen.lots.get(lot.id);
    const expected = [lot.received, lot.available, lot.allocated, lot.delivered, lot.writtenOff];
    const actual = row
      ? [
          row.quantity_received,
          row.quantity_available,
          row.quantity_allocated,
          row.quantity_delivered,
          row.quantity_written_off,
        ]
      : [];
    if (expected.join() !== actual.join())
      problems.push(
        `lot ${lot.id} (received, available, allocated, delivered, written off): expected ${expected.join()} got ${actual.join()}`,
      );
    const matched = seen.matchingLots.get(lot.id);
    if (matched?.allocated !== lot.allocated)
      problems.push(
        `matcher's lot ${lot.id}: allocated ${String(matched?.allocated)}, expected ${String(lot.allocated)}`,
      );
    // What the matcher may still hand out must be what donations holds available: a write-off
    // not yet in the view would be offered to the next run (another sequence's, even).
    const offered =
      lot.expired || matched?.status !== 'in_stock' ? 0 : matched.quantity - matched.allocated;
    if (offered !== lot.available || (lot.expired && matched?.status !== 'expired'))
      problems.push(
        `matcher's lot ${lot.id}: offers ${String(offered)} (${String(matched?.status)}), expected ${String(lot.available)}${lot.expired ? ' (expired)' : ''}`,
      );
  }
  const live = new Map(seen.liveAllocations.map((a) => [a.id, a]));
  for (const a of model.allocations.values()) {
    if (a.live !== live.has(a.id))
      problems.push(`allocation ${a.id}: expected ${a.live ? 'live' : 'released'}`);
  }
  for (const a of live.values()) {
    if (!model.allocations.has(a.id)) problems.push(`allocation ${a.id} the model never saw made`);
  }
  for (const need of model.needs.values()) {
    let served = 0;
    for (const a of model.allocations.values())
      if (a.live && a.needId === need.id) served += a.quantity;
    const matched = seen.matchingNeeds.get(need.id);
    if (matched?.allocated !== served)
      problems.push(
        `matcher's need ${need.id}: allocated ${String(matched?.allocated)}, expected ${String(served)}`,
      );
    if (need.cancelled && matched?.status !== 'cancelled')
      problems.push(`matcher's need ${need.id}: ${String(matched?.status)}, expected cancelled`);
  }
  return problems;
}

/**
 * Waits until the services agree with the model (events delivered), failing at once on any
 * invariant violation seen on the way and after `timeoutMs` with what still differs.
 */
export async function settle(
  supply: InProcessSupply,
  model: SupplyModel,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await observe(supply, model);
    const violations = invariantViolations(model, seen);
    if (violations.length > 0) throw new Error(`invariant violated:\n${violations.join('\n')}`);
    const diff = differences(model, seen);
    if (diff.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `the services did not reach the model's state in ${String(timeoutMs)} ms:\n${diff.join('\n')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
