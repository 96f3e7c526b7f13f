import type { RpcRoute } from '@anbu/bus';
import { handle, RpcError } from '@anbu/bus';
import { seoulDate } from '@anbu/contracts';
import { consentWithdrawn, needCancelled } from '@anbu/contracts/events';
import { listConsents, recordConsent, withdrawConsent } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';

import type { HouseholdsDeps } from './deps.js';
import { emit } from '@anbu/bus/outbox';
import {
  findConsent,
  insertConsent,
  listConsentsOf,
  markConsentWithdrawn,
} from '../repo/consents.js';
import { endEnrolments } from '../repo/enrolments.js';
import { findHouseholdRow } from '../repo/households.js';
import { cancelNeeds } from '../repo/needs.js';
import { notFound, requireDistrict, requireManager } from './guards.js';
import { idFor } from './idempotency.js';

/** Record, list and withdraw consents. */
export function consentRoutes(deps: HouseholdsDeps): RpcRoute[] {
  const { db, now, wake } = deps;

  const householdInScope = async (
    householdId: string,
    actor: Parameters<typeof requireDistrict>[0],
  ) => {
    const row = await findHouseholdRow(db, householdId);
    if (!row) throw notFound('householdId', householdId);
    requireDistrict(actor, row.district_code);
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
        // Without consent nothing more is delivered: open needs of the ended enrolments go too.
        const cancelled = await cancelNeeds(trx, {
          enrolmentIds: ended.map((e) => e.id),
          reason: 'consent_withdrawn',
          at,
        });
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
