import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

import { handle, on } from '@anbu/bus';
import { enqueue } from '@anbu/bus/outbox';
import { defineEvent, defineRpc } from '@anbu/contracts';
import { transaction } from '@anbu/db';

import { defineService } from '../define-service.js';

/** A small service for the kit's own tests: one table, one RPC that enqueues, one consumer. */
export interface ToyDb {
  toy: { id: string; label: string };
}

export const toyAdded = defineEvent({
  service: 'care',
  entity: 'toy',
  event: 'added',
  version: 1,
  data: z.object({ toyId: z.uuid() }),
});

export const addToy = defineRpc({
  service: 'care',
  method: 'kitAddToy',
  input: z.object({ label: z.string().min(1), holdMs: z.number().int().default(0) }),
  output: z.object({ id: z.uuid() }),
});

export const toyService = (seen: string[], servedBy?: string[]) =>
  defineService<ToyDb>({
    name: 'care',
    version: '1.2.3',
    migrations: {
      '2025-01-01T00-00-00_create_toy': {
        async up(db) {
          await db.schema
            .createTable('toy')
            .addColumn('id', 'uuid', (c) => c.primaryKey())
            .addColumn('label', 'text', (c) => c.notNull())
            .execute();
        },
      },
    },
    async start({ db, outbox, instanceId }) {
      return Promise.resolve({
        routes: [
          handle(addToy, async (input) => {
            await sleep(input.holdMs);
            const id = randomUUID();
            servedBy?.push(instanceId);
            await transaction(db, async (trx) => {
              await trx.insertInto('toy').values({ id, label: input.label }).execute();
              await enqueue(trx, toyAdded.subject, {
                id: randomUUID(),
                type: toyAdded.type,
                version: 1,
                occurredAt: new Date().toISOString(),
                data: { toyId: id },
              });
            });
            outbox.wake();
            return { id };
          }),
        ],
        consumers: [
          {
            durable: 'care_toy_watch',
            routes: [
              on(toyAdded, async (event) => {
                seen.push(event.data.toyId);
                return Promise.resolve();
              }),
            ],
          },
        ],
      });
    },
  });
