import type { AllocationReason, UnmetNeed } from '@anbu/contracts';
import type {
  AllocationNeedInput,
  AllocationProblem,
  AllocationSolution,
  ExplainedReason,
} from '@anbu/contracts/allocation';
import { explainAllocation, solveAllocation } from '@anbu/allocation';
import { allocationProblemSchema } from '@anbu/contracts/allocation';

import type {
  AllocationPlan,
  KitchenDay,
  OpenNeed,
  PlanInput,
  PlannedAllocation,
} from './plan-inputs.js';
import { TYPES_WITH_CHILDREN } from './plan-inputs.js';

const toReason = (reason: ExplainedReason): AllocationReason => ({
  code: reason.code,
  message: reason.message.slice(0, 500),
});

/** A solved pass: the problem, its solution, and the readable why of each match and shortfall. */
interface Pass {
  readonly problem: AllocationProblem;
  readonly solution: AllocationSolution;
  readonly matchReasons: readonly (readonly AllocationReason[])[];
  readonly shortfalls: ReadonlyMap<string, UnmetNeed>;
}

function solvePass(problem: AllocationProblem): Pass {
  const solution = solveAllocation(problem);
  const explanation = explainAllocation({ problem, solution });
  return {
    problem,
    solution,
    matchReasons: explanation.matches.map((m) => m.reasons.map(toReason)),
    shortfalls: new Map(
      explanation.shortfalls.map((s) => [
        s.needId,
        { needId: s.needId, quantityMissing: s.quantityMissing, reasons: s.reasons.map(toReason) },
      ]),
    ),
  };
}

function needOf(
  input: PlanInput,
  need: OpenNeed,
  deliveryDate: string,
): AllocationNeedInput | undefined {
  const profile = input.profiles.get(need.householdId);
  if (!profile) return undefined;
  return {
    id: need.needId,
    householdId: need.householdId,
    category: need.category,
    unit: need.unit,
    quantity: need.quantity,
    ...(need.storageClass ? { storageClass: need.storageClass } : {}),
    deliveryDate,
    deadline: need.deadline,
    waitingSince: need.filedOn ?? input.today,
    priority: need.priority,
    riskLevel: profile.riskLevel,
    householdType: profile.type,
    childrenInHousehold: TYPES_WITH_CHILDREN.includes(profile.type),
    dietaryTags: profile.dietaryTags,
    allergens: profile.allergens,
    districtCode: need.districtCode,
    location: profile.location,
  };
}

function depotsOf(input: PlanInput, ids: Iterable<string>) {
  return [...new Set(ids)].flatMap((id) => {
    const location = input.depots.get(id);
    return location ? [{ id, location }] : [];
  });
}

/**
 * Plans one allocation run, pure and deterministic: first every lot in stock (first-expiring
 * first, constraints, priority, fairness, distance: `@anbu/allocation`) for the run's day, then
 * each kitchen's cooking day in date order for the meal needs still short. Needs of households
 * without a matching profile, lots of unknown depots and lots past their date are left out.
 * Every need left short gets the reasons of the last pass that considered it.
 */
