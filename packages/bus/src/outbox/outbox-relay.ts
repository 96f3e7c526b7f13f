import type { Kysely } from 'kysely';
import { sql } from 'kysely';

import type { Envelope } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { transaction } from '@anbu/db';

import type { Bus } from '../bus.js';
import type { OutboxDatabase } from './tables.js';

export const DEFAULT_OUTBOX_POLL_MS = 200;
export const DEFAULT_OUTBOX_BATCH_SIZE = 100;
/** Longest pause between ticks while publishing keeps failing (the broker is down). */
export const MAX_OUTBOX_BACKOFF_MS = 5_000;

/** What happened to one outbox row in a tick. */
export interface RelayResult {
  readonly id: string;
  readonly subject: string;
  readonly status: 'published' | 'failed';
}

/** One tick's report: never thrown, always returned (STYLE §20). */
export interface RelayTickReport {
  readonly error: Error | undefined;
  readonly results: readonly RelayResult[];
}

export interface OutboxRelayOptions<DB = unknown> {
  /** The service's Kysely (bound to its schema, where the outbox lives). */
  readonly db: Kysely<DB>;
  readonly bus: Bus;
  /** For logs only: the db handle already points at the schema. */
  readonly schema: string;
  readonly log: Logger;
  readonly pollMs?: number;
  readonly batchSize?: number;
}

/** A running (or runnable) outbox relay. */
export interface OutboxRelay {
  /** Publishes the unsent rows once, in order; stops at the first failure to keep order. */
  tick(): Promise<RelayTickReport>;
  /** Starts polling every `pollMs` (at once again while batches come back full). */
  start(): void;
  /** Polls now instead of at the next interval (call after a commit that enqueued). */
  wake(): void;
  /** Stops polling and waits for a running tick. */
  stop(): Promise<void>;
}

/**
 * Publishes outbox rows to the bus with the event id as message id and marks them sent. Every
 * tick reads *all* unsent rows (not "after the last seq seen"): a transaction that took a low
 * `seq` and committed late is still picked up. If the relay dies between publishing and
 * marking, the next tick publishes again and the broker drops the duplicate by id.
 * @example
 * const relay = createOutboxRelay({ db, bus, schema: 'households', log });
 * relay.start();
 */
export function createOutboxRelay<DB>(options: OutboxRelayOptions<DB>): OutboxRelay {
  // The service's table types do not list the outbox; its columns are ours to know.
  const db = options.db as unknown as Kysely<OutboxDatabase>;
  const log = options.log.child({ outbox: options.schema });
  const pollMs = options.pollMs ?? DEFAULT_OUTBOX_POLL_MS;
  const batchSize = options.batchSize ?? DEFAULT_OUTBOX_BATCH_SIZE;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RelayTickReport> | undefined;
  let stopped = true;
  let failures = 0;

  const tick = async (): Promise<RelayTickReport> => {
    const results: RelayResult[] = [];
    try {
      await transaction(db, async (trx) => {
        // SKIP LOCKED: replicas of a service split the rows instead of waiting on each other.
        const rows = await trx
          .selectFrom('outbox')
          .select(['id', 'subject', 'envelope'])
          .where('published_at', 'is', null)
          .orderBy('seq')
          .limit(batchSize)
          .forUpdate()
          .skipLocked()
          .execute();
        for (const row of rows) {
          try {
            await options.bus.publish(row.subject, row.envelope as Envelope);
          } catch (error) {
            results.push({ id: row.id, subject: row.subject, status: 'failed' });
            log.warn({ err: error, id: row.id, subject: row.subject }, 'outbox publish failed');
            await trx
              .updateTable('outbox')
              .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: String(error) }))
              .where('id', '=', row.id)
              .execute();
            break;
          }
          await trx
            .updateTable('outbox')
            .set({ published_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1` })
            .where('id', '=', row.id)
            .execute();
          results.push({ id: row.id, subject: row.subject, status: 'published' });
        }
      });
      return { error: undefined, results };
    } catch (error) {
      log.error({ err: error }, 'outbox tick failed');
      // Rows marked in the rolled-back transaction are unsent again; report none as published.
      const failed = results.map((r) => ({ ...r, status: 'failed' as const }));
      return { error: error instanceof Error ? error : new Error(String(error)), results: failed };
    }
  };

  const loop = () => {
    if (stopped) return;
    running = tick();
    void running.then((report) => {
      running = undefined;
      if (stopped) return;
      const failed =
        report.error !== undefined || report.results.some((r) => r.status === 'failed');
      failures = failed ? failures + 1 : 0;
      // While the broker is down, back off instead of logging a failure every poll.
      const backoff = Math.min(MAX_OUTBOX_BACKOFF_MS, pollMs * 2 ** failures);
      const full = !failed && report.results.length >= batchSize;
      timer = setTimeout(loop, failed ? backoff : full ? 0 : pollMs);
    });
  };

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    wake() {
      if (stopped || running) return;
      clearTimeout(timer);
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
