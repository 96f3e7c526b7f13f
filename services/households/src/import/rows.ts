import type { z } from 'zod';

import type { ImportFileKind, ImportRejection } from '@anbu/contracts/rpc';
import {
  consentInputSchema,
  dateSchema,
  householdInputSchema,
  idSchema,
  toFieldIssues,
} from '@anbu/contracts';
import { enrol } from '@anbu/contracts/rpc';

import type { Table } from './read-table.js';
import { careNotesRefusal } from '../domain/consent-gates.js';
import { checkEnrolmentDates } from '../domain/enrolment.js';
import { mapHeaders, translateValue } from './columns.js';

/** One household row: the household, its consent and its enrolment, as the contracts parse them. */
export const householdRowSchema = householdInputSchema.extend({
  consent: consentInputSchema.optional(),
  programId: idSchema.optional(),
  startsOn: dateSchema.optional(),
  endsOn: dateSchema.optional(),
});
export type HouseholdRow = z.infer<typeof householdRowSchema>;

/** One enrolment row: an enrolment of a registered household. */
export const enrolmentRowSchema = enrol.input;
export type EnrolmentRow = z.infer<typeof enrolmentRowSchema>;

/** A parsed row with its spreadsheet row number. */
export interface Parsed<T> {
  readonly row: number;
  readonly value: T;
}

/** The rows of a file: those that parsed, and every rejection with row, field and column. */
export interface ParsedRows<T> {
  readonly parsed: Parsed<T>[];
  readonly rejected: ImportRejection[];
  /** The column of the file that holds each field, for later (database) rejections. */
  readonly columnOf: (field: string) => string | undefined;
}

const NUMBER_FIELDS = new Set(['memberCount', 'location.lat', 'location.lng']);
const LIST_FIELDS = new Set(['dietaryTags', 'allergens', 'consent.scopes']);

/** Sets `value` at a dotted path of `target`, creating the objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  });
  node[keys[keys.length - 1] ?? path] = value;
}

/** A cell as the contract expects it: numbers, lists and Korean labels converted; blank = absent. */
function cellValue(field: string, text: string): unknown {
  if (text === '') return undefined;
  if (NUMBER_FIELDS.has(field)) {
    const n = Number(text.replace(/,/g, ''));
    return Number.isFinite(n) ? n : text;
  }
  if (LIST_FIELDS.has(field)) {
    return text
      .split(/[,;|/]/)
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => translateValue(field, part));
  }
  return translateValue(field, text);
}

/** The row as a plain object keyed the contract's way (`address.road` → `{ address: { road } }`). */
function rowObject(fields: Map<string, number>, cells: readonly string[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [field, index] of fields) {
    const value = cellValue(field, cells[index] ?? '');
    if (value !== undefined) setPath(object, field, value);
  }
  return object;
}

/** Household rows need a contact: its name defaults to the recipient's, its relation to self. */
function withDefaults(object: Record<string, unknown>): Record<string, unknown> {
  const contact = (object['contact'] ?? {}) as Record<string, unknown>;
  return {
    ...object,
    address: object['address'] ?? {},
    location: object['location'] ?? {},
    contact: { ...contact, name: contact['name'] ?? object['name'] },
  };
}

/**
 * Parses the rows of a file with the contracts' schemas. Every rejection names the spreadsheet
 * row, the contract field and the file's column; a row with several bad cells gets one entry each.
 */
export function parseRows<K extends ImportFileKind>(
  kind: K,
  table: Table,
): ParsedRows<K extends 'households' ? HouseholdRow : EnrolmentRow> {
  type Row = K extends 'households' ? HouseholdRow : EnrolmentRow;
  const { fields, unknown, duplicated } = mapHeaders(kind, table.headers);
  const columnOf = (field: string) => {
    // `dietaryTags.2` and `consent.scopes.0` point at the list's column.
    const base = field.replace(/(\.\d+)+$/, '');
    const index = fields.get(base);
    return index === undefined ? undefined : table.headers[index];
  };
  const rejected: ImportRejection[] = [];
  for (const header of unknown) {
    rejected.push({ row: 1, field: '(header)', column: header, reason: 'unknown column' });
  }
  for (const header of duplicated) {
    rejected.push({ row: 1, field: '(header)', column: header, reason: 'column given twice' });
  }
  const parsed: Parsed<Row>[] = [];
  table.rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell === '')) return;
    const object = rowObject(fields, cells);
    const result =
      kind === 'households'
        ? householdRowSchema.safeParse(withDefaults(object))
        : enrolmentRowSchema.safeParse(object);
    if (!result.success) {
      for (const issue of toFieldIssues(result.error)) {
        const column = columnOf(issue.path);
        rejected.push({
          row,
          field: issue.path,
          ...(column ? { column } : {}),
          reason: issue.message,
        });
      }
      return;
    }
    const refusals = rowRefusals(result.data);
    for (const refusal of refusals) {
      const column = columnOf(refusal.field);
      rejected.push({
        row,
        field: refusal.field,
        ...(column ? { column } : {}),
        reason: refusal.message,
      });
    }
    if (refusals.length === 0) parsed.push({ row, value: result.data as Row });
  });
  return { parsed, rejected, columnOf };
}

/** The checks across fields of one row: dates in order, consent gates of notes and enrolment. */
function rowRefusals(row: HouseholdRow | EnrolmentRow): { field: string; message: string }[] {
  const refusals: { field: string; message: string }[] = [];
  if (row.startsOn !== undefined) {
    const dates = checkEnrolmentDates(row.startsOn, row.endsOn);
    if (dates) refusals.push(dates);
  }
  if (!('name' in row)) return refusals;
  const consents = row.consent ? [row.consent] : [];
  const notes = careNotesRefusal({ careNotes: row.careNotes, consents });
  if (notes) refusals.push(notes);
  if (row.programId !== undefined) {
    if (row.startsOn === undefined) {
      refusals.push({ field: 'startsOn', message: 'an enrolment needs its start date' });
    }
    if (!row.consent?.scopes.includes('delivery')) {
      refusals.push({
        field: 'consent',
        message: 'no enrolment without a recorded consent with scope "delivery" on the same row',
      });
    } else if (row.startsOn !== undefined && row.consent.givenOn > row.startsOn) {
      refusals.push({
        field: 'startsOn',
        message: 'the enrolment starts before consent was given',
      });
    }
  }
  return refusals;
}
