import type { Kysely } from 'kysely';

import type { ConsumeOptions } from '@anbu/bus';
import { on } from '@anbu/bus';
import { withInbox } from '@anbu/bus/outbox';
import { householdUpdated } from '@anbu/contracts/events';

import type { CareDatabase } from './repo/schema.js';
import { upsertHouseholdDistrict } from './repo/households.js';

/** The durable consumer that keeps care's household → district directory. */
export const HOUSEHOLDS_CONSUMER = 'care_households';

/** Care's consumers: the district of every household, so that alerts reach the right caseworkers. */
export function createConsumers(deps: { db: Kysely<CareDatabase> }): ConsumeOptions[] {
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
  ];
}
