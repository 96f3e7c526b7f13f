import { seoulDate } from '@anbu/contracts';

/** The two kinds of goods the model moves: a category, its unit and storage. */
export const GOODS = {
  rice_grain: { unit: 'bag', storageClass: 'ambient' },
  dairy: { unit: 'pack', storageClass: 'chilled' },
} as const;
export type Good = keyof typeof GOODS;

/** A lot as the model expects it: where every received unit is. */
export interface ModelLot {
  readonly id: string;
  readonly category: Good;
  readonly expiresOn: string;
  readonly received: number;
  available: number;
  allocated: number;
  delivered: number;
  writtenOff: number;
  expired: boolean;
}

export interface ModelNeed {
  readonly id: string;
  readonly category: Good;
  readonly quantity: number;
  cancelled: boolean;
}

export interface ModelAllocation {
  readonly id: string;
  readonly needId: string;
  readonly lotId: string;
  readonly quantity: number;
  live: boolean;
}

export interface ModelDonation {
  readonly id: string;
  received: boolean;
}

/** The expected state of one sequence's world: what the services must agree with. */
export interface SupplyModel {
  readonly donations: ModelDonation[];
  readonly lots: Map<string, ModelLot>;
  readonly needs: Map<string, ModelNeed>;
  readonly allocations: Map<string, ModelAllocation>;
  /** Steps run and checked, for the figures. */
  steps: number;
  /** Allocations given back (cancelled needs, expired lots), for the figures. */
  released: number;
}

export function emptyModel(): SupplyModel {
  return {
    donations: [],
    lots: new Map(),
    needs: new Map(),
    allocations: new Map(),
    steps: 0,
    released: 0,
  };
}

/** Units of a need promised by its live allocations. */
export function servedUnits(model: SupplyModel, needId: string): number {
  let sum = 0;
  for (const a of model.allocations.values()) if (a.live && a.needId === needId) sum += a.quantity;
  return sum;
}

/**
 * Checks one allocation a run made against the model before it is applied: a known lot of the
 * need's category, not past its date, with the units available, to an open need not yet full.
 * Returns what is wrong, or undefined.
 */
export function allocationProblem(
  model: SupplyModel,
  allocation: { needId: string; lotId: string | null; quantity: number },
  today: Date,
): string | undefined {
  const need = model.needs.get(allocation.needId);
  if (!need) return `allocation to a need of another world (${allocation.needId})`;
  if (need.cancelled) return `allocation to cancelled need ${need.id}`;
  const lot = allocation.lotId ? model.lots.get(allocation.lotId) : undefined;
  if (!lot) return `allocation from a lot of another world (${String(allocation.lotId)})`;
  if (lot.category !== need.category) return `a ${lot.category} lot serves a ${need.category} need`;
  if (lot.expired || lot.expiresOn < seoulDate(today))
    return `lot ${lot.id} past its date (${lot.expiresOn}) was allocated`;
  if (allocation.quantity > lot.available)
    return `lot ${lot.id} over-allocated: ${String(allocation.quantity)} of ${String(lot.available)} available`;
  if (servedUnits(model, need.id) + allocation.quantity > need.quantity)
    return `need ${need.id} over-served: ${String(servedUnits(model, need.id) + allocation.quantity)} of ${String(need.quantity)}`;
  return undefined;
}

/** Applies a live allocation: units move from available to allocated. */
export function applyAllocation(model: SupplyModel, allocation: ModelAllocation): void {
  const lot = model.lots.get(allocation.lotId);
  if (!lot) throw new Error(`unknown lot ${allocation.lotId}`);
  lot.available -= allocation.quantity;
  lot.allocated += allocation.quantity;
  model.allocations.set(allocation.id, allocation);
}

/** Gives back every live allocation matching `which`: units return to stock, or are written off if the lot expired. */
export function releaseAllocations(
  model: SupplyModel,
  which: (allocation: ModelAllocation) => boolean,
): void {
  for (const allocation of model.allocations.values()) {
    if (!allocation.live || !which(allocation)) continue;
    allocation.live = false;
    model.released += 1;
    const lot = model.lots.get(allocation.lotId);
    if (!lot) continue;
    lot.allocated -= allocation.quantity;
    if (lot.expired) lot.writtenOff += allocation.quantity;
    else lot.available += allocation.quantity;
  }
}

/** Expires the lots past their date on `today`: what is on hand and what was promised is written off. */
export function expireLots(model: SupplyModel, today: string): string[] {
  const expired: string[] = [];
  for (const lot of model.lots.values()) {
    if (lot.expired || lot.expiresOn >= today) continue;
    lot.expired = true;
    lot.writtenOff += lot.available;
    lot.available = 0;
    expired.push(lot.id);
  }
  releaseAllocations(model, (a) => expired.includes(a.lotId));
  return expired;
}
