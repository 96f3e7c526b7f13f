import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Envelope } from '@anbu/contracts';
import { createTestLogger } from '@anbu/db/testing';

import type { Bus } from '../bus.js';
import type { NatsServer } from '../testing/start-nats-server.js';
import { faultEnvelope, faultEvent } from '../testing/fault-events.js';
import {
  duplicatesIn,
  faultScale,
  faultTimeout,
  reportFigures,
  seededRandom,
  storedIds,
  until,
} from '../testing/fault-kit.js';
import { hasNatsServer, startNatsServer } from '../testing/start-nats-server.js';
import { createNatsBus } from './nats-bus.js';
import { streamName } from './streams.js';

const scale = faultScale();
const EVENTS = scale.pick(1_000, 5_000);
const IN_FLIGHT = 100;
const STREAM = streamName('donations');

interface RunFigures {
  readonly acked: number;
  readonly lost: number;
  readonly doubled: number;
  readonly retries: number;
  readonly kills: number;
}

/**
 * Fault 1: kill -9 nats-server twice while {@link EVENTS} events are published with
 * {@link IN_FLIGHT} in flight, restarting it after a random pause. Every publisher retries an
 * unacknowledged event with the same envelope until it is acknowledged, as the outbox relay does.
 */
describe.skipIf(!hasNatsServer())('broker kill -9 on the publish path (fault 1)', () => {
  const log = createTestLogger();
  let nats: NatsServer;
  let bus: Bus;
  let raw: NatsConnection;

  beforeAll(async () => {
    nats = await startNatsServer({ jetstream: true });
    bus = await createNatsBus({ servers: nats.url, log });
    raw = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  });

  afterAll(async () => {
    await raw.close();
    await bus.close();
    await nats.stop();
  });

  async function crashRun(seed: number, withIds: boolean): Promise<RunFigures> {
    const random = seededRandom(seed);
    const jsm = await jetstreamManager(raw);
    await jsm.streams.purge(STREAM, { filter: faultEvent.subject });
    // The control run publishes the same way, only without Nats-Msg-Id.
    const js = jetstream(raw, { timeout: 5_000 });
    const publish = withIds
      ? (envelope: Envelope) => bus.publish(faultEvent.subject, envelope)
      : async (envelope: Envelope) => {
          await js.publish(faultEvent.subject, JSON.stringify(envelope));
        };
    const run = `run-${seed}-${withIds ? 'ids' : 'control'}`;
    const events = Array.from({ length: EVENTS }, (_, n) => faultEnvelope(run, n));
    const acked = new Set<string>();
    let retries = 0;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < events.length; i = next++) {
        const envelope = events[i];
        if (!envelope) break;
        for (;;) {
          try {
            await publish(envelope);
            acked.add(envelope.id);
            break;
          } catch {
            retries++;
            await sleep(50);
          }
        }
      }
    };
    const publishing = Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    let kills = 0;
    // Two crashes at random points of the run, each down for a random while.
    for (const [from, span] of [
      [0.1, 0.3],
      [0.5, 0.35],
    ] as const) {
      const at = Math.floor(EVENTS * (from + random() * span));
      await until(() => acked.size >= at, { timeoutMs: 120_000, what: `${at} acks` });
      await nats.kill9();
      kills++;
      await sleep(Math.floor(random() * 400));
      await nats.restart();
    }
    await publishing;
    const stored = await storedIds(raw, STREAM, faultEvent.subject);
    const lost = [...acked].filter((id) => !stored.has(id)).length;
    return { acked: acked.size, lost, doubled: duplicatesIn(stored), retries, kills };
  }

  it(
    `should lose and double no acknowledged event over ${scale.runs} run(s), while the control run without message ids doubles some`,
    async () => {
      const totals = { runs: 0, kills: 0, acked: 0, lost: 0, doubled: 0, retries: 0 };
      const control = { runs: 0, kills: 0, doubled: 0, lost: 0 };
      for (let run = 0; run < scale.runs; run++) {
        const seed = 1_000 + run;
        const figures = await crashRun(seed, true);
        reportFigures(`fault 1 broker kill -9 (seed ${seed})`, { ...figures });
        totals.runs++;
        totals.kills += figures.kills;
        totals.acked += figures.acked;
        totals.lost += figures.lost;
        totals.doubled += figures.doubled;
        totals.retries += figures.retries;
        const without = await crashRun(seed, false);
        reportFigures(`fault 1 control without ids (seed ${seed})`, { ...without });
        control.runs++;
        control.kills += without.kills;
        control.doubled += without.doubled;
        control.lost += without.lost;
        // The control keeps retrying until acknowledged too: enough duplicates seen, stop early.
        if (control.doubled > 0 && run >= 1 && !scale.full) break;
      }
      reportFigures('fault 1 totals', { events: EVENTS, inFlight: IN_FLIGHT, ...totals });
      reportFigures('fault 1 control totals', control);
      expect(totals.acked).toBe(totals.runs * EVENTS);
      expect(totals.lost).toBe(0);
      expect(totals.doubled).toBe(0);
      // Without message ids the same faults must double something, or the test proves nothing.
      expect(control.doubled).toBeGreaterThan(0);
    },
    faultTimeout(scale, 180_000),
  );
});
