import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { z } from 'zod';

import type { Envelope } from '@anbu/contracts';
import { defineEvent } from '@anbu/contracts';
import { migrateToLatest } from '@anbu/db';

import type { OutboxDatabase } from '../outbox/tables.js';
import { outboxMigrations } from '../outbox/outbox-migration.js';

/** The event the fault suites publish: a run id and a sequence number. */
export const faultEvent = defineEvent({
  service: 'donations',
  entity: 'fault',
  event: 'injected',
  version: 1,
  data: z.object({ run: z.string(), n: z.number().int().nonnegative() }),
});

/** Outbox, inbox and one effect table: a row per applied event (a double effect is two rows). */
export interface FaultDatabase extends OutboxDatabase {
  fault_effect: { event_id: string; consumer: string; run: string };
}

/** The schema the fault suites use in their throwaway PostgreSQL. */
export const FAULT_SCHEMA = 'donations';

const effectMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('fault_effect')
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('consumer', 'text', (c) => c.notNull())
      .addColumn('run', 'text', (c) => c.notNull())
      .execute();
  },
};

/** Creates the outbox, inbox and effect tables. */
export async function migrateFaultSchema(db: Kysely<FaultDatabase>): Promise<void> {
  const { error } = await migrateToLatest({
    db,
    schema: FAULT_SCHEMA,
    migrations: { ...outboxMigrations, '2025-01-01T00-00-00_fault_effect': effectMigration },
  });
  if (error) throw error;
}

/** A fresh envelope of {@link faultEvent}. */
export function faultEnvelope(run: string, n: number): Envelope {
  return {
    id: randomUUID(),
    type: faultEvent.type,
    version: faultEvent.version,
    occurredAt: new Date().toISOString(),
    data: { run, n },
  };
}
