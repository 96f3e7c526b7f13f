import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Recreate } from '../construction/recreate.js';
import { compileProblem } from '../problem/compile.js';
import { TaskKind } from '../problem/model.js';
import { parseProblem } from '../problem/parse.js';
import { simulateRoute } from '../problem/schedule.js';
import { Rng } from '../search/rng.js';
import { Plan } from '../solution/plan.js';
import { Touched } from '../solution/touched.js';
import { problemArbitrary } from '../testing/arbitraries.js';
import { Relocate } from './relocate.js';
import { LocalSearch } from './search.js';
import { TwoOptStar } from './two-opt-star.js';

describe('LocalSearch (2-opt*, relocate)', () => {
  it('should only apply feasible moves whose gain is real', () => {
    let moved = 0;
    fc.assert(
      fc.property(problemArbitrary({ maxJobs: 25, maxShipments: 3, maxVehicles: 4, sameFleet: true }), fc.integer({ min: 1, max: 99 }), (input, seed) => {
        const model = compileProblem(parseProblem(input));
        const plan = new Plan(model);
        const order = Int32Array.from({ length: model.nTasks }, (_, t) => t).filter((t) => model.taskKind[t] !== TaskKind.delivery);
        // Random insertion order and blinks leave room for improvement.
        const rng = new Rng(seed);
        rng.shuffle(order, order.length);
        new Recreate(model, { rng }).insertAll(plan, { order, count: order.length, blinkRate: 0.3, openRoutes: true });
        const before = plan.cost();
        const touched = new Touched(model.nVehicles);
        for (let v = 0; v < model.nVehicles; v++) touched.add(v);
        const operators = [new TwoOptStar(model), new Relocate(model)];
        const gain = new LocalSearch(model, { rng, operators }).run(plan, touched);
        if (gain > 0) moved++;
        expect(plan.cost()).toBeCloseTo(before - gain, 6);
        for (const route of plan.routes) {
          const r = simulateRoute(model, route);
          expect(r.violation).toBeNull();
          expect(r.cost).toBeCloseTo(route.cost, 6);
          for (let i = 0; i < route.len; i++) expect(plan.routeOf[route.tasks[i] ?? 0]).toBe(route.vehicle);
        }
      }),
      { numRuns: 80 },
    );
    expect(moved).toBeGreaterThan(0);
  });
});
