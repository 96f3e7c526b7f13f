// Field traffic: every carrier posts stop updates and visit reports on their route of today
// every few seconds, while dispatchers poll the fleet's progress.
import { check } from 'k6';

import type { Session } from '../lib/trpc.ts';
import { roundRobin } from '../lib/clients.ts';
import { noteFailure } from '../lib/failures.ts';
import { data, mutation, query } from '../lib/trpc.ts';

/** A carrier's session with the stop ids of their route of today (from `dispatch.myRoute`). */
export interface CarrierRoute {
  readonly session: Session;
  readonly stopIds: readonly string[];
}

interface MyRoute {
  route: { stops?: { id: string }[] } | null;
}

/** The stops of the signed-in carrier's route of today (empty when none is published). */
export function routeOf(session: Session): CarrierRoute {
  const res = query(session, 'dispatch.myRoute');
  const stops = data<MyRoute>(res)?.route?.stops ?? [];
  return { session, stopIds: stops.map((s) => s.id) };
}

function pick(routes: readonly CarrierRoute[]): { session: Session; stopId: string } | undefined {
  const withStops = routes.filter((r) => r.stopIds.length > 0);
  const route = withStops[roundRobin(withStops.length)];
  const stopId = route?.stopIds[roundRobin(route.stopIds.length)];
  return route && stopId ? { session: route.session, stopId } : undefined;
}

/** A carrier reaching a stop (`arrived`; the same status again is a harmless repeat). */
export function stopUpdate(routes: readonly CarrierRoute[]): void {
  const target = pick(routes);
  if (!target) return;
  const res = mutation(target.session, {
    path: 'dispatch.updateStop',
    input: { stopId: target.stopId, status: 'arrived', at: new Date().toISOString() },
  });
  if (!check(res, { 'stop update 200': (r) => r.status === 200 })) noteFailure('stop', res);
}

/** A carrier's welfare check at a stop: seen, well, nothing to raise. */
export function visitReport(routes: readonly CarrierRoute[]): void {
  const target = pick(routes);
  if (!target) return;
  const res = mutation(target.session, {
    path: 'care.reportVisit',
    input: {
      stopId: target.stopId,
      visitedAt: new Date().toISOString(),
      checklist: {
        seenInPerson: true,
        mealsSkipped: false,
        illnessOrInjury: false,
        untouchedEarlierDeliveries: false,
        homeConditions: 'normal',
        mood: 'usual',
        askedForHelp: false,
      },
    },
  });
  if (!check(res, { 'visit report 200': (r) => r.status === 200 })) noteFailure('visit', res);
}

/** A dispatcher polling the fleet (the live progress view reloads it). */
export function dispatcherPoll(dispatcher: Session | null): void {
  if (!dispatcher) return;
  const res = query(dispatcher, 'dispatch.carriers', {});
  if (!check(res, { 'fleet poll 200': (r) => r.status === 200 })) noteFailure('poll', res);
}
