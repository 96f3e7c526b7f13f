import type { RpcRoute } from '@anbu/bus';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { householdUpdated } from '@anbu/contracts/events';
import { importBulk } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';

import type { HouseholdsDeps } from './deps.js';
import { careNotesRefusal } from '../domain/consent-gates.js';
import { insertConsent } from '../repo/consents.js';
import { insertOrganisation, upsertDistrict, upsertMembership } from '../repo/directory.js';
import { insertEnrolment } from '../repo/enrolments.js';
import { insertHousehold } from '../repo/households.js';
import { insertProgram } from '../repo/programs.js';

type Tally = Record<string, number>;

/** The bulk import: idempotent by id, reports per kind instead of failing the batch. */
export function importRoutes(deps: HouseholdsDeps): RpcRoute[] {
  const { db, cipher, log, wake } = deps;
  return [
    handle(importBulk, async (input, { actor }) => {
      if (actor.kind === 'user' && actor.role !== 'admin') {
        throw new RpcError('FORBIDDEN', 'only admins (or the system) import');
      }
      const created: Tally = {};
      const existing: Tally = {};
      const failed: { kind: string; id: string; message: string }[] = [];
      const count = (kind: string, inserted: boolean) => {
        const tally = inserted ? created : existing;
        tally[kind] = (tally[kind] ?? 0) + 1;
      };

      await transaction(db, async (trx) => {
        for (const organisation of input.organisations)
          count('organisations', await insertOrganisation(trx, organisation));
        for (const district of input.districts) {
          await upsertDistrict(trx, district);
          count('districts', true);
        }
        for (const membership of input.memberships) {
          await upsertMembership(trx, membership);
          count('memberships', true);
        }
        for (const program of input.programs) count('programs', await insertProgram(trx, program));
      });

      // One transaction per household: a bad row is reported, the rest of the batch lands.
      for (const item of input.households) {
        try {
          const notes = careNotesRefusal({
            careNotes: item.household.careNotes,
            consents: item.consent ? [item.consent] : [],
          });
          if (notes) throw new RpcError('PRECONDITION_FAILED', `${notes.field}: ${notes.message}`);
          await transaction(db, async (trx) => {
            const inserted = await insertHousehold(trx, {
              id: item.id,
              organisationId: item.organisationId,
              input: item.household,
              cipher,
              createdBy: actor.id,
            });
            count('households', inserted);
            if (!inserted) return;
            await emit(trx, householdUpdated, {
              householdId: item.id,
              districtCode: item.household.districtCode,
              version: 1,
              changedFields: Object.keys(item.household).sort(),
            });
            if (item.consent) {
              count(
                'consents',
                await insertConsent(trx, { ...item.consent, householdId: item.id }),
              );
              for (const enrolment of item.enrolments) {
                count(
                  'enrolments',
                  await insertEnrolment(trx, {
                    id: enrolment.id,
                    householdId: item.id,
                    programId: enrolment.programId,
                    consentId: item.consent.id,
                    startsOn: enrolment.startsOn,
                    enrolledBy: item.consent.recordedBy,
                  }),
                );
              }
            } else if (item.enrolments.length > 0) {
              throw new RpcError('PRECONDITION_FAILED', 'enrolments without a consent');
            }
          });
        } catch (error) {
          const message = error instanceof Error ? error.message : 'failed';
          failed.push({ kind: 'household', id: item.id, message });
        }
      }
      wake();
      log.info({ created, existing, failed: failed.length }, 'bulk import done');
      return { created, existing, failed };
    }),
  ];
}
