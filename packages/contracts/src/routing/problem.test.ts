import { describe, expect, it } from 'vitest';

import { RoutingProblemSchema, RoutingSolutionSchema } from './index.js';

describe('RoutingProblemSchema', () => {
  it('should apply VROOM-like defaults', () => {
    const p = RoutingProblemSchema.parse({ jobs: [{ id: 1, location: [127, 37.5] }], vehicles: [{ id: 1 }] });
    expect(p.jobs[0]).toMatchObject({ service: 0, delivery: [], pickup: [], priority: 0, timeWindows: [], skills: [] });
    expect(p.vehicles[0]).toMatchObject({ profile: 'car', capacity: [], breaks: [], costs: { fixed: 0, perHour: 3600, perKm: 0 } });
    expect(p.options).toMatchObject({ geometry: 'haversine', circuityFactor: 1.3, objective: 'cost' });
    expect(p.shipments).toEqual([]);
  });

  it('should reject a problem without vehicles and out-of-range priorities', () => {
    expect(RoutingProblemSchema.safeParse({ jobs: [], vehicles: [] }).success).toBe(false);
    const bad = RoutingProblemSchema.safeParse({ jobs: [{ id: 1, location: [0, 0], priority: 101 }], vehicles: [{ id: 1 }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['jobs', 0, 'priority']);
  });
});

describe('RoutingSolutionSchema', () => {
  it('should accept an empty plan and refuse an unknown unassigned reason', () => {
    const summary = { cost: 0, vehicles: 0, unassigned: 1, distance: 0, duration: 0, service: 0, waiting: 0, iterations: 0, computingTimeMs: 1 };
    expect(RoutingSolutionSchema.safeParse({ routes: [], unassigned: [{ id: 1, type: 'job', reason: 'skill' }], summary }).success).toBe(true);
    expect(RoutingSolutionSchema.safeParse({ routes: [], unassigned: [{ id: 1, type: 'job', reason: 'bad luck' }], summary }).success).toBe(false);
  });
});
