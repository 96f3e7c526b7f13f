import type { Transaction } from 'kysely';

import type {
  NotificationChannel,
  StopStatus,
  VisitReport,
  WelfareChecklist,
  WelfareObservation,
} from '@anbu/contracts';

import type { CareDatabase } from '../repo/schema.js';
import { raiseAlert } from '../alerting/raise-alert.js';
import { contactOutcome, decideAlert, observe } from '../domain/rules.js';
import { lockHousehold } from '../repo/household-lock.js';
import { earlierOutcomes, insertObservations, recordContact } from '../repo/visits.js';

/** One visit to record: from a carrier's report, or from a stop update. */
export interface VisitInput {
  readonly stopId: string;
  readonly householdId: string;
  readonly carrierId: string;
  readonly districtCode: string;
  readonly at: string;
  readonly checklist?: WelfareChecklist | undefined;
  readonly stopStatus?: StopStatus | undefined;
  /** The stored report, when the visit comes from one. */
  readonly report?: VisitReport | undefined;
}

/** What a visit produced. */
export interface VisitOutcome {
  readonly observations: WelfareObservation[];
  readonly raisedAlertIds: string[];
}

/**
 * Records a visit in the caller's transaction: the contact outcome, the observations the
 * rules draw (against the household's earlier contacts) and the alert they decide, if any.
 * A stop update for a stop whose report came first adds nothing (the report said more).
 */
export async function recordVisit(
  trx: Transaction<CareDatabase>,
  visit: VisitInput,
  options: { channels: readonly NotificationChannel[]; now: Date },
): Promise<VisitOutcome> {
  const facts = { checklist: visit.checklist, stopStatus: visit.stopStatus };
  const outcome = contactOutcome(facts);
  if (!outcome) return { observations: [], raisedAlertIds: [] };
  await lockHousehold(trx, visit.householdId);
  const earlier = await earlierOutcomes(trx, {
    householdId: visit.householdId,
    before: new Date(visit.at),
    exceptStopId: visit.stopId,
  });
  const fromReport = visit.report !== undefined;
  const fresh = await recordContact(trx, {
    stopId: visit.stopId,
    householdId: visit.householdId,
    carrierId: visit.carrierId,
    outcome,
    at: visit.at,
    fromReport,
  });
  if (!fresh && !fromReport) return { observations: [], raisedAlertIds: [] };

  const drafts = observe(facts, earlier);
  const observations: WelfareObservation[] = drafts.map((draft) => ({
    id: crypto.randomUUID(),
    householdId: visit.householdId,
    kind: draft.kind,
    ...(draft.severity ? { severity: draft.severity } : {}),
    source: fromReport ? 'visit_report' : 'stop_update',
    ...(visit.report ? { visitReportId: visit.report.id } : {}),
    stopId: visit.stopId,
    observedAt: visit.at,
  }));
  await insertObservations(trx, observations);

  const decision = decideAlert(drafts);
  if (!decision) return { observations, raisedAlertIds: [] };
  const concernIds = observations.filter((o) => o.severity !== undefined).map((o) => o.id);
  const { alert } = await raiseAlert(trx, {
    decision,
    householdId: visit.householdId,
    districtCode: visit.districtCode,
    observationIds: concernIds,
    origin: 'visit',
    channels: options.channels,
    now: options.now,
  });
  return { observations, raisedAlertIds: [alert.id] };
}
