// Field traffic: every carrier posts stop updates and visit reports on their route of today
// every few seconds, while dispatchers poll the fleet's progress.
import { check } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';

import type { Session } from '../lib/trpc.ts';
import { BASE_URL, STOP_OFFSET } from '../lib/env.ts';
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

/** Route reads sent at once by {@link routesOf}. */
const ROUTE_BATCH = 8;

/**
 * The stops of each signed-in carrier's route of today (empty when none is published), read
 * {@link ROUTE_BATCH} carriers at a time: a carrier opening the app reads every recipient of
 * the day, which costs the stack a households call per stop.
 */
export function routesOf(sessions: readonly Session[]): CarrierRoute[] {
  const routes: CarrierRoute[] = [];
  for (let i = 0; i < sessions.length; i += ROUTE_BATCH) {
    const batch = sessions.slice(i, i + ROUTE_BATCH);
    const responses = http.batch(
      batch.map((session) => ({
        method: 'GET',
        url: `${BASE_URL}/trpc/dispatch.myRoute`,
        params: {
          headers: { cookie: session.cookie, 'x-forwarded-for': session.address },
          tags: { name: 'dispatch.myRoute' },
        },
      })),
    );
    batch.forEach((session, j) => {
      const res = responses[j];
      const stops = (res && data<MyRoute>(res)?.route?.stops) ?? [];
      routes.push({ session, stopIds: stops.map((s) => s.id) });
    });
  }
  return routes;
}

/** Every stop once, the carriers' routes interleaved (one VU builds it once). */
let order: { route: number; stop: number }[] | undefined;

/**
 * The carriers' stops interleaved: each carrier's first stop, then each one's second, and so
 * on, so that at any moment the updates come from many carriers, as in the field, rather than
 * from one carrier's whole route at a time.
 */
function interleaved(routes: readonly CarrierRoute[]): { route: number; stop: number }[] {
  const all: { route: number; stop: number }[] = [];
  const longest = routes.reduce((a, r) => Math.max(a, r.stopIds.length), 0);
  for (let stop = 0; stop < longest; stop += 1) {
    routes.forEach((r, route) => {
      if (stop < r.stopIds.length) all.push({ route, stop });
    });
  }
  return all;
}

/**
 * The n-th stop of the day (n: the scenario's iteration, after the stops earlier capacity steps
 * used), each stop once: a stop is delivered once and reported once. Beyond the last stop the
 * day is done and nothing is sent.
 */
function pick(routes: readonly CarrierRoute[]): { session: Session; stopId: string } | undefined {
  order ??= interleaved(routes);
  const at = order[STOP_OFFSET + exec.scenario.iterationInTest];
  const route = at && routes[at.route];
  const stopId = at && route?.stopIds[at.stop];
  return route && stopId ? { session: route.session, stopId } : undefined;
}

/** A carrier reporting a stop delivered. */
export function stopUpdate(routes: readonly CarrierRoute[]): void {
  const target = pick(routes);
  if (!target) return;
  const res = mutation(target.session, {
    path: 'dispatch.updateStop',
    input: { stopId: target.stopId, status: 'delivered', at: new Date().toISOString() },
  });
  if (check(res, { 'stop update 200': (r) => r.status === 200 })) {
    // For the checker: this stop must now be delivered, with one stop.updated event.
    console.log(`ACCEPTED stop ${target.stopId} ${target.stopId}`);
  } else {
    noteFailure('stop', res);
  }
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
