import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';

import type { RpcRoute } from '@anbu/bus';
import type { Actor, Need } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { riskLevelSchema } from '@anbu/contracts';
import { needCancelled, needCreated } from '@anbu/contracts/events';
import { cancelNeed, fileNeed, generateCycleNeeds, listNeeds } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';
import { idFor } from '@anbu/service-kit';

import type { HouseholdsDatabase } from '../repo/schema.js';
import type { HouseholdsDeps } from './deps.js';
import { districtScope, forbiddenDistricts } from '../domain/access.js';
import { newNeedRefusal } from '../domain/consent-gates.js';
import { cycleNeeds, needPriority } from '../domain/need.js';
import { listConsentsOf } from '../repo/consents.js';
import { findHouseholdRow } from '../repo/households.js';
import {
  cancelNeeds,
  enrolmentsForCycle,
  findNeed,
  insertNeed,
  listNeedRows,
} from '../repo/needs.js';
import { findProgram } from '../repo/programs.js';
import { notFound, refuse, requireManager, requireVisible } from './guards.js';

/** Announces a new need: ids, category and amounts only, never who or where. */
export async function emitNeedCreated(
  trx: Transaction<HouseholdsDatabase>,
  need: Need,
): Promise<void> {
  await emit(trx, needCreated, {
    needId: need.id,
    householdId: need.householdId,
    districtCode: need.districtCode,
    source: need.source,
    programId: need.programId,
    enrolmentId: need.enrolmentId,
    cycleKey: need.cycleKey,
    category: need.category,
    quantity: need.quantity,
    unit: need.unit,
    storageClass: need.storageClass,
    deadline: need.deadline,
    priority: need.priority,
    requestId: need.requestId,
  });
}

function requireProgramManager(actor: Actor): void {
  if (actor.kind === 'system' || actor.kind === 'service') return;
  if (actor.role !== 'admin' && actor.role !== 'program_manager') {
    throw new RpcError('FORBIDDEN', 'only admins and program managers generate cycles');
  }
}

/** File, cancel and list needs; generate a program cycle's needs. */
export function needRoutes(deps: HouseholdsDeps): RpcRoute[] {
  const { db, now, wake, log } = deps;

  return [
    handle(fileNeed, async (input, { actor, idempotencyKey }) => {
      requireManager(actor);
      const household = await findHouseholdRow(db, input.householdId);
      if (!household) throw notFound('householdId', input.householdId);
      requireVisible(actor, {
        districtCode: household.district_code,
        field: 'householdId',
        id: household.id,
      });
      refuse(newNeedRefusal(await listConsentsOf(db, household.id)));
      const id = idFor({ actor, idempotencyKey }, 'need.file');
      const need = await transaction(db, async (trx) => {
        const created = await insertNeed(trx, {
          id,
          householdId: household.id,
          districtCode: household.district_code,
          source: 'ad_hoc',
          category: input.category,
          description: input.description,
          quantity: input.quantity,
          unit: input.unit,
          weightKg: input.weightKg,
          deadline: input.deadline,
          priority: needPriority({
            base: input.priority,
            riskLevel: riskLevelSchema.parse(household.risk_level),
          }),
          note: input.note,
          createdBy: actor.id,
        });
        if (created) await emitNeedCreated(trx, created);
        return created ?? (await findNeed(trx, id));
      });
      wake();
      if (!need) throw new RpcError('INTERNAL', 'need vanished after insert');
      return need;
    }),

    handle(cancelNeed, async (input, { actor }) => {
      requireManager(actor);
      const result = await transaction(db, async (trx) => {
        const need = await findNeed(trx, input.needId, { forUpdate: true });
        if (!need) throw notFound('needId', input.needId);
        requireVisible(actor, { districtCode: need.districtCode, field: 'needId', id: need.id });
        const [cancelled] = await cancelNeeds(trx, {
          needId: need.id,
          reason: 'by_caseworker',
          at: now(),
        });
        if (!cancelled) {
          throw new RpcError('CONFLICT', `a ${need.status} need cannot be cancelled`, {
            issues: [{ path: 'needId', message: `status is ${need.status}` }],
          });
        }
        await emit(trx, needCancelled, {
          needId: need.id,
          householdId: need.householdId,
          reason: 'by_caseworker',
        });
        return cancelled;
      });
      wake();
      return result;
    }),

    handle(listNeeds, async (input, { actor }) => {
      const scope = districtScope(actor);
      let districtCodes = input.districtCodes;
      if (scope.kind === 'some') {
        const forbidden = forbiddenDistricts(actor, districtCodes ?? []);
        if (forbidden.length > 0) {
          throw new RpcError(
            'FORBIDDEN',
            `districts outside the caller's: ${forbidden.join(', ')}`,
            {
              issues: [{ path: 'districtCodes', message: `not allowed: ${forbidden.join(', ')}` }],
            },
          );
        }
        districtCodes = districtCodes ?? [...scope.codes];
      }
      return listNeedRows(db, { ...input, districtCodes });
    }),

    handle(generateCycleNeeds, async (input, { actor }) => {
      requireProgramManager(actor);
      const program = await findProgram(db, input.programId);
      if (!program) throw notFound('programId', input.programId);
      const enrolments = await enrolmentsForCycle(db, program.id);
      const byId = new Map(enrolments.map((e) => [e.id, e]));
      const planned = cycleNeeds({
        enrolments: enrolments.map((e) => ({
          id: e.id,
          householdId: e.household_id,
          status: 'active' as const,
          startsOn: e.starts_on,
          endsOn: e.ends_on ?? undefined,
        })),
        itemTemplate: program.itemTemplate,
        deliverBy: input.deliverBy,
      });
      let created = 0;
      await transaction(db, async (trx) => {
        for (const item of planned) {
          const enrolment = byId.get(item.enrolmentId);
          if (!enrolment) continue;
          const need = await insertNeed(trx, {
            id: randomUUID(),
            householdId: item.householdId,
            districtCode: enrolment.district_code,
            source: 'cycle',
            programId: program.id,
            enrolmentId: item.enrolmentId,
            cycleKey: input.cycleKey,
            lineIndex: item.lineIndex,
            category: item.line.category,
            description: item.line.description,
            quantity: item.line.quantity,
            unit: item.line.unit,
            weightKg: item.line.weightKg,
            storageClass: program.storageClass,
            deadline: input.deliverBy,
            priority: needPriority({
              base: 0,
              riskLevel: riskLevelSchema.parse(enrolment.risk_level),
            }),
            createdBy: actor.id,
          });
          if (need) {
            created++;
            await emitNeedCreated(trx, need);
          }
        }
      });
      wake();
      log.info(
        { programId: program.id, cycleKey: input.cycleKey, created },
        'cycle needs generated',
      );
      return { created, alreadyPresent: planned.length - created };
    }),
  ];
}
