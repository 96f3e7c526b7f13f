import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningService } from '@anbu/service-kit';
import { handle, RpcError } from '@anbu/bus';
import { createCareService } from '@anbu/care';
import { getDeliveryProfiles, getMyRoute, getProgram, listEnrolments } from '@anbu/contracts/rpc';
import { startService } from '@anbu/service-kit';

import type { GatewayFixture, SignedIn } from '../../testing/gateway-fixture.js';
import { createGatewayFixture } from '../../testing/gateway-fixture.js';

const OFFICE = '00000000-0000-4000-8000-0000000000b1';
const KITCHEN = '00000000-0000-4000-8000-0000000000b3';
const OTHER_KITCHEN = '00000000-0000-4000-8000-0000000000b4';
const CARRIER = '00000000-0000-4000-8000-0000000000c1';
const PROGRAM = '00000000-0000-4000-8000-0000000000d1';
const D01 = 'D01';
const D09 = 'D09';
// 2026-11-25 10:00 in Seoul.
const NOW = new Date('2026-11-25T01:00:00Z');

interface TrpcBody<T> {
  result?: { data: T };
  error?: { data?: { httpStatus?: number } };
}

describe('care through the gateway (tRPC and the signals REST route)', () => {
  let fx: GatewayFixture;
  let care: RunningService;
  let cw01: SignedIn;
  let cw09: SignedIn;
  let manager: SignedIn;
  let carrier: SignedIn;
  let kitchen: SignedIn;
  let otherKitchen: SignedIn;
  let feedKey: string;
  const inD01: string = crypto.randomUUID();
  const inD09: string = crypto.randomUUID();
  const stopId = crypto.randomUUID();
  const routeId = crypto.randomUUID();

  beforeAll(async () => {
    fx = await createGatewayFixture({ now: () => NOW });
    care = await startService(createCareService({ now: () => NOW, sweepMs: 50 }), {
      db: fx.dbHandle,
      bus: fx.bus,
      log: fx.log,
    });
    const districts = new Map([
      [inD01, D01],
      [inD09, D09],
    ]);
    await fx.bus.serve([
      handle(getDeliveryProfiles, ({ householdIds }) =>
        Promise.resolve({
          profiles: householdIds.flatMap((householdId) => {
            const districtCode = districts.get(householdId);
            return districtCode
              ? [{ householdId, districtCode, location: { lat: 35.9, lng: 126.9 } }]
              : [];
          }),
        }),
      ),
      handle(getMyRoute, ({ date }, { actor }) =>
        Promise.resolve(
          actor.carrierId === CARRIER && date === '2026-11-25'
            ? {
                route: {
                  id: routeId,
                  planId: routeId,
                  date,
                  carrierId: CARRIER,
                  startDepotId: routeId,
                  stops: [
                    {
                      id: stopId,
                      routeId,
                      orderId: stopId,
                      kind: 'delivery' as const,
                      householdId: inD01,
                      sequence: 0,
                      eta: '2026-11-25T10:00:00+09:00',
                      serviceSeconds: 120,
                      status: 'planned' as const,
                      locked: false,
                      updatedAt: '2026-11-25T09:00:00+09:00',
                    },
                  ],
                  load: { boxes: 1, kg: 2, chilledBoxes: 0 },
                  distanceMeters: 100,
                  durationSeconds: 60,
                  geometry: [],
                },
              }
            : {},
        ),
      ),
      handle(getProgram, ({ programId }) => {
        if (programId !== PROGRAM) throw new RpcError('NOT_FOUND', 'no such program');
        return Promise.resolve({
          id: PROGRAM,
          name: '반찬 배달',
          kind: 'meal_box' as const,
          cadence: { kind: 'weekly' as const, weekday: 3 },
          itemTemplate: [{ category: 'side_dishes' as const, quantity: 1, unit: 'box' as const }],
          storageClass: 'chilled' as const,
          startsOn: '2026-11-01',
          districtCodes: [D01],
          organisationId: OFFICE,
          supplierOrganisationId: KITCHEN,
          active: true,
          createdAt: '2026-11-01T09:00:00+09:00',
        });
      }),
      handle(listEnrolments, () =>
        Promise.resolve({
          items: [
            {
              id: crypto.randomUUID(),
              householdId: inD01,
              programId: PROGRAM,
              consentId: crypto.randomUUID(),
              startsOn: '2026-11-01',
              status: 'active' as const,
              enrolledBy: OFFICE,
              createdAt: '2026-11-01T09:00:00+09:00',
            },
          ],
        }),
      ),
    ]);
    await fx.addUser('cw01@demo', [
      { role: 'caseworker', organisationId: OFFICE, districtCodes: [D01] },
    ]);
    await fx.addUser('cw09@demo', [
      { role: 'caseworker', organisationId: OFFICE, districtCodes: [D09] },
    ]);
    await fx.addUser('pm@demo', [
      { role: 'program_manager', organisationId: OFFICE, districtCodes: [] },
    ]);
    await fx.addUser('carrier@demo', [
      { role: 'carrier', organisationId: OFFICE, districtCodes: [], carrierId: CARRIER },
    ]);
    await fx.addUser('kitchen@demo', [
      { role: 'partner', organisationId: KITCHEN, districtCodes: [] },
    ]);
    await fx.addUser('other@demo', [
      { role: 'partner', organisationId: OTHER_KITCHEN, districtCodes: [] },
    ]);
    cw01 = await fx.signIn('cw01@demo');
    cw09 = await fx.signIn('cw09@demo');
    manager = await fx.signIn('pm@demo');
    carrier = await fx.signIn('carrier@demo');
    kitchen = await fx.signIn('kitchen@demo');
    otherKitchen = await fx.signIn('other@demo');
    feedKey = (
      await fx.gateway.createApiKey({
        organisationId: OFFICE,
        name: 'AI call feed',
        signalSource: 'ai_call',
      })
    ).key;
  });
  afterAll(async () => {
    await care.stop();
    await fx[Symbol.asyncDispose]();
  });

  const call = async <T>(
    path: string,
    who: SignedIn,
    input: unknown,
    mutation = false,
  ): Promise<{ status: number; data?: T }> => {
    const res = await fx.trpc(path, {
      cookie: who.cookie,
      input,
      mutation,
      ...(mutation ? { headers: { 'idempotency-key': crypto.randomUUID() } } : {}),
    });
    const body = (await res.json()) as TrpcBody<T>;
    return { status: res.status, ...(body.result ? { data: body.result.data } : {}) };
  };
  const postSignal = (body: unknown, headers: Record<string, string> = {}) =>
    fx.app.request('/api/v1/signals', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${feedKey}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });

  let alertId = '';

  it('should take a signal over REST with an API key and Idempotency-Key, once per key', async () => {
    const body = {
      household: inD01,
      source: 'ai_call',
      kind: 'help_requested',
      observedAt: NOW.toISOString(),
    };
    const first = await postSignal(body, { 'idempotency-key': 'feed-0001' });
    expect(first.status).toBe(201);
    const signal = (await first.json()) as { id: string; state: string; alertId: string };
    expect(signal.state).toBe('alerted');
    alertId = signal.alertId;
    const again = await postSignal(body, { 'idempotency-key': 'feed-0001' });
    expect(((await again.json()) as { id: string }).id).toBe(signal.id);

    expect((await postSignal(body)).status).toBe(400);
    expect(
      (
        await postSignal(body, {
          authorization: 'Bearer anbu_nope',
          'idempotency-key': 'feed-0002',
        })
      ).status,
    ).toBe(401);
    const bad = await postSignal({ ...body, kind: 'bored' }, { 'idempotency-key': 'feed-0003' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('body.kind');
    const unknown = await postSignal(
      { ...body, household: crypto.randomUUID() },
      { 'idempotency-key': 'feed-0004' },
    );
    expect(unknown.status).toBe(404);

    // The AI-call feed's key posts AI-call signals only; a key of no feed posts none.
    const foreign = await postSignal(
      { ...body, source: 'smart_plug', kind: 'no_power_change' },
      { 'idempotency-key': 'feed-0005' },
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({
      error: { code: 'FORBIDDEN', fieldErrors: [{ path: 'source' }] },
    });
    const partnerKey = (
      await fx.gateway.createApiKey({ organisationId: OFFICE, name: 'Partner ERP' })
    ).key;
    const noFeed = await postSignal(body, {
      authorization: `Bearer ${partnerKey}`,
      'idempotency-key': 'feed-0006',
    });
    expect(noFeed.status).toBe(403);
    expect(JSON.stringify(await noFeed.json())).toContain('"path":"source"');

    // A partner issues its smart-plug feed's key through tRPC: it posts smart-plug signals.
    const issued = await call<{ key: string; signalSource?: string }>(
      'apiKeys.create',
      kitchen,
      { name: 'Smart plugs', signalSource: 'smart_plug' },
      true,
    );
    expect(issued.data?.signalSource).toBe('smart_plug');
    const plug = await postSignal(
      { ...body, source: 'smart_plug', kind: 'ok' },
      { authorization: `Bearer ${issued.data?.key ?? ''}`, 'idempotency-key': 'feed-0007' },
    );
    expect(plug.status).toBe(201);

    const doc = (await (await fx.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters: { name: string }[] }>>;
    };
    expect(doc.paths['/signals']?.['post']?.parameters.map((p) => p.name)).toContain(
      'Idempotency-Key',
    );
  });

  it("should put the alert in its district caseworker's inbox only, and let them work it", async () => {
    const inbox = await call<{ items: { id: string }[] }>('care.alerts', cw01, {});
    expect(inbox.data?.items.map((a) => a.id)).toContain(alertId);
    const other = await call<{ items: { id: string }[] }>('care.alerts', cw09, {});
    expect(other.data?.items.map((a) => a.id)).not.toContain(alertId);
    expect((await call('care.alert', cw09, { alertId })).status).toBe(403);
    expect((await call('care.acknowledgeAlert', cw09, { alertId }, true)).status).toBe(403);
    expect((await call('care.alerts', carrier, {})).status).toBe(403);

    const notes = await call<{ items: { alertId: string }[] }>('care.notifications', cw01, {
      alertId,
    });
    expect(notes.data?.items.map((n) => n.alertId)).toEqual([alertId]);
    expect(
      (await call<{ items: unknown[] }>('care.notifications', cw09, { alertId })).data?.items,
    ).toEqual([]);

    const acked = await call<{ status: string }>('care.acknowledgeAlert', cw01, { alertId }, true);
    expect(acked.data?.status).toBe('acknowledged');
    const resolved = await call<{ status: string; followUpRequestId: string }>(
      'care.resolveAlert',
      cw01,
      {
        alertId,
        resolution: 'visited',
        followUp: { category: 'heating', quantity: 1, unit: 'piece', deadline: '2026-12-01' },
      },
      true,
    );
    expect(resolved.data?.status).toBe('resolved');
    expect(resolved.data?.followUpRequestId).toBeDefined();
    const pm = await call<{ items: { id: string }[] }>('care.alerts', manager, {
      statuses: ['resolved'],
    });
    expect(pm.data?.items.map((a) => a.id)).toContain(alertId);
  });

  it('should show the timeline to the district caseworker with an audit row, and not to others', async () => {
    const before = await fx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'care.timeline')
      .execute();
    const timeline = await call<{ items: { kind: string }[] }>('care.timeline', cw01, {
      householdId: inD01,
    });
    expect(timeline.data?.items.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['signal', 'alert', 'observation']),
    );
    const after = await fx.db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'care.timeline')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect((await call('care.timeline', cw09, { householdId: inD01 })).status).toBe(403);
    expect((await call('care.timeline', kitchen, { householdId: inD01 })).status).toBe(403);
  });

  it("should take a carrier's visit report and give its meal feedback to the program's kitchen only", async () => {
    const report = await call<{ report: { householdId: string } }>(
      'care.reportVisit',
      carrier,
      {
        stopId,
        visitedAt: NOW.toISOString(),
        checklist: {
          seenInPerson: true,
          mealsSkipped: false,
          illnessOrInjury: false,
          untouchedEarlierDeliveries: false,
          homeConditions: 'normal',
          mood: 'good',
          askedForHelp: false,
        },
        mealFeedback: { liked: true, portion: 'too_much', avoid: ['고추'] },
      },
      true,
    );
    expect(report.data?.report.householdId).toBe(inD01);
    expect(
      (
        await call(
          'care.reportVisit',
          carrier,
          { stopId: crypto.randomUUID(), visitedAt: NOW.toISOString(), checklist: {} },
          true,
        )
      ).status,
    ).toBe(400);

    const range = { from: '2026-11-25', to: '2026-11-25', programId: PROGRAM };
    const mine = await call<{ items: { feedback: { avoid: string[] } }[] }>(
      'care.mealFeedback',
      kitchen,
      range,
    );
    expect(mine.data?.items.map((f) => f.feedback.avoid)).toEqual([['고추']]);
    expect((await call('care.mealFeedback', otherKitchen, range)).status).toBe(404);
    expect(
      (await call('care.mealFeedback', kitchen, { from: '2026-11-25', to: '2026-11-25' })).status,
    ).toBe(400);
    expect((await call('care.mealFeedback', carrier, range)).status).toBe(403);
  });
});
