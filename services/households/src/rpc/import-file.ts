import type { Transaction } from 'kysely';

import type { RpcContext, RpcRoute } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import type { ImportRejection } from '@anbu/contracts/rpc';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { householdUpdated } from '@anbu/contracts/events';
import { importHouseholdsFile, MAX_IMPORT_FILE_ROWS } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';
import { idFor } from '@anbu/service-kit';

import type { EnrolmentRow, HouseholdRow, Parsed, ParsedRows } from '../import/rows.js';
import type { HouseholdsDatabase } from '../repo/schema.js';
import type { HouseholdsDeps } from './deps.js';
import { canSeeDistrict } from '../domain/access.js';
import { consentForEnrolment } from '../domain/enrolment.js';
import { readTable, UnreadableFileError } from '../import/read-table.js';
import { parseRows } from '../import/rows.js';
import { insertConsent, listConsentsOf } from '../repo/consents.js';
import { districtExists } from '../repo/directory.js';
import { findLiveEnrolment, insertEnrolment } from '../repo/enrolments.js';
import { findHouseholdRow, insertHousehold } from '../repo/households.js';
import { findProgram } from '../repo/programs.js';
import { actorUserId } from './consents.js';
import { requireManager, requireOrganisation } from './guards.js';

type Reject = (row: number, field: string, reason: string) => void;

/**
 * The CSV/XLSX import. All or nothing: every row is checked first (the contracts' schemas, the
 * consent gates, then the database: districts, programs, households, live enrolments), and only
 * a file without a single rejection is stored, in one transaction. A retry with the same
 * idempotency key derives the same ids, so it stores nothing twice.
 */
export function importFileRoutes(deps: HouseholdsDeps): RpcRoute[] {
  const { db, cipher, log, wake } = deps;
  return [
    handle(importHouseholdsFile, async (input, context) => {
      const { actor } = context;
      requireManager(actor);
      const organisationId = requireOrganisation(actor);
      const table = await readTable({
        format: input.format,
        content: Buffer.from(input.contentBase64, 'base64'),
        maxRows: MAX_IMPORT_FILE_ROWS,
      }).catch((error: unknown) => {
        if (!(error instanceof UnreadableFileError)) throw error;
        throw new RpcError('BAD_REQUEST', error.message, {
          issues: [{ path: 'contentBase64', message: error.message }],
        });
      });

      const parsed = parseRows(input.kind, table);
      const rejected = [...parsed.rejected];
      const reject: Reject = (row, field, reason) => {
        const column = parsed.columnOf(field);
        rejected.push({ row, field, ...(column ? { column } : {}), reason });
      };
      const result = { rows: table.rows.length, createdIds: [] as string[], existing: 0 };

      if (input.kind === 'households') {
        const rows = parsed as ParsedRows<HouseholdRow>;
        await checkHouseholdRows({ db, actor, rows: rows.parsed, reject });
        if (rejected.length > 0 || input.dryRun) return report(result, rejected);
        await transaction(db, async (trx) => {
          for (const { row, value } of rows.parsed) {
            const id = await storeHouseholdRow(trx, { context, organisationId, row, value });
            if (id) result.createdIds.push(id);
            else result.existing++;
          }
        });
      } else {
        const rows = parsed as ParsedRows<EnrolmentRow>;
        const enrolmentId = (row: number) => idFor(context, `import.file:enrolment:${row}`);
        const { consents, existing } = await checkEnrolmentRows({
          db,
          actor,
          rows: rows.parsed,
          reject,
          enrolmentId,
        });
        result.existing = existing.size;
        if (rejected.length > 0 || input.dryRun) return report(result, rejected);
        await transaction(db, async (trx) => {
          for (const { row, value } of rows.parsed) {
            if (existing.has(row)) continue;
            const id = enrolmentId(row);
            const stored = await insertEnrolment(trx, {
              ...value,
              id,
              consentId: consents.get(row) ?? '',
              enrolledBy: actorUserId(actor.id),
            });
            if (stored) result.createdIds.push(id);
            else result.existing++;
          }
        });
      }
      wake();
      log.info(
        { kind: input.kind, rows: result.rows, created: result.createdIds.length },
        'file imported',
      );
      return { status: 'imported' as const, ...result, rejected: [] };
    }),
  ];

  /** Stores one household row (household, consent, enrolment); the id, or undefined if it existed. */
  async function storeHouseholdRow(
    trx: Transaction<HouseholdsDatabase>,
    options: { context: RpcContext; organisationId: string; row: number; value: HouseholdRow },
  ): Promise<string | undefined> {
    const { context, row, value } = options;
    const { consent, programId, startsOn, endsOn, ...household } = value;
    const id = idFor(context, `import.file:household:${row}`);
    const inserted = await insertHousehold(trx, {
      id,
      organisationId: options.organisationId,
      input: household,
      cipher,
      createdBy: context.actor.id,
    });
    if (!inserted) return undefined;
    await emit(trx, householdUpdated, {
      householdId: id,
      districtCode: household.districtCode,
      version: 1,
      changedFields: Object.keys(household).sort(),
    });
    if (!consent) return id;
    const consentId = idFor(context, `import.file:consent:${row}`);
    const recordedBy = actorUserId(context.actor.id);
    await insertConsent(trx, { ...consent, id: consentId, householdId: id, recordedBy });
    if (programId !== undefined && startsOn !== undefined) {
      await insertEnrolment(trx, {
        id: idFor(context, `import.file:enrolment:${row}`),
        householdId: id,
        programId,
        consentId,
        startsOn,
        endsOn,
        enrolledBy: recordedBy,
      });
    }
    return id;
  }
}

