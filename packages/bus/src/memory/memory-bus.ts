import type { Envelope, RpcDefinition, RpcInput, RpcOutput } from '@anbu/contracts';
import type { Logger } from '@anbu/db';

import type { Bus, ConsumeOptions, Consumer, RequestOptions, RpcRoute, Server } from '../bus.js';
import type { MessageLog, StoredMessage } from './durable.js';
import { DEFAULT_RPC_TIMEOUT_MS } from '../bus.js';
import {
  BusClosedError,
  InvalidEventError,
  RpcNoRespondersError,
  RpcTimeoutError,
} from '../errors.js';
import { checkOutgoing, routesByType } from '../internal/dispatch-event.js';
import { decodeReply, encodeRequest, serveRequest } from '../internal/rpc-codec.js';
import { Durable } from './durable.js';

/** JetStream's default duplicate window. */
export const DEFAULT_DEDUPE_WINDOW_MS = 120_000;
/** Events kept in memory for durables created later (oldest dropped first). */
export const DEFAULT_MAX_RETAINED = 100_000;
/** First redelivery delay of the in-process bus (doubling per attempt). */
export const DEFAULT_MEMORY_RETRY_BASE_MS = 100;
export const DEFAULT_MAX_DELIVER = 10;
export const DEFAULT_CONCURRENCY = 8;

export interface MemoryBusOptions {
  readonly log: Logger;
  readonly dedupeWindowMs?: number;
  readonly maxRetained?: number;
  readonly retryBaseMs?: number;
}

interface ServingRoute {
  readonly route: RpcRoute;
  readonly inFlight: Set<Promise<unknown>>;
}

/**
 * The in-process {@link Bus} for the embedded mode and unit tests: same interface and
 * semantics as the NATS one (durables, redelivery, dedupe by event id, queue-group RPC).
 * @example
 * const bus = createMemoryBus({ log });
 */
export function createMemoryBus(options: MemoryBusOptions): Bus {
  return new MemoryBus(options);
}

class MemoryBus implements Bus, MessageLog {
  readonly #log: Logger;
  readonly #dedupeWindowMs: number;
  readonly #maxRetained: number;
  readonly #retryBaseMs: number;
  readonly #messages: StoredMessage[] = [];
  readonly #seen = new Map<string, number>();
  readonly #durables = new Map<string, Durable>();
  readonly #stops = new Set<() => Promise<void>>();
  readonly #serving = new Map<string, ServingRoute[]>();
  readonly #turns = new Map<string, number>();
  #firstSeq = 1;
  #closed = false;

  constructor(options: MemoryBusOptions) {
    this.#log = options.log.child({ bus: 'memory' });
    this.#dedupeWindowMs = options.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
    this.#maxRetained = options.maxRetained ?? DEFAULT_MAX_RETAINED;
    this.#retryBaseMs = options.retryBaseMs ?? DEFAULT_MEMORY_RETRY_BASE_MS;
  }

  get firstSeq(): number {
    return this.#firstSeq;
  }

  get lastSeq(): number {
    return this.#firstSeq + this.#messages.length - 1;
  }

  at(seq: number): StoredMessage | undefined {
    return this.#messages[seq - this.#firstSeq];
  }

  async publish(subject: string, envelope: Envelope): Promise<void> {
    this.#assertOpen();
    const issues = checkOutgoing(subject, envelope);
    if (issues.length > 0) throw new InvalidEventError(subject, issues);
    const now = Date.now();
    for (const [id, at] of this.#seen) {
      if (now - at < this.#dedupeWindowMs) break;
      this.#seen.delete(id);
    }
    if (this.#seen.has(envelope.id)) return;
    this.#seen.set(envelope.id, now);
    this.#messages.push({ seq: this.lastSeq + 1, subject, data: JSON.stringify(envelope) });
    if (this.#messages.length > this.#maxRetained) {
      this.#messages.shift();
      this.#firstSeq++;
    }
    // Handlers run after publish resolves, as they would behind a broker.
    setImmediate(() => {
      for (const durable of this.#durables.values()) {
        if (durable.subjects.has(subject)) durable.pump();
      }
    });
    return Promise.resolve();
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    this.#assertOpen();
    const routes = routesByType(options.routes);
    const subjects = new Set(options.routes.map((route) => route.event.subject));
    let durable = this.#durables.get(options.durable);
    if (!durable) {
      durable = new Durable({
        name: options.durable,
        subjects,
        log: this,
        logger: this.#log,
        maxDeliver: options.maxDeliver ?? DEFAULT_MAX_DELIVER,
        retryBaseMs: this.#retryBaseMs,
      });
      this.#durables.set(options.durable, durable);
    }
    const detach = durable.attach(routes, options.concurrency ?? DEFAULT_CONCURRENCY);
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= detach().finally(() => this.#stops.delete(stop));
      return stopping;
    };
    this.#stops.add(stop);
    return Promise.resolve({ stop });
  }

  async serve(routes: readonly RpcRoute[]): Promise<Server> {
    this.#assertOpen();
    const mine = routes.map((route) => ({ route, inFlight: new Set<Promise<unknown>>() }));
    for (const entry of mine) {
      const list = this.#serving.get(entry.route.rpc.subject) ?? [];
      list.push(entry);
      this.#serving.set(entry.route.rpc.subject, list);
    }
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        for (const entry of mine) {
          const list = this.#serving.get(entry.route.rpc.subject) ?? [];
          list.splice(list.indexOf(entry), 1);
        }
        await Promise.allSettled(mine.flatMap((entry) => [...entry.inFlight]));
        this.#stops.delete(stop);
      })();
      return stopping;
    };
    this.#stops.add(stop);
    return Promise.resolve({ stop });
  }

  async request<D extends RpcDefinition>(
    rpc: D,
    input: RpcInput<D>,
    options: RequestOptions,
  ): Promise<RpcOutput<D>> {
    this.#assertOpen();
    const timeoutMs = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
    const entry = this.#pick(rpc.subject);
    if (!entry) throw new RpcNoRespondersError(rpc.subject);
    // Through JSON, so that the embedded mode sees exactly what the wire would carry.
    const raw = encodeRequest(input, options, timeoutMs);
    const work = serveRequest(entry.route, raw, this.#log.child({ rpc: rpc.subject }));
    entry.inFlight.add(work);
    void work.finally(() => entry.inFlight.delete(work)).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new RpcTimeoutError({ subject: rpc.subject, timeoutMs }));
      }, timeoutMs);
    });
    try {
      const reply = await Promise.race([work, timeout]);
      if (reply === undefined) return await timeout;
      return decodeReply(rpc, reply) as RpcOutput<D>;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#stops].map((stop) => stop()));
  }

  #pick(subject: string): ServingRoute | undefined {
    const list = this.#serving.get(subject);
    if (!list || list.length === 0) return undefined;
    const turn = (this.#turns.get(subject) ?? 0) % list.length;
    this.#turns.set(subject, turn + 1);
    return list[turn];
  }

  #assertOpen(): void {
    if (this.#closed) throw new BusClosedError();
  }
}
