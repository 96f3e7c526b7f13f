import type { TableService } from '@anbu/road-matrix';
import type { ServiceDefinition } from '@anbu/service-kit';
import { defineService } from '@anbu/service-kit';

import type { RouteGeometry } from './geometry/osrm-geometry.js';
import type { PlanningRunnerOptions } from './planning/planning-runner.js';
import type { DispatchDatabase } from './repo/schema.js';
import { createConsumers } from './events.js';
import { createOsrmGeometry, straightGeometry } from './geometry/osrm-geometry.js';
import { migrations } from './migrations/index.js';
import { createPlanningRunner } from './planning/planning-runner.js';
import { createRpc } from './rpc/index.js';

/** Tuning of the planning runner (tests shorten the lease and the poll). */
export type DispatchServiceOptions = Partial<
  Pick<
    PlanningRunnerOptions,
    | 'workers'
    | 'leaseMs'
    | 'pollMs'
    | 'heartbeatMs'
    | 'maxAttempts'
    | 'gatherWaitMs'
    | 'seed'
    | 'workerUrl'
  >
> & {
  /** Whether this replica runs planning runs (default true; false serves RPCs only). */
  readonly runPlanning?: boolean;
  /** An OSRM-compatible service drawing routes on roads (`OSRM_URL`); straight lines without. */
  readonly osrmUrl?: string | undefined;
  /** Draws route lines (tests); overrides `osrmUrl`. */
  readonly geometry?: RouteGeometry;
  /** Road travel times for the solver (`OSRM_URL` / `VALHALLA_URL`); great-circle without. */
  readonly travel?: TableService | null;
  /** The clock: its Asia/Seoul day is the one a carrier reports stops of (tests fix it). */
  readonly now?: () => Date;
};

/**
 * The dispatch service: carriers, vehicles and shifts, the delivery-order pool, and planning
 * runs solved by a pool of planning workers on every replica (`workers` runs at once, each
 * claimed under a lease, so a dead replica's runs are taken over).
 * @example
 * await startService(createDispatchService(), { db, bus, log });
 */
export function createDispatchService(
  options: DispatchServiceOptions = {},
): ServiceDefinition<DispatchDatabase> {
  return defineService<DispatchDatabase>({
    name: 'dispatch',
    migrations,
    start: ({ db, bus, log, instanceId, outbox }) => {
      const { runPlanning = true, osrmUrl, geometry: given, travel, now, ...tuning } = options;
      const geometry =
        given ?? (osrmUrl ? createOsrmGeometry({ baseUrl: osrmUrl, log }) : straightGeometry);
      const runner = runPlanning
        ? createPlanningRunner({ ...tuning, db, bus, log, owner: instanceId, geometry, travel })
        : undefined;
      return Promise.resolve({
        routes: createRpc({
          db,
          log,
          bus,
          onRunQueued: () => runner?.wake(),
          onEventsQueued: () => outbox.wake(),
          geometry,
          ...(now ? { now } : {}),
        }),
        consumers: createConsumers({ db, log }),
        tasks: runner ? [runner] : [],
      });
    },
  });
}
