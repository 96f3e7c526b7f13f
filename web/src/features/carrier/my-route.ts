import type { inferRouterOutputs } from '@trpc/server';

import type { StopStatus } from '@anbu/contracts';
import type { AppRouter } from '@anbu/gateway';

import type { OutboxEntry } from './outbox.js';
import { pendingStatusOf } from './outbox.js';

/** The carrier's route of today as `dispatch.myRoute` gives it. */
export type MyRoute = NonNullable<inferRouterOutputs<AppRouter>['dispatch']['myRoute']['route']>;

/** One stop of it, with the recipient's details. */
export type MyStop = MyRoute['stops'][number];

/** A stop as the screen shows it: the status includes the carrier's reports still waiting. */
export interface ShownStop {
  readonly stop: MyStop;
  /** 1-based place in the route. */
  readonly order: number;
  readonly status: StopStatus;
  /** A report about it is waiting in the outbox. */
  readonly pending: boolean;
}

const FINAL: ReadonlySet<StopStatus> = new Set([
  'delivered',
  'not_home',
  'refused',
  'failed',
  'skipped',
]);

/** Whether the stop needs nothing more from the carrier today. */
export function isFinished(status: StopStatus): boolean {
  return FINAL.has(status);
}

/** The route's stops in visiting order, with the waiting reports applied. */
export function shownStops(
  route: Pick<MyRoute, 'stops'>,
  entries: readonly OutboxEntry[],
): ShownStop[] {
  return [...route.stops]
    .sort((a, b) => a.sequence - b.sequence)
    .map((stop, index) => {
      const pending = pendingStatusOf(entries, stop.id);
      return {
        stop,
        order: index + 1,
        status: pending ?? stop.status,
        pending: pending !== undefined,
      };
    });
}

/** The stop to go to next: the first one in order that is not finished. */
export function nextStop(stops: readonly ShownStop[]): ShownStop | undefined {
  return stops.find((shown) => !isFinished(shown.status));
}

/** The list as the carrier reads it: the next stop, the other open ones in order, then the finished. */
export function nextFirst(stops: readonly ShownStop[], next: ShownStop | undefined): ShownStop[] {
  const open = stops.filter((shown) => shown !== next && !isFinished(shown.status));
  const finished = stops.filter((shown) => isFinished(shown.status));
  return [...(next ? [next] : []), ...open, ...finished];
}
