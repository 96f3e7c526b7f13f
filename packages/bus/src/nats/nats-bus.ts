import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, RequestError, TimeoutError } from '@nats-io/transport-node';

import type { Envelope, RpcDefinition, RpcInput, RpcOutput } from '@anbu/contracts';
import type { Logger } from '@anbu/db';

import type { Bus, ConsumeOptions, Consumer, RequestOptions, RpcRoute, Server } from '../bus.js';
import { DEFAULT_RPC_TIMEOUT_MS } from '../bus.js';
import {
  BusClosedError,
  InvalidEventError,
  PublishTimeoutError,
  RpcNoRespondersError,
  RpcTimeoutError,
} from '../errors.js';
import { checkOutgoing, routesByType } from '../internal/dispatch-event.js';
import { decodeReply, encodeRequest, serveRequest } from '../internal/rpc-codec.js';
import { runNatsConsumer } from './nats-consumer.js';
import {
  DEFAULT_DUPLICATE_WINDOW_MS,
  DEFAULT_STREAM_MAX_AGE_MS,
  ensureStreams,
  serviceOfSubject,
  streamName,
} from './streams.js';

export const DEFAULT_NATS_RETRY_BASE_MS = 500;
export const DEFAULT_NATS_MAX_DELIVER = 10;
export const DEFAULT_NATS_CONCURRENCY = 8;
export const DEFAULT_ACK_WAIT_MS = 30_000;
/** How long a publish waits for the broker's acknowledgement. */
export const DEFAULT_PUBLISH_TIMEOUT_MS = 5_000;

export interface NatsBusOptions {
  /** `nats://host:4222`, or several for a cluster. */
  readonly servers: string | readonly string[];
  readonly log: Logger;
  /** Connection name shown by the server (e.g. `households-<instance>`). */
  readonly name?: string;
  /** Stream replicas: 1 for one server, 3 for the production cluster. */
  readonly streamReplicas?: number;
  readonly duplicateWindowMs?: number;
  readonly streamMaxAgeMs?: number;
  /** First redelivery delay after a handler throws (doubling per attempt). */
  readonly retryBaseMs?: number;
  /**
   * Lifetime of a consumer's pull request (≥ 1000; library default 30 s); the server sends
   * heartbeats every half of it, and two missed ones make the consumer recreate itself.
   */
  readonly pullExpiresMs?: number;
  /** How long a publish waits for its PubAck (default {@link DEFAULT_PUBLISH_TIMEOUT_MS}). */
  readonly publishTimeoutMs?: number;
}

/**
 * The {@link Bus} over NATS: JetStream streams `ANBU_<SERVICE>` for events (created or updated
 * at connect), durable pull consumers, and core request/reply in queue group `anbu.<service>`.
 * @example
 * const bus = await createNatsBus({ servers: env.NATS_URL, log, name: 'households' });
 */
export async function createNatsBus(options: NatsBusOptions): Promise<Bus> {
  const log = options.log.child({ bus: 'nats' });
  const nc = await connect({
    servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    // No Error captured per request for async stack traces: it cost the gateway ~3.5 % of its
    // CPU under REST load (every call is a NATS request); timeouts still name the subject.
    noAsyncTraces: true,
  });
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect' || status.type === 'error') {
        log.warn(
          { status: status.type, server: 'server' in status ? status.server : undefined },
          'nats connection',
        );
      }
    }
  })();
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, {
    replicas: options.streamReplicas ?? 1,
    duplicateWindowMs: options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS,
    maxAgeMs: options.streamMaxAgeMs ?? DEFAULT_STREAM_MAX_AGE_MS,
  });
  return new NatsBus({
    nc,
    js: jetstream(nc),
    jsm,
    log,
    retryBaseMs: options.retryBaseMs,
    pullExpiresMs: options.pullExpiresMs,
    publishTimeoutMs: options.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS,
  });
}

class NatsBus implements Bus {
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #log: Logger;
  readonly #retryBaseMs: number;
  readonly #pullExpiresMs: number | undefined;
  readonly #publishTimeoutMs: number;
  readonly #stops = new Set<() => Promise<void>>();
  #closed = false;

  constructor(deps: {
    nc: NatsConnection;
    js: JetStreamClient;
    jsm: JetStreamManager;
    log: Logger;
    retryBaseMs: number | undefined;
    pullExpiresMs: number | undefined;
    publishTimeoutMs: number;
  }) {
    this.#nc = deps.nc;
    this.#js = deps.js;
    this.#jsm = deps.jsm;
    this.#log = deps.log;
    this.#retryBaseMs = deps.retryBaseMs ?? DEFAULT_NATS_RETRY_BASE_MS;
    this.#pullExpiresMs = deps.pullExpiresMs;
    this.#publishTimeoutMs = deps.publishTimeoutMs;
  }

