/**
 * A process of its own for the fault suites, so that they can SIGKILL it at a chosen moment:
 * `relay` runs the outbox relay (optionally freezing after its n-th publish, before any row is
 * marked sent); `consumer` applies {@link faultEvent} through the inbox, printing each effect.
 * Settings come as JSON in `ANBU_FAULT_WORKER`; progress goes to stdout, one line per step.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';

import type { Bus } from '../bus.js';
import type { FaultDatabase } from './fault-events.js';
import { on } from '../bus.js';
import { createNatsBus } from '../nats/nats-bus.js';
import { createOutboxRelay } from '../outbox/outbox-relay.js';
import { withInbox } from '../outbox/with-inbox.js';
import { FAULT_SCHEMA, faultEvent } from './fault-events.js';

const settingsSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('relay'),
    natsUrl: z.string(),
    dbUrl: z.string(),
    duplicateWindowMs: z.number().int().positive(),
    batchSize: z.number().int().positive(),
    /** Freeze (and print `paused`) right after this many publishes. */
    pauseAfter: z.number().int().positive().optional(),
  }),
  z.object({
    mode: z.literal('consumer'),
    natsUrl: z.string(),
    dbUrl: z.string(),
    duplicateWindowMs: z.number().int().positive(),
    durable: z.string(),
    concurrency: z.number().int().positive(),
    ackWaitMs: z.number().int().positive(),
    /** Upper bound of a random pause inside each effect's transaction. */
    effectDelayMs: z.number().int().nonnegative(),
  }),
]);

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const settings = settingsSchema.parse(JSON.parse(process.env['ANBU_FAULT_WORKER'] ?? '{}'));
  const log = createTestLogger();
  const handle = await createDb({ url: settings.dbUrl, log });
  const db = handle.forSchema<FaultDatabase>(FAULT_SCHEMA);
  const bus = await createNatsBus({
    servers: settings.natsUrl,
    log,
    duplicateWindowMs: settings.duplicateWindowMs,
    retryBaseMs: 50,
  });
  if (settings.mode === 'relay') {
    let published = 0;
    const { pauseAfter } = settings;
    // The real bus, with a hook after each PubAck: the relay has published, not yet marked.
    const hooked: Bus = {
      publish: async (subject, envelope) => {
        await bus.publish(subject, envelope);
        published++;
        say(`published ${envelope.id}`);
        if (published === pauseAfter) {
          say('paused');
          await new Promise(() => undefined);
        }
      },
      consume: (options) => bus.consume(options),
      serve: (routes) => bus.serve(routes),
      request: (rpc, input, options) => bus.request(rpc, input, options),
      close: () => bus.close(),
    };
    createOutboxRelay({
      db,
      bus: hooked,
      schema: FAULT_SCHEMA,
      log,
      pollMs: 20,
      batchSize: settings.batchSize,
    }).start();
    say('ready');
    return;
  }
  const { durable, effectDelayMs } = settings;
  await bus.consume({
    durable,
    concurrency: settings.concurrency,
    ackWaitMs: settings.ackWaitMs,
    routes: [
      on(faultEvent, async (event) => {
        await withInbox(db, { consumer: durable, eventId: event.id }, async (trx) => {
          await trx
            .insertInto('fault_effect')
            .values({ event_id: event.id, consumer: durable, run: event.data.run })
            .execute();
          await sleep(Math.floor(Math.random() * (effectDelayMs + 1)));
        });
        say(`applied ${event.id}`);
      }),
    ],
  });
  say('ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`fault worker failed: ${String(error)}\n`);
  process.exit(1);
});
