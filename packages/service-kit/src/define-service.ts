import type { Kysely } from 'kysely';

import type { Bus, ConsumeOptions, RpcRoute } from '@anbu/bus';
import type { OutboxRelay } from '@anbu/bus/outbox';
import type { ServiceName } from '@anbu/contracts';
import type { Logger, Migrations } from '@anbu/db';

/** What a service's `start` receives: everything it needs, passed in (STYLE §21). */
export interface ServiceDeps<DB> {
  /** Bound to the service's schema. */
  readonly db: Kysely<DB>;
  readonly bus: Bus;
  readonly log: Logger;
  readonly instanceId: string;
  /** The service's outbox relay; `wake()` it after a commit that enqueued events. */
  readonly outbox: OutboxRelay;
}

/** A timer or loop the service runs besides RPCs and consumers. */
export interface BackgroundTask {
  readonly name: string;
  /** Stops the task and waits for a run in progress. */
  stop(): Promise<void>;
}

/** What a service's `start` returns: the work to serve. */
export interface ServiceRuntime {
  /** RPC methods to serve (the `health` RPC is added by the kit). */
  readonly routes?: readonly RpcRoute[];
  /** Durable consumers to start. */
  readonly consumers?: readonly ConsumeOptions[];
  /** Already started background tasks, stopped on shutdown after the consumers. */
  readonly tasks?: readonly BackgroundTask[];
  /** Extra health checks (beside `db`); false or a throw reports the check as failing. */
  readonly checks?: Readonly<Record<string, () => Promise<boolean>>>;
}

/** A service: its name (= schema and subject segment), migrations and wiring. */
export interface ServiceDefinition<DB = unknown> {
  readonly name: ServiceName;
  readonly version?: string;
  readonly migrations: Migrations;
  start(deps: ServiceDeps<DB>): Promise<ServiceRuntime>;
}

/**
 * Declares a service with its types lined up; run it with `startService` (embedded) or
 * `runStandalone` (its own process).
 * @example
 * export const households = defineService<HouseholdsDatabase>({
 *   name: 'households',
 *   migrations,
 *   async start({ db, bus, log }) {
 *     return { routes: createRpc({ db, log }), consumers: [] };
 *   },
 * });
 */
export function defineService<DB>(definition: ServiceDefinition<DB>): ServiceDefinition<DB> {
  return Object.freeze({ ...definition });
}
