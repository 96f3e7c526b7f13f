import { z } from 'zod';

import { defineRpc } from '../core/rpc.js';
import { countSchema, idSchema } from '../domain/common.js';

const service = 'households';

/** The most data rows one imported file may hold (one NATS message carries the file). */
export const MAX_IMPORT_FILE_ROWS = 2000;
/** The most characters of base64 file content one import takes (~600 kB of file). */
export const MAX_IMPORT_FILE_CHARS = 800_000;

/** What a file holds: households (with their consent and enrolment) or enrolments of existing ones. */
export const IMPORT_FILE_KINDS = ['households', 'enrolments'] as const;
export const importFileKindSchema = z.enum(IMPORT_FILE_KINDS);
export type ImportFileKind = z.infer<typeof importFileKindSchema>;

/** The file formats an import reads. */
export const IMPORT_FILE_FORMATS = ['csv', 'xlsx'] as const;
export const importFileFormatSchema = z.enum(IMPORT_FILE_FORMATS);
export type ImportFileFormat = z.infer<typeof importFileFormatSchema>;

/** One rejected cell or row of an imported file. */
export const importRejectionSchema = z.object({
  /** The spreadsheet row number (the header is row 1, the first data row is row 2). */
  row: z.number().int().min(1),
  /** The contract field at fault (`districtCode`, `address.road`, `consent`), or `(row)`. */
  field: z.string().max(200),
  /** The column of the file that holds it, as the file spells it, when there is one. */
  column: z.string().max(200).optional(),
  reason: z.string().max(500),
});
export type ImportRejection = z.infer<typeof importRejectionSchema>;

/**
 * Imports households (one per row, with an optional consent and program enrolment) or
 * enrolments of registered households from a CSV or XLSX file. All or nothing: when any row is
 * rejected nothing is stored and `rejected` says row by row why; `dryRun` only validates.
 * Korean (주소, 가구유형, …) and English (address, type, …) headers are both accepted.
 */
export const importHouseholdsFile = defineRpc({
  service,
  method: 'import.file',
  kind: 'mutation',
  input: z.object({
    kind: importFileKindSchema,
    format: importFileFormatSchema,
    /** The file's bytes in base64 (CSV may also be UTF-8, with or without a BOM). */
    contentBase64: z.string().min(1).max(MAX_IMPORT_FILE_CHARS),
    dryRun: z.boolean().default(false),
  }),
  output: z.object({
    /** `imported` when everything was stored, `validated` for a clean dry run, else `rejected`. */
    status: z.enum(['imported', 'validated', 'rejected']),
    rows: countSchema,
    /** Ids of households (kind `households`) or enrolments (kind `enrolments`) stored. */
    createdIds: z.array(idSchema).max(MAX_IMPORT_FILE_ROWS),
    /** Rows that were in the file already (the same idempotency key imported them before). */
    existing: countSchema,
    rejected: z.array(importRejectionSchema).max(MAX_IMPORT_FILE_ROWS * 5),
  }),
});

/** Every file-import RPC of the households service. */
export const HOUSEHOLDS_IMPORT_RPCS = [importHouseholdsFile] as const;
