import type { DeliveryOrder, RiskLevel, Shift } from '@anbu/contracts';
import type { DemoCity, DemoHousehold, DemoProgram } from '@anbu/demo-city';
import { demoId } from '@anbu/demo-city';

/** Households of a program get their delivery on one of this many days in turn. */
export const DEMO_DAY_GROUPS = 5;

/** Programs delivered on a demo day: the meal boxes and the necessity kits. */
const DELIVERED_PROGRAMS: ReadonlySet<string> = new Set(['MEAL-BOX', 'NECESSITY-KIT']);

/** The more at risk, the later the household is left out when capacity runs short. */
const PRIORITY: Readonly<Record<RiskLevel, number>> = Object.freeze({
  low: 10,
  medium: 30,
  high: 60,
  critical: 90,
});

/** A day's fleet roster and order pool for the demo city. */
export interface DemoDay {
  readonly date: string;
  readonly shifts: Shift[];
  readonly orders: DeliveryOrder[];
}

/** A stable 0…n-1 group of a household (its id is a UUID: hex digits spread evenly). */
export function groupOf(household: DemoHousehold, groups: number): number {
  return Number.parseInt(household.id.slice(-6), 16) % groups;
}

/** The day's group: days since the epoch, so that consecutive days cover every group. */
export function groupOfDay(date: string, groups: number): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000) % groups;
}

const SEOUL = '+09:00';

/**
 * The demo city's day `date` (Asia/Seoul): a shift for each of the 40 carriers at their usual
 * hours, and an open delivery order for each consenting household enrolled in the meal-box or
 * necessity-kit program whose turn it is (one household in {@link DEMO_DAY_GROUPS} a day).
 * Ids derive from the seed and the date, so seeding a day twice changes nothing.
 */
export function buildDemoDay(city: DemoCity, options: { date: string; now: string }): DemoDay {
  const { date } = options;
  const shifts: Shift[] = city.carriers.map((carrier) => ({
    id: demoId(city.seed, 'shift', `${date}:${carrier.id}`),
    carrierId: carrier.id,
    vehicleId: carrier.vehicle.id,
    date,
    window: {
      start: `${date}T${carrier.shift.start}:00${SEOUL}`,
      end: `${date}T${carrier.shift.end}:00${SEOUL}`,
    },
    startDepotId: carrier.homeDepotId,
    cancelled: false,
  }));
  const depotOf = (program: DemoProgram) =>
    city.depots.find(
      (d) => d.kind === (program.storageClass === 'chilled' ? 'kitchen' : 'food_bank'),
    )?.id;
  const programs = city.programs.filter((p) => DELIVERED_PROGRAMS.has(p.code));
  const today = groupOfDay(date, DEMO_DAY_GROUPS);
  const orders: DeliveryOrder[] = [];
  for (const household of city.households) {
    // Households without recorded consent are not enrolled, so they get nothing delivered.
    if (!household.consent || groupOf(household, DEMO_DAY_GROUPS) !== today) continue;
    for (const program of programs) {
      if (!household.programIds.includes(program.id)) continue;
      const depotId = depotOf(program);
      orders.push({
        id: demoId(city.seed, 'order', `${date}:${program.code}:${household.id}`),
        kind: 'delivery',
        householdId: household.id,
        districtCode: household.districtCode,
        ...(depotId ? { depotId } : {}),
        needIds: [],
        allocationIds: [],
        items: program.itemTemplate.map((line) => ({ ...line })),
        storageClass: program.storageClass,
        deliverBy: date,
        priority: PRIORITY[household.riskLevel],
        status: 'open',
        attempts: 0,
        createdAt: options.now,
      });
    }
  }
  return { date, shifts, orders };
}
