import type {
  ConsumerMessages,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
} from '@nats-io/jetstream';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

import type { Logger } from '@anbu/db';

import type { EventRoute } from '../bus.js';
import { backoffMs, dispatchEvent } from '../internal/dispatch-event.js';

export interface NatsConsumerOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly stream: string;
  readonly durable: string;
  readonly subjects: readonly string[];
  readonly routes: ReadonlyMap<string, EventRoute>;
  readonly concurrency: number;
  readonly maxDeliver: number;
  readonly ackWaitMs: number;
  readonly retryBaseMs: number;
  /** Pull request lifetime; heartbeats come every half of it (library default 30 s). */
  readonly expiresMs: number | undefined;
  readonly log: Logger;
}

/**
 * Runs one durable pull consumer on one stream: `consume({ max_messages })` with bounded
 * concurrency, ack after the handler resolves, nak with backoff when it throws, term (with the
 * reason logged) when the message is invalid or out of attempts. Missed heartbeats or a
 * deleted consumer make it recreate the consumer and go on.
 * Returns the function that stops it and waits for in-flight handlers.
 */
export async function runNatsConsumer(options: NatsConsumerOptions): Promise<() => Promise<void>> {
  const { js, jsm, stream, durable, log } = options;
  const config = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subjects: [...options.subjects],
    max_deliver: options.maxDeliver,
    ack_wait: nanos(options.ackWaitMs),
    max_ack_pending: Math.max(1_000, options.concurrency * 10),
  };
  const ensure = async () => {
    try {
      await jsm.consumers.add(stream, config);
    } catch {
      const { durable_name: _name, deliver_policy: _policy, ...update } = config;
      await jsm.consumers.update(stream, durable, update);
    }
  };
  await ensure();

  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let current: ConsumerMessages | undefined;
  let wakeSlot: (() => void) | undefined;

  const handle = async (msg: JsMsg) => {
    const attempt = msg.info.deliveryCount;
    const fields = { consumer: durable, subject: msg.subject, seq: msg.seq, attempt };
    // Tell the server we are still at it, so a slow handler is not redelivered elsewhere.
    const keepAlive = setInterval(() => msg.working(), Math.max(1_000, options.ackWaitMs / 2));
    try {
      const outcome = await dispatchEvent(options.routes, msg.string(), {
        attempt,
        consumer: durable,
      });
      if (outcome.kind === 'invalid') {
        log.warn({ ...fields, reason: outcome.reason }, 'invalid event terminated');
        msg.term(outcome.reason.slice(0, 500));
        return;
      }
      msg.ack();
    } catch (error) {
      if (attempt >= options.maxDeliver) {
        log.error({ ...fields, err: error }, 'event handler failed; giving up');
        msg.term('handler failed on every delivery');
        return;
      }
      const delay = backoffMs(attempt, options.retryBaseMs);
      log.warn({ ...fields, err: error, retryInMs: delay }, 'event handler failed');
      msg.nak(delay);
    } finally {
      clearInterval(keepAlive);
    }
  };

  const watch = async (messages: ConsumerMessages) => {
    for await (const status of messages.status()) {
      if (status.type === 'heartbeats_missed' && status.count >= 2) {
        log.warn(
          { consumer: durable, stream, missed: status.count },
          'heartbeats missed; recreating',
        );
        messages.stop();
        return;
      }
      if (status.type === 'consumer_deleted') {
        log.warn({ consumer: durable, stream }, 'consumer deleted; recreating');
        messages.stop();
        return;
      }
    }
  };

  const loop = async () => {
    while (!stopped) {
      try {
        const consumer = await js.consumers.get(stream, durable);
        const messages = await consumer.consume({
          max_messages: options.concurrency,
          ...(options.expiresMs === undefined ? {} : { expires: options.expiresMs }),
        });
        current = messages;
        // A stop that came while the consumer was being fetched found nothing to stop.
        if (stopped) messages.stop();
        void watch(messages);
        for await (const msg of messages) {
          while (inFlight.size >= options.concurrency) {
            await new Promise<void>((resolve) => (wakeSlot = resolve));
          }
          const work = handle(msg).finally(() => {
            inFlight.delete(work);
            wakeSlot?.();
          });
          inFlight.add(work);
        }
      } catch (error) {
        if (stopped) break;
        log.warn({ err: error, consumer: durable, stream }, 'consumer failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await ensure().catch(() => undefined);
      }
    }
  };
  const running = loop();

  return async () => {
    stopped = true;
    current?.stop();
    wakeSlot?.();
    await running;
    await Promise.all(inFlight);
  };
}
