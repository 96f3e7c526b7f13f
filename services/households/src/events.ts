import type { Kysely } from 'kysely';

import type { ConsumeOptions } from '@anbu/bus';
import type { Logger } from '@anbu/db';
import { on } from '@anbu/bus';
import { withInbox } from '@anbu/bus/outbox';
import { riskLevelSchema } from '@anbu/contracts';
import { needRequested } from '@anbu/contracts/events';

import type { HouseholdsDatabase } from './repo/schema.js';
import { newNeedRefusal } from './domain/consent-gates.js';
import { needPriority } from './domain/need.js';
import { listConsentsOf } from './repo/consents.js';
import { findHouseholdRow } from './repo/households.js';
import { insertNeed } from './repo/needs.js';
import { emitNeedCreated } from './rpc/needs.js';

/** The durable consumer that takes care's requests up as needs. */
export const NEED_REQUESTS_CONSUMER = 'households_need_requests';

/** What a caseworker reads on a need taken up from a care request, by the request's reason. */
export const REQUEST_DESCRIPTIONS = Object.freeze({
  alert_follow_up: 'follow-up of a welfare alert',
  unanswered_check_in: 'welfare visit: a check-in went unanswered',
} as const);

/** Who files a need taken up from a care request. */
export const CARE_REQUEST_CREATOR = 'care';

/**
 * Households' consumers: each `need.requested` from care (a follow-up after an alert, a visit
 * after an unanswered check-in) becomes a `follow_up` need, once per event (inbox) and once per
 * request (a unique `request_id`). A household without a live delivery consent gets none: the
 * request is recorded as seen and logged, since withdrawn consent stops new needs.
 */
export function createConsumers(deps: {
  db: Kysely<HouseholdsDatabase>;
  log: Logger;
  newId: () => string;
  wake: () => void;
}): ConsumeOptions[] {
  const { db, log, newId, wake } = deps;
  return [
    {
      durable: NEED_REQUESTS_CONSUMER,
      routes: [
        on(needRequested, async (event) => {
          const { data } = event;
          let created: string | undefined;
          const outcome = await withInbox(
            db,
            { consumer: NEED_REQUESTS_CONSUMER, eventId: event.id },
            async (trx) => {
              const household = await findHouseholdRow(trx, data.householdId);
              if (!household) {
                log.warn({ requestId: data.requestId }, 'need request for an unknown household');
                return;
              }
              const refusal = newNeedRefusal(await listConsentsOf(trx, household.id));
              if (refusal) {
                log.warn({ requestId: data.requestId, householdId: household.id }, refusal.message);
                return;
              }
              const need = await insertNeed(trx, {
                id: newId(),
                householdId: household.id,
                districtCode: household.district_code,
                source: 'follow_up',
                requestId: data.requestId,
                alertId: data.alertId,
                category: data.category,
                description: REQUEST_DESCRIPTIONS[data.reason],
                quantity: data.quantity,
                unit: data.unit,
                deadline: data.deadline,
                priority: needPriority({
                  base: data.priority,
                  riskLevel: riskLevelSchema.parse(household.risk_level),
                }),
                createdBy: CARE_REQUEST_CREATOR,
              });
              if (!need) return;
              await emitNeedCreated(trx, need);
              created = need.id;
            },
          );
          if (created) {
            wake();
            log.info({ needId: created, requestId: data.requestId }, 'follow-up need filed');
          } else if (outcome === 'duplicate') {
            log.debug({ eventId: event.id }, 'need request already taken up');
          }
        }),
      ],
    },
  ];
}
