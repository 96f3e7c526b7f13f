import type { ConsumeOptions } from '@anbu/bus';
import { on } from '@anbu/bus';
import { withInbox } from '@anbu/bus/outbox';
import { householdUpdated, stopUpdated } from '@anbu/contracts/events';

import type { CareDeps } from './deps.js';
import { resolveDistrict, UNKNOWN_DISTRICT } from './alerting/district.js';
import { upsertHouseholdDistrict } from './repo/households.js';
import { recordVisit } from './welfare/record-visit.js';

/** The durable consumer that keeps care's household → district directory. */
export const HOUSEHOLDS_CONSUMER = 'care_households';
/** The durable consumer of carriers' stop updates (the contact history, not home twice). */
export const STOPS_CONSUMER = 'care_stops';

/**
 * Care's consumers: the district of every household (alerts reach the right caseworkers), and
 * every stop update of a household (a `not_home` twice in a row is a missed check-in; the
 * door-step checklist a carrier sent with the update goes through the same rules as a report).
 */
export function createConsumers(deps: CareDeps): ConsumeOptions[] {
  const { db } = deps;
  return [
    {
      durable: HOUSEHOLDS_CONSUMER,
      routes: [
        on(householdUpdated, async (event) => {
          await withInbox(db, { consumer: HOUSEHOLDS_CONSUMER, eventId: event.id }, (trx) =>
            upsertHouseholdDistrict(trx, event.data),
          );
        }),
      ],
    },
    {
      durable: STOPS_CONSUMER,
      routes: [
        on(stopUpdated, async (event) => {
          const { householdId, status, checklist } = event.data;
          // Only what a visit says about the person: delivered, nobody home, or a door-step check.
          if (!householdId) return;
          if (status !== 'delivered' && status !== 'not_home' && !checklist) return;
          // Outside the transaction: it may ask the households service.
          const districtCode = (await resolveDistrict(deps, householdId)) ?? UNKNOWN_DISTRICT;
          await withInbox(db, { consumer: STOPS_CONSUMER, eventId: event.id }, async (trx) => {
            await recordVisit(
              trx,
              {
                stopId: event.data.stopId,
                householdId,
                carrierId: event.data.carrierId,
                districtCode,
                at: event.data.at,
                stopStatus: status,
                checklist,
              },
              { channels: deps.channels, now: deps.now() },
            );
          });
          deps.wake();
        }),
      ],
    },
  ];
}
