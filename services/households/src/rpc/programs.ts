import type { RpcRoute } from '@anbu/bus';
import { handle, RpcError } from '@anbu/bus';
import {
  createProgram,
  endEnrolment,
  enrol,
  getProgram,
  listEnrolments,
  listPrograms,
} from '@anbu/contracts/rpc';
import { idFor } from '@anbu/service-kit';

import type { HouseholdsDeps } from './deps.js';
import { checkEnrolmentDates, consentForEnrolment } from '../domain/enrolment.js';
import { listConsentsOf } from '../repo/consents.js';
import {
  endEnrolments,
  findEnrolment,
  findLiveEnrolment,
  insertEnrolment,
  listEnrolmentRows,
} from '../repo/enrolments.js';
import { findHouseholdRow } from '../repo/households.js';
import { findProgram, insertProgram, listProgramRows } from '../repo/programs.js';
import { actorUserId } from './consents.js';
import { notFound, requireManager, requireOrganisation, requireVisible } from './guards.js';

/** Programs and enrolments; no enrolment without a recorded consent. */
export function programRoutes(deps: HouseholdsDeps): RpcRoute[] {
  const { db } = deps;

  return [
    handle(createProgram, async (input, { actor, idempotencyKey }) => {
      if (actor.kind === 'user' && actor.role !== 'admin' && actor.role !== 'program_manager') {
        throw new RpcError('FORBIDDEN', 'only admins and program managers create programs');
      }
      const organisationId = requireOrganisation(actor);
      const id = idFor({ actor, idempotencyKey }, 'program.create');
      await insertProgram(db, { ...input, id, organisationId });
      const program = await findProgram(db, id);
      if (!program) throw new RpcError('INTERNAL', 'program vanished after insert');
      return program;
    }),

    handle(getProgram, async (input) => {
      const program = await findProgram(db, input.programId);
      if (!program) throw notFound('programId', input.programId);
      return program;
    }),

    handle(listPrograms, async (input) =>
      listProgramRows(db, {
        organisationId: input.organisationId,
        active: input.active,
        cursor: input.cursor,
        limit: input.limit,
      }),
    ),

    handle(enrol, async (input, { actor, idempotencyKey }) => {
      requireManager(actor);
      const household = await findHouseholdRow(db, input.householdId);
      if (!household) throw notFound('householdId', input.householdId);
      requireVisible(actor, {
        districtCode: household.district_code,
        field: 'householdId',
        id: household.id,
      });
      const program = await findProgram(db, input.programId);
      if (!program) throw notFound('programId', input.programId);
      const dates = checkEnrolmentDates(input.startsOn, input.endsOn);
      if (dates)
        throw new RpcError('BAD_REQUEST', dates.message, {
          issues: [{ path: dates.field, message: dates.message }],
        });
      const decision = consentForEnrolment({
        consents: await listConsentsOf(db, household.id),
        startsOn: input.startsOn,
      });
      if (!decision.ok) {
        const { field, message } = decision.refusal;
        throw new RpcError('PRECONDITION_FAILED', `${field}: ${message}`, {
          issues: [{ path: field, message }],
        });
      }
      const id = idFor({ actor, idempotencyKey }, 'enrolment.create');
      const created = await insertEnrolment(db, {
        id,
        householdId: household.id,
        programId: program.id,
        consentId: decision.consent.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        note: input.note,
        enrolledBy: actorUserId(actor.id),
      });
      const enrolment = created
        ? await findEnrolment(db, id)
        : ((await findEnrolment(db, id)) ??
          (await findLiveEnrolment(db, { householdId: household.id, programId: program.id })));
      if (!enrolment) throw new RpcError('INTERNAL', 'enrolment vanished after insert');
      if (!created && enrolment.id !== id) {
        throw new RpcError('CONFLICT', 'the household is enrolled in this program already', {
          issues: [{ path: 'programId', message: `enrolment ${enrolment.id} is live` }],
        });
      }
      return enrolment;
    }),

    handle(endEnrolment, async (input, { actor }) => {
      requireManager(actor);
      const existing = await findEnrolment(db, input.enrolmentId);
      if (!existing) throw notFound('enrolmentId', input.enrolmentId);
      const household = await findHouseholdRow(db, existing.householdId);
      if (household) {
        requireVisible(actor, {
          districtCode: household.district_code,
          field: 'enrolmentId',
          id: existing.id,
        });
      }
      if (input.endsOn < existing.startsOn) {
        throw new RpcError('BAD_REQUEST', 'endsOn is before the enrolment started', {
          issues: [{ path: 'endsOn', message: `must be on or after ${existing.startsOn}` }],
        });
      }
      const [ended] = await endEnrolments(db, {
        enrolmentId: existing.id,
        reason: input.reason,
        endsOn: input.endsOn,
      });
      if (!ended) {
        throw new RpcError('CONFLICT', 'the enrolment has ended already', {
          issues: [{ path: 'enrolmentId', message: 'already ended' }],
        });
      }
      return ended;
    }),

    handle(listEnrolments, async (input, { actor }) => {
      if (input.householdId) {
        const household = await findHouseholdRow(db, input.householdId);
        if (!household) throw notFound('householdId', input.householdId);
        requireVisible(actor, {
          districtCode: household.district_code,
          field: 'householdId',
          id: household.id,
        });
      }
      return listEnrolmentRows(db, {
        householdId: input.householdId,
        programId: input.programId,
        cursor: input.cursor,
        limit: input.limit,
      });
    }),
  ];
}