export function planAllocation(input: PlanInput): AllocationPlan {
  const byId = new Map(input.needs.map((need) => [need.needId, need]));
  const needs = input.needs.flatMap((need) => {
    const parsed = need.deadline >= input.today ? needOf(input, need, input.today) : undefined;
    return parsed ? [parsed] : [];
  });
  // Expiry is checked here at run time as well as in the solver: a lot past its date is never offered.
  const lots = input.lots.filter(
    (lot) =>
      lot.quantity > 0 &&
      input.depots.has(lot.depotId) &&
      (lot.expiresOn === undefined || lot.expiresOn >= input.today),
  );
  const stockPass = solvePass(
    allocationProblemSchema.parse({
      date: input.today,
      depots: depotsOf(
        input,
        lots.map((lot) => lot.depotId),
      ),
      lots: lots.map((lot) => ({
        id: lot.lotId,
        depotId: lot.depotId,
        category: lot.category,
        unit: lot.unit,
        storageClass: lot.storageClass,
        quantity: lot.quantity,
        ...(lot.expiresOn ? { expiresOn: lot.expiresOn } : {}),
        restrictions: {
          householdTypes: lot.restrictions.householdTypes,
          districtCodes: lot.restrictions.districtCodes,
        },
      })),
      needs,
    }),
  );
  const lotById = new Map(lots.map((lot) => [lot.lotId, lot]));
  const allocations: PlannedAllocation[] = [];
  const missing = new Map(needs.map((need) => [need.id, need.quantity]));
  const shortfalls = new Map(stockPass.shortfalls);

  stockPass.solution.matches.forEach((match, index) => {
    const need = byId.get(match.needId);
    if (!need || match.source.kind !== 'lot') return;
    const lot = lotById.get(match.source.lotId);
    if (!lot) return;
    missing.set(need.needId, (missing.get(need.needId) ?? 0) - match.quantity);
    allocations.push({
      needId: need.needId,
      householdId: need.householdId,
      districtCode: need.districtCode,
      source: { kind: 'lot', lotId: lot.lotId, depotId: lot.depotId },
      category: need.category,
      unit: need.unit,
      storageClass: lot.storageClass,
      quantity: match.quantity,
      deliverBy: need.deadline,
      priority: need.priority,
      reasons: stockPass.matchReasons[index] ?? [],
    });
  });

  const kitchenAllocations = planKitchenDays({ input, byId, missing, shortfalls });
  allocations.push(...kitchenAllocations);

  const asked = needs.reduce((sum, need) => sum + need.quantity, 0);
  const unitsAllocated = allocations.reduce((sum, a) => sum + a.quantity, 0);
  const metrics = stockPass.solution.metrics;
  const finite = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
  return {
    allocations,
    unmet: [...shortfalls.values()].filter((s) => (missing.get(s.needId) ?? 0) > 0),
    needsConsidered: needs.length,
    lotsConsidered: lots.length,
    unitsAllocated,
    // With kitchen days the weighted rate of the stock pass no longer covers every unit.
    fillRate:
      kitchenAllocations.length === 0
        ? finite(metrics.weightedFillRate)
        : finite(asked === 0 ? 0 : unitsAllocated / asked),
    fairnessSpread: finite(metrics.fairnessSpread),
    unitsExpiringUnallocated: metrics.unitsExpiringUnallocated,
  };
}

/** One pass per cooking day, in date order, over the needs still short on that day. */
function planKitchenDays(options: {
  input: PlanInput;
  byId: ReadonlyMap<string, OpenNeed>;
  missing: Map<string, number>;
  shortfalls: Map<string, UnmetNeed>;
}): PlannedAllocation[] {
  const { input, byId, missing, shortfalls } = options;
  const days = new Map<string, KitchenDay[]>();
  for (const day of input.kitchenDays) {
    if (day.boxes <= 0 || day.date < input.today || !input.depots.has(day.depotId)) continue;
    days.set(day.date, [...(days.get(day.date) ?? []), day]);
  }
  const planned: PlannedAllocation[] = [];
  for (const date of [...days.keys()].sort()) {
    const kitchens = days.get(date) ?? [];
    const categories = new Set(kitchens.map((k) => k.category));
    const needs = [...byId.values()].flatMap((need) => {
      const left = missing.get(need.needId) ?? 0;
      if (left <= 0 || need.deadline < date || !categories.has(need.category)) return [];
      const parsed = needOf(input, { ...need, quantity: left }, date);
      return parsed ? [parsed] : [];
    });
    if (needs.length === 0) continue;
    const pass = solvePass(
      allocationProblemSchema.parse({
        date,
        depots: depotsOf(
          input,
          kitchens.map((k) => k.depotId),
        ),
        lots: [],
        kitchens: kitchens.map((k) => ({
          id: k.kitchenOrganisationId,
          depotId: k.depotId,
          category: k.category,
          storageClass: k.storageClass,
          boxesPerDay: k.boxes,
          days: 1,
        })),
        needs,
      }),
    );
    for (const need of needs) {
      const short = pass.shortfalls.get(need.id);
      if (short) shortfalls.set(need.id, short);
    }
    pass.solution.matches.forEach((match, index) => {
      const need = byId.get(match.needId);
      if (!need || match.source.kind !== 'kitchen') return;
      const kitchenId = match.source.kitchenId;
      const kitchen = kitchens.find((k) => k.kitchenOrganisationId === kitchenId);
      if (!kitchen) return;
      missing.set(need.needId, (missing.get(need.needId) ?? 0) - match.quantity);
      planned.push({
        needId: need.needId,
        householdId: need.householdId,
        districtCode: need.districtCode,
        source: {
          kind: 'kitchen',
          kitchenOrganisationId: kitchen.kitchenOrganisationId,
          depotId: kitchen.depotId,
        },
        kitchenDate: date,
        category: need.category,
        unit: need.unit,
        storageClass: kitchen.storageClass,
        quantity: match.quantity,
        deliverBy: need.deadline,
        priority: need.priority,
        reasons: pass.matchReasons[index] ?? [],
      });
    });
  }
  return planned;
}
