import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { WelfareObservation } from '@anbu/contracts';
import type { TimelineEntry } from '@anbu/contracts/rpc';

import type { CareDatabase } from './schema.js';
import { ALERT_COLUMNS, rowToAlert } from './alerts.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { rowToSignal } from './signals.js';
import { rowToObservation, rowToVisitReport } from './visits.js';

type Db = Kysely<CareDatabase> | Transaction<CareDatabase>;

/** The observations a visit report produced. */
export async function observationsOfReport(
  db: Db,
  visitReportId: string,
): Promise<WelfareObservation[]> {
  const rows = await db
    .selectFrom('observations')
    .selectAll()
    .where('visit_report_id', '=', visitReportId)
    .orderBy('id')
    .execute();
  return rows.map(rowToObservation);
}

/** The alerts that hold any of the observations. */
export async function alertIdsOfObservations(
  db: Db,
  observationIds: readonly string[],
): Promise<string[]> {
  if (observationIds.length === 0) return [];
  const rows = await db
    .selectFrom('alerts')
    .select('id')
    .where(sql<boolean>`observation_ids && ${sql.val([...observationIds])}::uuid[]`)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * A page of a household's timeline, newest first: visits, observations, signals and alerts
 * merged by time. Each kind is read up to `limit + 1` past the cursor, so the merge is exact.
 */
export async function householdTimelinePage(
  db: Db,
  options: { householdId: string; cursor?: string | undefined; limit: number },
): Promise<{ items: TimelineEntry[]; nextCursor?: string }> {
  const after = decodeCursor(options.cursor);
  const take = options.limit + 1;
  const before = (time: string) =>
    after
      ? sql<boolean>`(${sql.ref(time)}, id) < (${after.at}::timestamptz, ${after.id}::uuid)`
      : sql<boolean>`true`;
  const household = options.householdId;

  const [visits, observations, signals, alerts] = await Promise.all([
    db
      .selectFrom('visit_reports')
      .selectAll()
      .where('household_id', '=', household)
      .where(before('visited_at'))
      .orderBy('visited_at', 'desc')
      .orderBy('id', 'desc')
      .limit(take)
      .execute(),
    db
      .selectFrom('observations')
      .selectAll()
      .where('household_id', '=', household)
      .where(before('observed_at'))
      .orderBy('observed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(take)
      .execute(),
    db
      .selectFrom('signals')
      .selectAll()
      .where('household_id', '=', household)
      .where(before('observed_at'))
      .orderBy('observed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(take)
      .execute(),
    db
      .selectFrom('alerts')
      .select(ALERT_COLUMNS)
      .where('household_id', '=', household)
      .where(before('raised_at'))
      .orderBy('raised_at', 'desc')
      .orderBy('id', 'desc')
      .limit(take)
      .execute(),
  ]);
  const entries: { entry: TimelineEntry; id: string }[] = [
    ...visits.map((r) => {
      const visit = rowToVisitReport(r);
      return { id: r.id, entry: { kind: 'visit' as const, at: visit.visitedAt, visit } };
    }),
    ...observations.map((r) => {
      const observation = rowToObservation(r);
      return {
        id: r.id,
        entry: { kind: 'observation' as const, at: observation.observedAt, observation },
      };
    }),
    ...signals.map((r) => {
      const signal = rowToSignal(r);
      return { id: r.id, entry: { kind: 'signal' as const, at: signal.observedAt, signal } };
    }),
    ...alerts.map((r) => {
      const alert = rowToAlert(r);
      return { id: r.id, entry: { kind: 'alert' as const, at: alert.raisedAt, alert } };
    }),
  ];
  entries.sort(
    (a, b) =>
      Date.parse(b.entry.at) - Date.parse(a.entry.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  const more = entries.length > options.limit;
  const page = entries.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map((e) => e.entry),
    ...(more && last ? { nextCursor: encodeCursor({ at: last.entry.at, id: last.id }) } : {}),
  };
}
