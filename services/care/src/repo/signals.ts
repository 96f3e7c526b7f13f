import type { Kysely, Transaction } from 'kysely';

import type { CheckInSignal, SignalSource } from '@anbu/contracts';
import { checkInSignalSchema } from '@anbu/contracts';

import type { CareDatabase, SignalRow } from './schema.js';

type Db = Kysely<CareDatabase> | Transaction<CareDatabase>;

/** Maps a stored signal to the contract type. */
export function rowToSignal(row: SignalRow): CheckInSignal {
  return checkInSignalSchema.parse({
    id: row.id,
    householdId: row.household_id,
    source: row.source,
    kind: row.kind,
    observedAt: row.observed_at.toISOString(),
    externalId: row.external_id ?? undefined,
    note: row.note ?? undefined,
    state: row.state,
    retries: row.retries,
    alertId: row.alert_id ?? undefined,
    receivedAt: row.received_at.toISOString(),
  });
}

/** One signal, or undefined. */
export async function findSignal(db: Db, id: string): Promise<CheckInSignal | undefined> {
  const row = await db.selectFrom('signals').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToSignal(row);
}

/** Stores a signal; `false` when its id exists already (a retried request). */
export async function insertSignal(
  db: Db,
  signal: CheckInSignal & { episodeId?: string | undefined; sentBy?: string | undefined },
): Promise<boolean> {
  const result = await db
    .insertInto('signals')
    .values({
      id: signal.id,
      household_id: signal.householdId,
      source: signal.source,
      kind: signal.kind,
      observed_at: signal.observedAt,
      external_id: signal.externalId ?? null,
      note: signal.note ?? null,
      state: signal.state,
      retries: signal.retries,
      alert_id: signal.alertId ?? null,
      episode_id: signal.episodeId ?? null,
      sent_by: signal.sentBy ?? null,
      received_at: signal.receivedAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** An open episode of misses. */
export interface EpisodeRecord {
  readonly id: string;
  readonly householdId: string;
  readonly source: SignalSource;
  readonly kind: string;
  readonly misses: number;
  readonly lastAt: Date;
}

const EPISODE_COLUMNS = ['id', 'household_id', 'source', 'kind', 'misses', 'last_at'] as const;

function toEpisode(row: {
  id: string;
  household_id: string;
  source: string;
  kind: string;
  misses: number;
  last_at: Date;
}): EpisodeRecord {
  return {
    id: row.id,
    householdId: row.household_id,
    source: row.source as SignalSource,
    kind: row.kind,
    misses: row.misses,
    lastAt: row.last_at,
  };
}

/** The household's open episode from `source`, locked for the caller's transaction. */
export async function findOpenEpisode(
  trx: Transaction<CareDatabase>,
  options: { householdId: string; source: SignalSource },
): Promise<EpisodeRecord | undefined> {
  const row = await trx
    .selectFrom('signal_episodes')
    .select(EPISODE_COLUMNS)
    .where('household_id', '=', options.householdId)
    .where('source', '=', options.source)
    .where('state', '=', 'open')
    .forUpdate()
    .executeTakeFirst();
  return row && toEpisode(row);
}

/** Opens an episode at its first miss. */
export async function openEpisode(
  db: Db,
  episode: {
    id: string;
    householdId: string;
    source: SignalSource;
    kind: string;
    at: Date;
    alertAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('signal_episodes')
    .values({
      id: episode.id,
      household_id: episode.householdId,
      source: episode.source,
      kind: episode.kind,
      state: 'open',
      misses: 1,
      first_at: episode.at,
      last_at: episode.at,
      alert_at: episode.alertAt,
      alert_id: null,
    })
    .execute();
}

/** Counts a retry that missed too, with the new silence deadline. */
export async function countRetry(
  db: Db,
  options: { id: string; misses: number; at: Date; alertAt: Date },
): Promise<void> {
  await db
    .updateTable('signal_episodes')
    .set({ misses: options.misses, last_at: options.at, alert_at: options.alertAt })
    .where('id', '=', options.id)
    .execute();
}

/** Ends an episode: cleared by an `ok`, or alerted. */
export async function closeEpisode(
  db: Db,
  options: { id: string; state: 'cleared' | 'alerted'; alertId?: string | undefined },
): Promise<void> {
  await db
    .updateTable('signal_episodes')
    .set({ state: options.state, alert_id: options.alertId ?? null })
    .where('id', '=', options.id)
    .execute();
  await db
    .updateTable('signals')
    .set({ state: options.state, alert_id: options.alertId ?? null })
    .where('episode_id', '=', options.id)
    .execute();
}

/** Closes every open episode of the household (an `ok` from any feed); returns their ids. */
export async function clearEpisodes(db: Db, householdId: string): Promise<string[]> {
  const rows = await db
    .updateTable('signal_episodes')
    .set({ state: 'cleared' })
    .where('household_id', '=', householdId)
    .where('state', '=', 'open')
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) {
    await db
      .updateTable('signals')
      .set({ state: 'cleared' })
      .where('episode_id', 'in', ids)
      .execute();
  }
  return ids;
}

/** Open episodes past their silence deadline, locked (`SKIP LOCKED`) for the caller. */
export async function claimSilentEpisodes(
  trx: Transaction<CareDatabase>,
  options: { now: Date; limit: number },
): Promise<EpisodeRecord[]> {
  const rows = await trx
    .selectFrom('signal_episodes')
    .select(EPISODE_COLUMNS)
    .where('state', '=', 'open')
    .where('alert_at', '<=', options.now)
    .orderBy('alert_at')
    .limit(options.limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(toEpisode);
}
