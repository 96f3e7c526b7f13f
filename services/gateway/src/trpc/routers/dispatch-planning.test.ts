import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PlanningRun } from '@anbu/contracts';
import { handle } from '@anbu/bus';
import { getPlanningRun } from '@anbu/contracts/rpc';

import type { GatewayFixture } from '../../testing/gateway-fixture.js';
import { createGatewayFixture } from '../../testing/gateway-fixture.js';

const ORG = '00000000-0000-4000-8000-0000000000f1';
const RUN = '00000000-0000-4000-8000-00000000a001';
const PLAN = '00000000-0000-4000-8000-00000000a002';

function run(step: number): PlanningRun {
  const done = step >= 3;
  return {
    id: RUN,
    date: '2026-11-25',
    districtCodes: [],
    timeLimitSeconds: 2,
    status: done ? 'succeeded' : 'running',
    progress: {
      elapsedMs: step * 500,
      iterations: step * 100,
      fraction: Math.min(1, step / 3),
      bestCost: 1000 - step * 10,
    },
    ...(done ? { planId: PLAN } : {}),
    notes: [],
    attempts: 1,
    requestedBy: ORG,
    createdAt: '2026-11-25T09:00:00+09:00',
  };
}

/** The data of every `message` event of an SSE body, until the stream ends. */
async function sseData(res: Response): Promise<unknown[]> {
  const text = await res.text();
  return [...text.matchAll(/^data: (.+)$/gm)]
    .map((m) => JSON.parse(m[1] ?? 'null') as unknown)
    .filter((d) => typeof d === 'object' && d !== null && Object.keys(d).length > 0);
}

describe('dispatch.planningProgress', () => {
  let fx: GatewayFixture;
  let cookie = '';
  let calls = 0;

  beforeAll(async () => {
    fx = await createGatewayFixture();
    // A run that moves one step per call; the gateway polls, so each call is one step.
    await fx.bus.serve([handle(getPlanningRun, () => Promise.resolve(run(calls++)))]);
    await fx.addUser('dispatcher@progress', [
      { role: 'dispatcher', organisationId: ORG, districtCodes: ['D01'] },
    ]);
    cookie = (await fx.signIn('dispatcher@progress')).cookie;
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  it('should relay each change of progress over SSE and end with the finished run', async () => {
    const res = await fx.trpc('dispatch.planningProgress', { cookie, input: { runId: RUN } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const runs = (await sseData(res)) as PlanningRun[];
    expect(runs.map((r) => r.progress.iterations)).toEqual([0, 100, 200, 300]);
    expect(runs.at(-1)).toMatchObject({ status: 'succeeded', planId: PLAN });
  });
});
