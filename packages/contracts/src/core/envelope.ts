import { z } from 'zod';

import type { ServiceName } from './services.js';

/**
 * The versioned envelope every event travels in: `id` doubles as the JetStream `Nats-Msg-Id`
 * and as the consumer inbox key, so it must be unique per event, not per delivery.
 */
export const envelopeBaseSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+\.[a-z_]+\.[a-z_]+$/),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** The event or request that caused this one, for tracing a flow across services. */
  causationId: z.string().max(200).optional(),
  correlationId: z.string().max(200).optional(),
});

/** An event envelope with typed `data`. */
export interface Envelope<TType extends string = string, TData = unknown> {
  readonly id: string;
  readonly type: TType;
  readonly version: number;
  readonly occurredAt: string;
  readonly causationId?: string | undefined;
  readonly correlationId?: string | undefined;
  readonly data: TData;
}

/** An event type: its subject, schema version and payload schema, paired in one value. */
export interface EventDefinition<TType extends string = string, TData extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly service: ServiceName;
  readonly subject: `anbu.${TType}`;
  readonly version: number;
  readonly data: TData;
  /** Parses a whole envelope of this type (rejects another type or version). */
  readonly envelope: z.ZodType<Envelope<TType, z.output<TData>>>;
}

/** The envelope type of an event definition. */
export type EventOf<D extends EventDefinition> =
  D extends EventDefinition<infer T, infer S> ? Envelope<T, z.output<S>> : never;

/**
 * Declares an event `anbu.<service>.<entity>.<event>`.
 * @example
 * export const needCreated = defineEvent({
 *   service: 'households', entity: 'need', event: 'created', version: 1,
 *   data: z.object({ needId: z.uuid(), householdId: z.uuid() }),
 * });
 */
export function defineEvent<
  const S extends ServiceName,
  const E extends string,
  const V extends string,
  TData extends z.ZodType,
>(options: {
  service: S;
  entity: E;
  event: V;
  version: number;
  data: TData;
}): EventDefinition<`${S}.${E}.${V}`, TData> {
  const type = `${options.service}.${options.entity}.${options.event}` as const;
  const envelope = envelopeBaseSchema.extend({
    type: z.literal(type),
    version: z.literal(options.version),
    data: options.data,
  }) as unknown as z.ZodType<Envelope<typeof type, z.output<TData>>>;
  return Object.freeze({
    type,
    service: options.service,
    subject: `anbu.${type}` as const,
    version: options.version,
    data: options.data,
    envelope,
  });
}
