// After a run: every donation and need the gateway accepted (2xx, logged by k6 as
// `ACCEPTED <kind> <id> <key>`) is in its service's database exactly once, and no idempotency
// key of the run produced two records. Reads the databases directly (read-only).
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';

import { createDb } from '@anbu/db';
import { createLogger } from '@anbu/service-kit';

export interface KindCheck {
  readonly kind: 'donation' | 'need';
  /** Distinct idempotency keys answered 2xx. */
  readonly accepted: number;
  /** Accepted ids missing from the database. */
  readonly lost: number;
  /** Idempotency keys with more than one record. */
  readonly doubled: number;
  /** Records of this run whose request did not get a 2xx to k6 (timeouts): stored, not lost. */
  readonly storedUnacknowledged: number;
  /** Replays of an accepted key that answered another id than the first answer. */
  readonly replayMismatches: number;
  readonly stored: number;
}

export interface CheckReport {
  readonly ok: boolean;
  readonly kinds: readonly KindCheck[];
}

export interface Accepted {
  readonly ids: Map<string, Set<string>>;
}

/** Parses k6's console output: one `ACCEPTED <kind> <id> <key>` per accepted request. */
export async function readAccepted(file: string): Promise<Record<'donation' | 'need', Accepted>> {
  const result: Record<'donation' | 'need', Accepted> = {
    donation: { ids: new Map<string, Set<string>>() },
    need: { ids: new Map<string, Set<string>>() },
  };
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return result;
  }
  for (const match of text.matchAll(
    /ACCEPTED (donation|need) ([0-9a-f-]{36}) (\S+?)(?=["\s]|$)/g,
  )) {
    const [, kind, id, key] = match;
    if ((kind !== 'donation' && kind !== 'need') || !id || !key) continue;
    const ids = result[kind].ids;
    const seen = ids.get(key) ?? new Set<string>();
    seen.add(id);
    ids.set(key, seen);
  }
  return result;
}

export interface StoredRow {
  id: string;
  note: string | null;
}

/** Compares what k6 was told with what the databases hold for run `runId`. */
export async function checkRun(options: {
  databaseUrl: string;
  runId: string;
  acceptedFile: string;
}): Promise<CheckReport> {
  const log = createLogger({ service: 'loadtest-check', level: 'warn' });
  const handle = await createDb({ url: options.databaseUrl, log, poolSize: 1 });
  try {
    const accepted = await readAccepted(options.acceptedFile);
    const marker = `loadtest:${options.runId}:%`;
    const donations = await sql<StoredRow>`
      select id, note from donations.donations where note like ${marker}`.execute(
      handle.forSchema('donations'),
    );
    const needs = await sql<StoredRow>`
      select id, note from households.needs where note like ${marker}`.execute(
      handle.forSchema('households'),
    );
    const kinds = [
      compare('donation', accepted.donation, donations.rows),
      compare('need', accepted.need, needs.rows),
    ];
    const ok = kinds.every((k) => k.lost === 0 && k.doubled === 0 && k.replayMismatches === 0);
    return { ok, kinds };
  } finally {
    await handle.close();
  }
}

/** One kind's accepted keys against the records stored for the run. */
export function compare(
  kind: 'donation' | 'need',
  accepted: Accepted,
  rows: readonly StoredRow[],
): KindCheck {
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    const key = (row.note ?? '').split(':').slice(2).join(':');
    byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
  }
  const storedIds = new Set(rows.map((r) => r.id));
  let lost = 0;
  let replayMismatches = 0;
  for (const ids of accepted.ids.values()) {
    if (ids.size > 1) replayMismatches += 1;
    for (const id of ids) if (!storedIds.has(id)) lost += 1;
  }
  let doubled = 0;
  let storedUnacknowledged = 0;
  for (const [key, ids] of byKey) {
    if (ids.length > 1) doubled += 1;
    if (!accepted.ids.has(key)) storedUnacknowledged += 1;
  }
  return {
    kind,
    accepted: accepted.ids.size,
    lost,
    doubled,
    storedUnacknowledged,
    replayMismatches,
    stored: rows.length,
  };
}
