import type { Kysely, Transaction } from 'kysely';

import type { VisitReport, WelfareObservation } from '@anbu/contracts';
import {
  mealFeedbackSchema,
  visitReportSchema,
  welfareChecklistSchema,
  welfareObservationSchema,
} from '@anbu/contracts';

import type { ContactOutcome } from '../domain/rules.js';
import type { CareDatabase, ObservationRow, VisitReportRow } from './schema.js';

type Db = Kysely<CareDatabase> | Transaction<CareDatabase>;

/** How many earlier contacts the rules look at. */
export const CONTACT_HISTORY = 5;

/** Maps a stored visit report to the contract type. */
export function rowToVisitReport(row: VisitReportRow): VisitReport {
  return visitReportSchema.parse({
    id: row.id,
    stopId: row.stop_id,
    householdId: row.household_id,
    carrierId: row.carrier_id,
    visitedAt: row.visited_at.toISOString(),
    checklist: welfareChecklistSchema.parse(row.checklist),
    mealFeedback:
      row.meal_feedback === null ? undefined : mealFeedbackSchema.parse(row.meal_feedback),
    note: row.note ?? undefined,
    position:
      row.position_lat === null || row.position_lng === null
        ? undefined
        : { lat: row.position_lat, lng: row.position_lng },
    recordedAt: row.recorded_at.toISOString(),
  });
}

/** Stores a visit report; the existing one when the stop was reported already. */
export async function insertVisitReport(
  db: Db,
  report: VisitReport,
): Promise<{ report: VisitReport; created: boolean }> {
  const inserted = await db
    .insertInto('visit_reports')
    .values({
      id: report.id,
      stop_id: report.stopId,
      household_id: report.householdId,
      carrier_id: report.carrierId,
      visited_at: report.visitedAt,
      checklist: JSON.stringify(report.checklist),
      meal_feedback: report.mealFeedback ? JSON.stringify(report.mealFeedback) : null,
      note: report.note ?? null,
      position_lat: report.position?.lat ?? null,
      position_lng: report.position?.lng ?? null,
      recorded_at: report.recordedAt,
    })
    .onConflict((oc) => oc.column('stop_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { report: rowToVisitReport(inserted), created: true };
  const existing = await db
    .selectFrom('visit_reports')
    .selectAll()
    .where('stop_id', '=', report.stopId)
    .executeTakeFirstOrThrow();
  return { report: rowToVisitReport(existing), created: false };
}

/** The household's latest contact outcomes before `before`, newest first. */
export async function earlierOutcomes(
  db: Db,
  options: { householdId: string; before: Date; exceptStopId: string },
): Promise<ContactOutcome[]> {
  const rows = await db
    .selectFrom('contacts')
    .select('outcome')
    .where('household_id', '=', options.householdId)
    .where('at', '<', options.before)
    .where('stop_id', '<>', options.exceptStopId)
    .orderBy('at', 'desc')
    .limit(CONTACT_HISTORY)
    .execute();
  return rows.map((r) => r.outcome as ContactOutcome);
}

/**
 * Records the outcome of a stop; a visit report's outcome (it knows whether the person was
 * seen) overrides the stop status's, whichever arrives first.
 * @returns whether this stop had no outcome before (its observations are new).
 */
export async function recordContact(
  db: Db,
  contact: {
    stopId: string;
    householdId: string;
    carrierId: string;
    outcome: ContactOutcome;
    at: string;
    fromReport: boolean;
  },
): Promise<boolean> {
  const values = {
    stop_id: contact.stopId,
    household_id: contact.householdId,
    carrier_id: contact.carrierId,
    outcome: contact.outcome,
    at: contact.at,
  };
  const inserted = await db
    .insertInto('contacts')
    .values(values)
    .onConflict((oc) =>
      contact.fromReport
        ? oc.column('stop_id').doUpdateSet({ outcome: contact.outcome })
        : oc.column('stop_id').doNothing(),
    )
    .returning(['stop_id'])
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Maps a stored observation to the contract type. */
export function rowToObservation(row: ObservationRow): WelfareObservation {
  return welfareObservationSchema.parse({
    id: row.id,
    householdId: row.household_id,
    kind: row.kind,
    severity: row.severity ?? undefined,
    source: row.source,
    visitReportId: row.visit_report_id ?? undefined,
    signalId: row.signal_id ?? undefined,
    stopId: row.stop_id ?? undefined,
    observedAt: row.observed_at.toISOString(),
  });
}

/** Stores observations. */
export async function insertObservations(
  db: Db,
  observations: readonly WelfareObservation[],
): Promise<void> {
  if (observations.length === 0) return;
  await db
    .insertInto('observations')
    .values(
      observations.map((o) => ({
        id: o.id,
        household_id: o.householdId,
        kind: o.kind,
        severity: o.severity ?? null,
        source: o.source,
        visit_report_id: o.visitReportId ?? null,
        signal_id: o.signalId ?? null,
        stop_id: o.stopId ?? null,
        observed_at: o.observedAt,
      })),
    )
    .execute();
}
