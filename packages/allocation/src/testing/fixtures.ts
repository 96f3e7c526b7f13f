import type {
  AllocationKitchenInput,
  AllocationLotInput,
  AllocationNeedInput,
  AllocationProblem,
} from '@anbu/contracts/allocation';
import { allocationProblemSchema } from '@anbu/contracts/allocation';

/** A need with plausible defaults (side dishes, one box, medium risk, district A). */
export function needInput(
  overrides: Partial<AllocationNeedInput> & { id: string },
): AllocationNeedInput {
  return {
    householdId: `h-${overrides.id}`,
    category: 'side_dishes',
    unit: 'box',
    quantity: 1,
    deliveryDate: '2026-11-26',
    deadline: '2026-11-30',
    waitingSince: '2026-11-25',
    riskLevel: 'medium',
    householdType: 'elderly_alone',
    districtCode: 'A',
    location: { lat: 37.55, lng: 126.98 },
    ...overrides,
  };
}

/** A lot with plausible defaults (side dishes, chilled, 10 boxes, depot p1, expires 2026-11-28). */
export function lotInput(
  overrides: Partial<AllocationLotInput> & { id: string },
): AllocationLotInput {
  return {
    depotId: 'p1',
    category: 'side_dishes',
    unit: 'box',
    storageClass: 'chilled',
    quantity: 10,
    expiresOn: '2026-11-28',
    ...overrides,
  };
}

/** A parsed problem on 2026-11-25 with depots p1 (centre) and p2 (~5 km north). */
export function problemOf(parts: {
  needs: AllocationNeedInput[];
  lots?: AllocationLotInput[];
  kitchens?: AllocationKitchenInput[];
}): AllocationProblem {
  return allocationProblemSchema.parse({
    date: '2026-11-25',
    depots: [
      { id: 'p1', location: { lat: 37.55, lng: 126.98 } },
      { id: 'p2', location: { lat: 37.595, lng: 126.98 } },
    ],
    lots: parts.lots ?? [],
    kitchens: parts.kitchens ?? [],
    needs: parts.needs,
  });
}
