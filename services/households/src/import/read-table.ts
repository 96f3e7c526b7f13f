import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

import type { ImportFileFormat } from '@anbu/contracts/rpc';

/** A file read as text cells: the header row and the data rows (all cells trimmed strings). */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The file could not be read as the format it claims to be. */
export class UnreadableFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnreadableFileError';
  }
}

/**
 * Reads a CSV (UTF-8, BOM or not) or the first worksheet of an XLSX file into text cells.
 * Blank rows are dropped; `maxRows` data rows at most, else {@link UnreadableFileError}.
 */
export async function readTable(options: {
  format: ImportFileFormat;
  content: Buffer;
  maxRows: number;
}): Promise<Table> {
  const grid =
    options.format === 'csv' ? readCsv(options.content) : await readXlsx(options.content);
  const [headers = [], ...rows] = grid;
  // Keep row numbers true to the file: blank rows are dropped after numbering in the caller.
  if (rows.length > options.maxRows) {
    throw new UnreadableFileError(`the file has ${rows.length} rows; at most ${options.maxRows}`);
  }
  return { headers: headers.map((h) => h.trim()), rows };
}

function readCsv(content: Buffer): string[][] {
  try {
    return parse(content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    });
  } catch (error) {
    throw new UnreadableFileError(
      `not a readable CSV file: ${error instanceof Error ? error.message : 'parse error'}`,
      { cause: error },
    );
  }
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFileError('not a readable XLSX file', { cause: error });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError('the XLSX file has no worksheet');
  const grid: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    grid.push(cells);
  }
  return grid;
}

/** A cell's value as the text a person sees (dates as `YYYY-MM-DD`). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}
