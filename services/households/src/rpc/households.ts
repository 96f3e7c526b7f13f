import type { RpcRoute } from '@anbu/bus';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { householdUpdated } from '@anbu/contracts/events';
import {
  getDeliveryProfiles,
  getHousehold,
  getMatchingProfiles,
  listHouseholds,
  registerHousehold,
  updateHousehold,
} from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';
import { idFor, mapInSlices } from '@anbu/service-kit';

import type { HouseholdsDeps } from './deps.js';
import { canSeeDistrict, forbiddenDistricts } from '../domain/access.js';
import { careNotesRefusal } from '../domain/consent-gates.js';
import { applyChanges, changedFields, householdInputOf } from '../domain/household.js';
import { insertConsent, listConsentsOf } from '../repo/consents.js';
import { districtExists } from '../repo/directory.js';
import {
  decryptSensitive,
  findHouseholdRow,
  findHouseholdRows,
  insertHousehold,
  listHouseholdRows,
  rowToHousehold,
  updateHouseholdRow,
} from '../repo/households.js';
import { actorUserId } from './consents.js';
import {
  notFound,
  refuse,
  requireDistrict,
  requireManager,
  requireOrganisation,
  requireVisible,
} from './guards.js';

/** Register, update, read and list households. */
export function householdRoutes(deps: HouseholdsDeps): RpcRoute[] {
  const { db, cipher, log, wake } = deps;

  const unknownDistrict = (code: string) =>
    new RpcError('BAD_REQUEST', `unknown district ${code}`, {
      issues: [{ path: 'districtCode', message: `unknown district ${code}` }],
    });

  return [
    handle(registerHousehold, async (input, { actor, idempotencyKey }) => {
      requireManager(actor);
      requireDistrict(actor, input.districtCode);
      const organisationId = requireOrganisation(actor);
      if (!(await districtExists(db, input.districtCode)))
        throw unknownDistrict(input.districtCode);
      const { consent, ...household } = input;
      refuse(
        careNotesRefusal({ careNotes: household.careNotes, consents: consent ? [consent] : [] }),
      );
      const id = idFor({ actor, idempotencyKey }, 'household.register');
      await transaction(db, async (trx) => {
        const created = await insertHousehold(trx, {
          id,
          organisationId,
          input: household,
          cipher,
          createdBy: actor.id,
        });
        // A retried call (same idempotency key) finds its household and emits nothing new.
        if (!created) return;
        if (consent) {
          await insertConsent(trx, {
            ...consent,
            id: idFor({ actor, idempotencyKey }, 'household.register.consent'),
            householdId: id,
            recordedBy: actorUserId(actor.id),
          });
        }
        await emit(trx, householdUpdated, {
          householdId: id,
          districtCode: household.districtCode,
          version: 1,
          changedFields: Object.keys(household).sort(),
        });
      });
      wake();
      const row = await findHouseholdRow(db, id);
      if (!row) throw new RpcError('INTERNAL', 'household vanished after insert');
      log.info({ householdId: id, actor: actor.id }, 'household registered');
      return rowToHousehold(row, cipher);
    }),

    handle(updateHousehold, async (input, { actor }) => {
      requireManager(actor);
      const updated = await transaction(db, async (trx) => {
        const row = await findHouseholdRow(trx, input.householdId, { forUpdate: true });
        if (!row) throw notFound('householdId', input.householdId);
        requireVisible(actor, {
          districtCode: row.district_code,
          field: 'householdId',
          id: row.id,
        });
        if (input.changes.districtCode !== undefined) {
          requireDistrict(actor, input.changes.districtCode);
          if (!(await districtExists(trx, input.changes.districtCode))) {
            throw unknownDistrict(input.changes.districtCode);
          }
        }
        if (row.version !== input.expectedVersion) {
          throw new RpcError(
            'CONFLICT',
            `household changed since version ${input.expectedVersion}`,
            {
              issues: [{ path: 'expectedVersion', message: `current version is ${row.version}` }],
            },
          );
        }
        const before = householdInputOf(rowToHousehold(row, cipher));
        const after = applyChanges(before, input.changes);
        if (after.careNotes !== before.careNotes) {
          refuse(
            careNotesRefusal({
              careNotes: after.careNotes,
              consents: await listConsentsOf(trx, row.id),
            }),
            'changes.',
          );
        }
        const fields = changedFields(before, after);
        const next = await updateHouseholdRow(trx, {
          id: row.id,
          expectedVersion: row.version,
          input: after,
          cipher,
        });
        if (!next) throw new RpcError('CONFLICT', 'household changed concurrently');
        if (fields.length > 0) {
          await emit(trx, householdUpdated, {
            householdId: row.id,
            districtCode: after.districtCode,
            version: next.version,
            changedFields: fields,
          });
        }
        return next;
      });
      wake();
      return rowToHousehold(updated, cipher);
    }),

    handle(getHousehold, async (input, { actor }) => {
      const row = await findHouseholdRow(db, input.householdId);
      if (!row) throw notFound('householdId', input.householdId);
      requireVisible(actor, { districtCode: row.district_code, field: 'householdId', id: row.id });
      // Ids only: the log is the service's trail of sensitive reads, never their content.
      log.info(
        { householdId: row.id, actor: actor.id, role: actor.role },
        'sensitive household read',
      );
      return rowToHousehold(row, cipher);
    }),

    handle(listHouseholds, async (input, { actor }) => {
      const forbidden = forbiddenDistricts(actor, input.districtCodes);
      if (forbidden.length > 0) {
        throw new RpcError('FORBIDDEN', `districts outside the caller's: ${forbidden.join(', ')}`, {
          issues: [{ path: 'districtCodes', message: `not allowed: ${forbidden.join(', ')}` }],
        });
      }
      return listHouseholdRows(db, {
        districtCodes: input.districtCodes,
        types: input.types,
        riskLevels: input.riskLevels,
        status: input.status,
        cursor: input.cursor,
        limit: input.limit,
      });
    }),

    handle(getDeliveryProfiles, async (input, { actor }) => {
      if (
        actor.kind !== 'service' &&
        actor.kind !== 'system' &&
        actor.role !== 'dispatcher' &&
        actor.role !== 'admin'
      ) {
        throw new RpcError('FORBIDDEN', 'delivery profiles are for dispatch planning');
      }
      const rows = await findHouseholdRows(db, input.householdIds);
      const visible = rows.filter((row) => canSeeDistrict(actor, row.district_code));
      log.info({ count: visible.length, actor: actor.id }, 'delivery profiles read');
      // A day's plan asks for thousands: decrypt in slices so health checks still get answers.
      return {
        profiles: await mapInSlices(visible, (row) => ({
          householdId: row.id,
          districtCode: row.district_code,
          location: decryptSensitive(row, cipher).location,
          ...(row.preferred_from && row.preferred_to
            ? { preferredWindow: { from: row.preferred_from, to: row.preferred_to } }
            : {}),
        })),
      };
    }),

    handle(getMatchingProfiles, async (input, { actor }) => {
      // Service-to-service: the matcher needs dietary needs and distance, not names.
      if (actor.kind !== 'service' && actor.kind !== 'system' && actor.role !== 'admin') {
        throw new RpcError('FORBIDDEN', 'matching profiles are for the matcher');
      }
      const rows = await findHouseholdRows(db, input.householdIds);
      log.info({ count: rows.length, actor: actor.id }, 'matching profiles read');
      return {
        profiles: await mapInSlices(rows, (row) => {
          const household = rowToHousehold(row, cipher);
          return {
            householdId: household.id,
            districtCode: household.districtCode,
            type: household.type,
            riskLevel: household.riskLevel,
            memberCount: household.memberCount,
            dietaryTags: household.dietaryTags,
            allergens: household.allergens,
            location: household.location,
          };
        }),
      };
    }),
  ];
}
