// After a run: every donation and need the gateway accepted (2xx, logged by k6 as
// `ACCEPTED <kind> <id> <key>`) is in its service's database exactly once, and no idempotency
// key of the run produced two records; every stop update answered 200 left its stop delivered
// in dispatch with exactly one `stop.updated` event. Reads the databases directly (read-only).
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';

import { createDb } from '@anbu/db';
import { createLogger } from '@anbu/service-kit';

type Kind = 'donation' | 'need' | 'stop';

export interface KindCheck {
  readonly kind: Kind;
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
export async function readAccepted(file: string): Promise<Record<Kind, Accepted>> {
  const result: Record<Kind, Accepted> = {
    donation: { ids: new Map<string, Set<string>>() },
    need: { ids: new Map<string, Set<string>>() },
    stop: { ids: new Map<string, Set<string>>() },
  };
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return result;
  }
  for (const match of text.matchAll(
    /ACCEPTED (donation|need|stop) ([0-9a-f-]{36}) (\S+?)(?=["\s]|$)/g,
  )) {
    const [, kind, id, key] = match;
    if ((kind !== 'donation' && kind !== 'need' && kind !== 'stop') || !id || !key) continue;
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
    if (accepted.stop.ids.size > 0) {
      // Stops of published plans delivered, and the stop.updated events each one produced.
      const dispatch = handle.forSchema('dispatch');
      const delivered = await sql<{ id: string }>`
        select s->>'id' as id
        from dispatch.plan_routes r join dispatch.plans p on p.id = r.plan_id,
             jsonb_array_elements(r.route->'stops') s
        where p.status = 'published' and s->>'status' = 'delivered'`.execute(dispatch);
      const events = await sql<{ id: string; n: string }>`
        select envelope->'data'->>'stopId' as id, count(*)::text as n
        from dispatch.outbox where subject like '%.stop.updated%'
        group by 1`.execute(dispatch);
      kinds.push(
        compareStops(
          accepted.stop,
          new Set(delivered.rows.map((r) => r.id)),
          new Map(events.rows.map((r) => [r.id, Number(r.n)])),
        ),
      );
    }
    const ok = kinds.every((k) => k.lost === 0 && k.doubled === 0 && k.replayMismatches === 0);
    return { ok, kinds };
  } finally {
    await handle.close();
  }
}

/**
 * Stop updates answered 200 against dispatch: each stop delivered (else lost) with exactly one
 * `stop.updated` event (more: doubled). Delivered stops k6 got no 200 for are unacknowledged.
 */
export function compareStops(
  accepted: Accepted,
  delivered: ReadonlySet<string>,
  events: ReadonlyMap<string, number>,
): KindCheck {
  let lost = 0;
  let doubled = 0;
  for (const stopId of accepted.ids.keys()) {
    if (!delivered.has(stopId) || (events.get(stopId) ?? 0) === 0) lost += 1;
    if ((events.get(stopId) ?? 0) > 1) doubled += 1;
  }
  const storedUnacknowledged = [...delivered].filter((id) => !accepted.ids.has(id)).length;
  return {
    kind: 'stop',
    accepted: accepted.ids.size,
    lost,
    doubled,
    storedUnacknowledged,
    replayMismatches: 0,
    stored: delivered.size,
  };
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