  async publish(subject: string, envelope: Envelope): Promise<void> {
    this.#assertOpen();
    const issues = checkOutgoing(subject, envelope);
    if (issues.length > 0) throw new InvalidEventError(subject, issues);
    const timeoutMs = this.#publishTimeoutMs;
    try {
      // Resolves on the PubAck: the event is stored (or was a duplicate of a stored one).
      await this.#js.publish(subject, JSON.stringify(envelope), {
        msgID: envelope.id,
        timeout: timeoutMs,
      });
    } catch (error) {
      // The library's bare "timeout" names neither the subject nor the event: say which.
      if (isTimeout(error)) {
        throw new PublishTimeoutError(
          { subject, eventId: envelope.id, timeoutMs },
          { cause: error },
        );
      }
      throw error;
    }
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    this.#assertOpen();
    const routes = routesByType(options.routes);
    // A JetStream consumer reads one stream: one per emitting service, sharing the durable name.
    const byStream = new Map<string, string[]>();
    for (const route of options.routes) {
      const service = serviceOfSubject(route.event.subject) ?? route.event.service;
      const stream = streamName(service);
      byStream.set(stream, [...(byStream.get(stream) ?? []), route.event.subject]);
    }
    const stops = await Promise.all(
      [...byStream].map(([stream, subjects]) =>
        runNatsConsumer({
          js: this.#js,
          jsm: this.#jsm,
          stream,
          durable: options.durable,
          subjects,
          routes,
          concurrency: options.concurrency ?? DEFAULT_NATS_CONCURRENCY,
          maxDeliver: options.maxDeliver ?? DEFAULT_NATS_MAX_DELIVER,
          ackWaitMs: options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS,
          retryBaseMs: this.#retryBaseMs,
          expiresMs: this.#pullExpiresMs,
          log: this.#log,
        }),
      ),
    );
    return { stop: this.#track(async () => void (await Promise.all(stops.map((s) => s())))) };
  }

  async serve(routes: readonly RpcRoute[]): Promise<Server> {
    this.#assertOpen();
    const inFlight = new Set<Promise<void>>();
    const subscriptions: Subscription[] = routes.map((route) =>
      this.#nc.subscribe(route.rpc.subject, {
        queue: `anbu.${route.rpc.service}`,
        callback: (error, msg) => {
          if (error) {
            this.#log.error({ err: error, subject: route.rpc.subject }, 'rpc subscription failed');
            return;
          }
          const log = this.#log.child({ rpc: route.rpc.subject });
          const work = serveRequest(route, msg.string(), log)
            .then((reply) => {
              if (reply !== undefined) msg.respond(reply);
            })
            .catch((err: unknown) => log.error({ err }, 'rpc reply failed'))
            .finally(() => inFlight.delete(work));
          inFlight.add(work);
        },
      }),
    );
    // Make sure the server knows the subscriptions before callers are told we serve.
    await this.#nc.flush();
    return {
      stop: this.#track(async () => {
        // Unsubscribe first (no new requests reach this replica), then finish in-flight ones.
        await Promise.all(subscriptions.map((sub) => sub.drain()));
        await Promise.all(inFlight);
      }),
    };
  }

  async request<D extends RpcDefinition>(
    rpc: D,
    input: RpcInput<D>,
    options: RequestOptions,
  ): Promise<RpcOutput<D>> {
    this.#assertOpen();
    const timeoutMs = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
    const payload = encodeRequest(input, options, timeoutMs);
    let reply: string;
    try {
      reply = (await this.#nc.request(rpc.subject, payload, { timeout: timeoutMs })).string();
    } catch (error) {
      if (error instanceof RequestError && error.isNoResponders()) {
        throw new RpcNoRespondersError(rpc.subject, { cause: error });
      }
      if (isTimeout(error)) {
        throw new RpcTimeoutError({ subject: rpc.subject, timeoutMs }, { cause: error });
      }
      throw error;
    }
    return decodeReply(rpc, reply) as RpcOutput<D>;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#stops].map((stop) => stop()));
    await this.#nc.drain();
  }

  /** Registers a stop function for `close()`; calling it twice runs it once. */
  #track(stop: () => Promise<void>): () => Promise<void> {
    let stopping: Promise<void> | undefined;
    const once = () => {
      stopping ??= stop().finally(() => this.#stops.delete(once));
      return stopping;
    };
    this.#stops.add(once);
    return once;
  }

  #assertOpen(): void {
    if (this.#closed) throw new BusClosedError();
  }
}

/** A nats.js timeout, thrown directly or as the cause of a request error. */
function isTimeout(error: unknown): boolean {
  return (
    error instanceof TimeoutError || (error instanceof Error && error.cause instanceof TimeoutError)
  );
}