/** The answer when nothing is stored: every rejection in row order, or a clean dry run. */
function report(
  result: { rows: number; createdIds: string[]; existing: number },
  rejected: ImportRejection[],
) {
  return {
    ...result,
    status: rejected.length > 0 ? ('rejected' as const) : ('validated' as const),
    rejected: rejected.sort((a, b) => a.row - b.row),
  };
}

/** Memoises a lookup by key (a file names few districts and programs, many times). */
function cached<T>(lookup: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    let value = seen.get(key);
    if (!value) {
      value = lookup(key);
      seen.set(key, value);
    }
    return value;
  };
}

async function checkHouseholdRows(options: {
  db: HouseholdsDeps['db'];
  actor: Actor;
  rows: readonly Parsed<HouseholdRow>[];
  reject: Reject;
}): Promise<void> {
  const { db, actor, reject } = options;
  const district = cached((code) => districtExists(db, code));
  const program = cached((id) => findProgram(db, id));
  for (const { row, value } of options.rows) {
    if (!canSeeDistrict(actor, value.districtCode)) {
      reject(row, 'districtCode', `district ${value.districtCode} is outside your districts`);
    } else if (!(await district(value.districtCode))) {
      reject(row, 'districtCode', `unknown district ${value.districtCode}`);
    }
    if (value.programId !== undefined && !(await program(value.programId))) {
      reject(row, 'programId', `unknown program ${value.programId}`);
    }
  }
}

/**
 * Checks enrolment rows against the database: the consent each valid row enrols under, and the
 * rows a retry of the same import stored already (their enrolment has the id the key derives).
 */
async function checkEnrolmentRows(options: {
  db: HouseholdsDeps['db'];
  actor: Actor;
  rows: readonly Parsed<EnrolmentRow>[];
  reject: Reject;
  enrolmentId: (row: number) => string;
}): Promise<{ consents: Map<number, string>; existing: Set<number> }> {
  const { db, actor, reject } = options;
  const existing = new Set<number>();
  const program = cached((id) => findProgram(db, id));
  const consentIds = new Map<number, string>();
  const inFile = new Set<string>();
  for (const { row, value } of options.rows) {
    const household = await findHouseholdRow(db, value.householdId);
    // Outside the caller's districts reads like a missing household (existence is not revealed).
    if (!household || !canSeeDistrict(actor, household.district_code)) {
      reject(row, 'householdId', `household ${value.householdId} not found`);
      continue;
    }
    if (!(await program(value.programId))) {
      reject(row, 'programId', `unknown program ${value.programId}`);
      continue;
    }
    const pair = `${value.householdId}:${value.programId}`;
    const live = await findLiveEnrolment(db, value);
    if (live?.id === options.enrolmentId(row)) {
      existing.add(row);
      continue;
    }
    if (inFile.has(pair) || live) {
      reject(row, 'programId', 'the household is enrolled in this program already');
      continue;
    }
    inFile.add(pair);
    const decision = consentForEnrolment({
      consents: await listConsentsOf(db, household.id),
      startsOn: value.startsOn,
    });
    if (decision.ok) consentIds.set(row, decision.consent.id);
    else reject(row, decision.refusal.field, decision.refusal.message);
  }
  return { consents: consentIds, existing };
}
