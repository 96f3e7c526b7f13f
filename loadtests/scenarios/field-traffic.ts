// Field traffic: every carrier posts stop updates and visit reports on their route of today
// every few seconds, while dispatchers poll the fleet's progress.
import { check } from 'k6';
import exec from 'k6/execution';

import type { Session } from '../lib/trpc.ts';
import { STOP_OFFSET } from '../lib/env.ts';
import { noteFailure } from '../lib/failures.ts';
import { stops } from '../lib/fixtures.ts';
import { mutation, query } from '../lib/trpc.ts';

/**
 * The n-th stop of the day (n: the scenario's iteration, after the stops earlier capacity steps
 * used) with its carrier's session, each stop once: a stop is delivered once and reported once.
 * The seed lists the stops with the carriers in turn, so that at any moment the updates come
 * from many carriers, as in the field. Beyond the last stop the day is done and nothing is sent.
 * (The stops come from a SharedArray, one small element per access: k6 hands `setup()` data to
 * every VU as Go-backed objects, which cost seconds per VU at twenty thousand stops.)
 */
function pick(
  carriers: readonly (Session | null)[],
): { session: Session; stopId: string } | undefined {
  const at = stops[STOP_OFFSET + exec.scenario.iterationInTest];
  const session = at ? carriers[at.carrier] : undefined;
  return at && session ? { session, stopId: at.stopId } : undefined;
}

/** A carrier reporting a stop delivered. */
export function stopUpdate(carriers: readonly (Session | null)[]): void {
  const target = pick(carriers);
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
export function visitReport(carriers: readonly (Session | null)[]): void {
  const target = pick(carriers);
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
