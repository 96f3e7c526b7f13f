import type { ServiceName } from './core/services.js';
import { SERVICE_NAMES } from './core/services.js';

/** Every subject starts with this token. */
export const SUBJECT_ROOT = 'anbu';

const SERVICES = SERVICE_NAMES.join('|');

/** An event subject: `anbu.<service>.<entity>.<event>` (lowercase, `_` inside tokens). */
export const EVENT_SUBJECT_PATTERN = new RegExp(
  `^anbu\\.(${SERVICES})\\.[a-z][a-z_]*\\.[a-z][a-z_]*$`,
);
/** An RPC subject: `anbu.rpc.<service>.<method>` (camelCase words separated by dots). */
export const RPC_SUBJECT_PATTERN = new RegExp(
  `^anbu\\.rpc\\.(${SERVICES})\\.[a-z][a-zA-Z]*(\\.[a-z][a-zA-Z]*)*$`,
);

/** The subject of an event. */
export function eventSubject<
  const S extends ServiceName,
  const E extends string,
  const V extends string,
>(options: { service: S; entity: E; event: V }): `anbu.${S}.${E}.${V}` {
  return `${SUBJECT_ROOT}.${options.service}.${options.entity}.${options.event}`;
}

/** The subject of an RPC method. */
export function rpcSubject<const S extends ServiceName, const M extends string>(options: {
  service: S;
  method: M;
}): `anbu.rpc.${S}.${M}` {
  return `${SUBJECT_ROOT}.rpc.${options.service}.${options.method}`;
}

/** The JetStream stream of a service's events, e.g. `ANBU_HOUSEHOLDS` over `anbu.households.>`. */
export interface StreamConfig {
  readonly name: `ANBU_${Uppercase<ServiceName>}`;
  readonly service: ServiceName;
  readonly subjects: readonly [`anbu.${ServiceName}.>`];
}

/** The stream of one service. */
export function streamOf(service: ServiceName): StreamConfig {
  return Object.freeze({
    name: `ANBU_${service.toUpperCase() as Uppercase<ServiceName>}`,
    service,
    subjects: [`${SUBJECT_ROOT}.${service}.>`] as const,
  });
}

/** Every service's stream. Services publish only to their own. */
export const STREAMS: Readonly<Record<ServiceName, StreamConfig>> = Object.freeze(
  Object.fromEntries(SERVICE_NAMES.map((service) => [service, streamOf(service)])) as Record<
    ServiceName,
    StreamConfig
  >,
);

/** Everything a service serves over request/reply: `anbu.rpc.<service>.>`. */
export function rpcWildcard(service: ServiceName): `anbu.rpc.${ServiceName}.>` {
  return `${SUBJECT_ROOT}.rpc.${service}.>`;
}

/** The queue group the replicas of a service share, so each request reaches one of them. */
export function rpcQueueGroup(service: ServiceName): `anbu-rpc-${ServiceName}` {
  return `anbu-rpc-${service}`;
}

/**
 * A durable consumer name: the consuming service plus what it consumes for, e.g.
 * `matching-needs`. Replicas share a durable; NATS forbids `.`, `*`, `>` and spaces in it.
 */
export function durableName(options: { service: ServiceName; purpose: string }): string {
  if (!/^[a-z][a-z0-9_-]{0,60}$/.test(options.purpose)) {
    throw new TypeError(
      `durable purpose "${options.purpose}" must be lowercase letters, digits, - or _`,
    );
  }
  return `${options.service}-${options.purpose}`;
}

/** The service whose stream holds an event subject, or undefined for a foreign subject. */
export function serviceOfSubject(subject: string): ServiceName | undefined {
  const [root, service] = subject.split('.');
  if (root !== SUBJECT_ROOT) return undefined;
  return SERVICE_NAMES.find((name) => name === service);
}
