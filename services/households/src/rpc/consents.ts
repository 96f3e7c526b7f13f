import type { Transaction } from 'kysely';

import type { RpcRoute } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { seoulDate } from '@anbu/contracts';
import { consentWithdrawn, householdUpdated, needCancelled } from '@anbu/contracts/events';
import { listConsents, recordConsent, withdrawConsent } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';
import { idFor } from '@anbu/service-kit';

import type { HouseholdsDatabase } from '../repo/schema.js';
import type { HouseholdsDeps } from './deps.js';
import { hasLiveScope } from '../domain/consent-gates.js';
import { householdInputOf } from '../domain/household.js';
import {
  findConsent,
  insertConsent,
  listConsentsOf,
  markConsentWithdrawn,
} from '../repo/consents.js';
import { endEnrolments } from '../repo/enrolments.js';
import { findHouseholdRow, rowToHousehold, updateHouseholdRow } from '../repo/households.js';
import { cancelNeeds } from '../repo/needs.js';
import { notFound, requireManager, requireVisible } from './guards.js';

/** Record, list and withdraw consents. */
export function consentRoutes(deps: HouseholdsDeps): RpcRoute[] {
  const { db, cipher, now, wake } = deps;

  /** Drops a household's care notes (re-encrypting the rest) and says which field changed. */
  const eraseCareNotes = async (trx: Transaction<HouseholdsDatabase>, householdId: string) => {
    const row = await findHouseholdRow(trx, householdId, { forUpdate: true });
    if (!row) return;
    const input = householdInputOf(rowToHousehold(row, cipher));
    if (input.careNotes === undefined) return;
    const next = await updateHouseholdRow(trx, {
      id: row.id,
      expectedVersion: row.version,
      input: { ...input, careNotes: undefined },
      cipher,
    });
    if (!next) throw new RpcError('CONFLICT', 'household changed concurrently');
    await emit(trx, householdUpdated, {
      householdId: row.id,
      districtCode: row.district_code,
      version: next.version,
      changedFields: ['careNotes'],
    });
  };

  const householdInScope = async (householdId: string, actor: Actor) => {
    const row = await findHouseholdRow(db, householdId);
    if (!row) throw notFound('householdId', householdId);
    requireVisible(actor, { districtCode: row.district_code, field: 'householdId', id: row.id });
    return row;
  };

  return [
    handle(recordConsent, async (input, { actor, idempotencyKey }) => {
      requireManager(actor);
      await householdInScope(input.householdId, actor);
      if (input.givenOn > seoulDate(now())) {
        throw new RpcError('BAD_REQUEST', 'consent cannot be given in the future', {
          issues: [{ path: 'givenOn', message: 'must not be after today' }],
        });
      }
      const id = idFor({ actor, idempotencyKey }, 'consent.record');
      await insertConsent(db, { ...input, id, recordedBy: actorUserId(actor.id) });
      const consent = await findConsent(db, id);
      if (!consent) throw new RpcError('INTERNAL', 'consent vanished after insert');
      return consent;
    }),

    handle(listConsents, async (input, { actor }) => {
      await householdInScope(input.householdId, actor);
      return { items: await listConsentsOf(db, input.householdId) };
    }),

    handle(withdrawConsent, async (input, { actor }) => {
      requireManager(actor);
      const existing = await findConsent(db, input.consentId);
      if (!existing) throw notFound('consentId', input.consentId);
      await householdInScope(existing.householdId, actor);
      const result = await transaction(db, async (trx) => {
        const at = now();
        const consent = await markConsentWithdrawn(trx, {
          id: existing.id,
          by: actorUserId(actor.id),
          at,
        });
        if (!consent) {
          throw new RpcError('CONFLICT', 'consent was withdrawn already', {
            issues: [{ path: 'consentId', message: 'already withdrawn' }],
          });
        }
        const ended = await endEnrolments(trx, {
          consentId: consent.id,
          reason: 'consent_withdrawn',
          endsOn: seoulDate(at),
        });
        await emit(trx, consentWithdrawn, {
          consentId: consent.id,
          householdId: consent.householdId,
        });
        const remaining = await listConsentsOf(trx, consent.householdId);
        // Without a delivery consent nothing more is delivered: every open need of the household
        // goes (ad-hoc and follow-up ones too); with another one left, only the ended enrolments'.
        const cancelled = await cancelNeeds(trx, {
          ...(hasLiveScope(remaining, 'delivery')
            ? { enrolmentIds: ended.map((e) => e.id) }
            : { householdId: consent.householdId }),
          reason: 'consent_withdrawn',
          at,
        });
        // Without a sensitive-data consent, health and crisis notes may not be kept.
        if (!hasLiveScope(remaining, 'sensitive_data')) {
          await eraseCareNotes(trx, consent.householdId);
        }
        for (const need of cancelled) {
          await emit(trx, needCancelled, {
            needId: need.id,
            householdId: need.householdId,
            reason: 'consent_withdrawn',
          });
        }
        return {
          consent,
          endedEnrolmentIds: ended.map((e) => e.id),
          cancelledNeedIds: cancelled.map((n) => n.id),
        };
      });
      wake();
      return result;
    }),
  ];
}

/** Consent records name a user id; system and service actors record under a nil-like id. */
export const SYSTEM_USER_ID = '00000000-0000-4000-8000-000000000000';

/** The user id to store as recorder: the actor's id when it is a UUID, else the system's. */
export function actorUserId(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ? id
    : SYSTEM_USER_ID;
}
