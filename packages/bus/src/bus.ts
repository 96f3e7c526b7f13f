import type {
  Actor,
  Envelope,
  EventDefinition,
  EventOf,
  RpcDefinition,
  RpcInput,
  RpcOutput,
  RpcParsedInput,
} from '@anbu/contracts';

/** What a consumer handler learns about the delivery besides the event itself. */
export interface DeliveryInfo {
  /** 1 on first delivery, higher on redelivery. */
  readonly attempt: number;
  /** The consumer (durable) name. */
  readonly consumer: string;
}

/** A handler for one event type; throwing means "retry later" (nak with backoff). */
export type EventHandler<D extends EventDefinition> = (
  event: EventOf<D>,
  delivery: DeliveryInfo,
) => Promise<void>;

/** One event type and its handler, for {@link Bus.consume}. */
export interface EventRoute<D extends EventDefinition = EventDefinition> {
  readonly event: D;
  readonly handle: EventHandler<D>;
}

/** Pairs an event definition with its handler with the types lined up. */
export function on<D extends EventDefinition>(event: D, handle: EventHandler<D>): EventRoute {
  return { event, handle };
}

export interface ConsumeOptions {
  /** Durable consumer name; replicas with the same name share the work. */
  readonly durable: string;
  readonly routes: readonly EventRoute[];
  /** Messages handled at once by this replica. */
  readonly concurrency?: number;
  /** Deliveries before a message is given up (and logged as dead). */
  readonly maxDeliver?: number;
  /** How long a handler may run before the message is redelivered elsewhere. */
  readonly ackWaitMs?: number;
}

/** A running consumer. */
export interface Consumer {
  /** Stops fetching, waits for in-flight handlers to finish. */
  stop(): Promise<void>;
}

/** Context of an RPC call as the serving side sees it. */
export interface RpcContext {
  readonly actor: Actor;
  readonly idempotencyKey?: string | undefined;
}

export type RpcHandler<D extends RpcDefinition> = (
  input: RpcParsedInput<D>,
  context: RpcContext,
) => Promise<RpcOutput<D>>;

/** A method and its handler, for {@link Bus.serve}. */
export interface RpcRoute<D extends RpcDefinition = RpcDefinition> {
  readonly rpc: D;
  readonly handle: RpcHandler<D>;
}

/** Pairs an RPC definition with its handler with the types lined up. */
export function handle<D extends RpcDefinition>(rpc: D, handler: RpcHandler<D>): RpcRoute {
  return { rpc, handle: handler };
}

export interface RequestOptions {
  readonly actor: Actor;
  readonly idempotencyKey?: string;
  /** Default {@link DEFAULT_RPC_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
}

/** A set of RPC subscriptions served by one replica. */
export interface Server {
  stop(): Promise<void>;
}

export const DEFAULT_RPC_TIMEOUT_MS = 5_000;

/**
 * The one messaging interface of Anbu, implemented over NATS JetStream and in-process.
 * Events are at-least-once (consumers make effects exactly-once with the inbox); RPCs are
 * request/reply over queue groups, so any number of replicas share them.
 */
export interface Bus {
  /** Publishes an event durably; resolves once the broker has stored it (deduped by `id`). */
  publish(subject: string, envelope: Envelope): Promise<void>;
  /** Starts a durable consumer over the given event types. */
  consume(options: ConsumeOptions): Promise<Consumer>;
  /** Serves RPC methods in the queue group of their service. */
  serve(routes: readonly RpcRoute[]): Promise<Server>;
  /** Calls an RPC; rejects with RpcTimeoutError, RpcRemoteError or a validation error. */
  request<D extends RpcDefinition>(
    rpc: D,
    input: RpcInput<D>,
    options: RequestOptions,
  ): Promise<RpcOutput<D>>;
  /** Stops serving and consuming, lets in-flight work finish, then closes. */
  close(): Promise<void>;
}
