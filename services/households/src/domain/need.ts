import type { Enrolment, ItemLine, RiskLevel } from '@anbu/contracts';

/** What a household's risk level adds to a need's priority (0 … 100). */
export const RISK_PRIORITY: Readonly<Record<RiskLevel, number>> = Object.freeze({
  low: 0,
  medium: 10,
  high: 25,
  critical: 40,
});

/** A need's priority: the asked base plus the household's risk, capped at 100. */
export function needPriority(options: { base: number; riskLevel: RiskLevel }): number {
  return Math.min(100, Math.max(0, options.base + RISK_PRIORITY[options.riskLevel]));
}

/** One need a cycle should create: an enrolment's template line, due by `deliverBy`. */
export interface CycleNeed {
  readonly enrolmentId: string;
  readonly householdId: string;
  readonly lineIndex: number;
  readonly line: ItemLine;
}

/**
 * The needs of one cycle of a program: every template line for every enrolment that is live
 * on `deliverBy` (started on or before it, not ended before it).
 */
export function cycleNeeds(options: {
  enrolments: readonly Pick<Enrolment, 'id' | 'householdId' | 'status' | 'startsOn' | 'endsOn'>[];
  itemTemplate: readonly ItemLine[];
  deliverBy: string;
}): CycleNeed[] {
  const live = options.enrolments.filter(
    (e) =>
      e.status === 'active' &&
      e.startsOn <= options.deliverBy &&
      (e.endsOn === undefined || e.endsOn >= options.deliverBy),
  );
  return live.flatMap((enrolment) =>
    options.itemTemplate.map((line, lineIndex) => ({
      enrolmentId: enrolment.id,
      householdId: enrolment.householdId,
      lineIndex,
      line,
    })),
  );
}
