import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Recreate } from '../construction/recreate.js';
import { compileProblem } from '../problem/compile.js';
import { TaskKind } from '../problem/model.js';
import type { Model } from '../problem/model.js';
import { parseProblem } from '../problem/parse.js';
import { simulateRoute } from '../problem/schedule.js';
import { Rng } from '../search/rng.js';
import { Plan } from '../solution/plan.js';
import type { RouteState } from '../solution/route-state.js';
import { problemArbitrary } from '../testing/arbitraries.js';
import { InsertionEvaluator } from './insertion.js';

function seeded(model: Model): Plan {
  const plan = new Plan(model);
  const order = Int32Array.from({ length: model.nTasks }, (_, t) => t).filter((t) => model.taskKind[t] !== TaskKind.delivery);
  new Recreate(model, { rng: new Rng(7) }).insertAll(plan, { order, count: order.length, blinkRate: 0, openRoutes: true });
  return plan;
}

/** Cost delta by brute force: simulate the explicit sequence. */
function bruteDelta(model: Model, route: RouteState, seq: number[]): number {
  const r = simulateRoute(model, { vehicle: route.vehicle, tasks: Int32Array.from(seq), len: seq.length });
  return r.violation ? Infinity : r.cost - route.cost;
}

describe('InsertionEvaluator', () => {
  it('should agree with the reference schedule on every single insertion', () => {
    fc.assert(
      fc.property(problemArbitrary({ breaks: true }), (input) => {
        const model = compileProblem(parseProblem(input));
        const plan = seeded(model);
        const ev = new InsertionEvaluator(model);
        for (const route of plan.routes) {
          const base = Array.from(route.tasks.subarray(0, route.len));
          for (let t = 0; t < model.nTasks; t++) {
            if (model.taskKind[t] !== TaskKind.job || plan.routeOf[t] === route.vehicle) continue;
            for (let p = 0; p <= route.len; p++) {
              const expected = bruteDelta(model, route, [...base.slice(0, p), t, ...base.slice(p)]);
              const got = ev.single(route, t, p);
              if (expected === Infinity) expect(got).toBe(Infinity);
              else expect(got).toBeCloseTo(expected, 6);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('should find the cheapest feasible pickup-and-delivery insertion', () => {
    fc.assert(
      fc.property(problemArbitrary({ maxShipments: 4, breaks: true }), (input) => {
        const model = compileProblem(parseProblem(input));
        const plan = seeded(model);
        const ev = new InsertionEvaluator(model);
        for (const route of plan.routes) {
          const base = Array.from(route.tasks.subarray(0, route.len));
          for (let t = 0; t < model.nTasks; t++) {
            if (model.taskKind[t] !== TaskKind.pickup || plan.routeOf[t] === route.vehicle) continue;
            const d = model.taskPartner[t] ?? 0;
            let expected = Infinity;
            for (let p = 0; p <= base.length; p++) {
              for (let q = p; q <= base.length; q++) {
                const seq = [...base.slice(0, p), t, ...base.slice(p, q), d, ...base.slice(q)];
                expected = Math.min(expected, bruteDelta(model, route, seq));
              }
            }
            const got = ev.pair(route, t);
            if (expected === Infinity) expect(got).toBe(Infinity);
            else expect(got).toBeCloseTo(expected, 6);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
