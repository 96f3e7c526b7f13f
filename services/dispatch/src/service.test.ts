import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RpcRemoteError } from '@anbu/bus';
import {
  cancelShift,
  createCarrier,
  createShifts,
  createVehicle,
  importDispatchBulk,
  listCarriers,
  listShifts,
  updateCarrier,
} from '@anbu/contracts/rpc';

import type { DispatchHarness } from './testing/harness.js';
import { carrierInput, dispatcher, FIXTURE, partner, startDispatch } from './testing/harness.js';

async function remoteError(promise: Promise<unknown>): Promise<RpcRemoteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcRemoteError))
    throw new Error(`expected an RpcRemoteError, got ${String(error)}`);
  return error;
}

describe('dispatch service', () => {
  let h: DispatchHarness;
  beforeAll(async () => {
    h = await startDispatch();
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  it('should create a vehicle and a carrier using it, and list carriers by depot', async () => {
    const vehicle = await h.bus.request(
      createVehicle,
      {
        name: '우편 이륜차 #01',
        kind: 'motorbike',
        capacity: { boxes: 12, kg: 40 },
        depotId: FIXTURE.depotId,
        speedKmh: 30,
      },
      { actor: dispatcher },
    );
    const carrier = await h.bus.request(createCarrier, carrierInput({ vehicleId: vehicle.id }), {
      actor: dispatcher,
    });
    expect(carrier).toMatchObject({
      organisationId: FIXTURE.postOfficeId,
      vehicleId: vehicle.id,
      active: true,
    });
    const list = await h.bus.request(
      listCarriers,
      { depotId: FIXTURE.depotId },
      { actor: dispatcher },
    );
    expect(list.items.map((c) => c.id)).toContain(carrier.id);
    const changed = await h.bus.request(
      updateCarrier,
      { carrierId: carrier.id, changes: { active: false } },
      { actor: dispatcher },
    );
    expect(changed.active).toBe(false);
  });

  it('should refuse a malformed carrier naming the field, storing nothing', async () => {
    const before = (await h.db.selectFrom('carriers').select('id').execute()).length;
    const error = await remoteError(
      h.bus.request(
        createCarrier,
        carrierInput({ kind: 'hovercraft', capacity: { boxes: -1, kg: 1 } }),
        { actor: dispatcher },
      ),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['kind', 'capacity.boxes']),
    );
    expect((await h.db.selectFrom('carriers').select('id').execute()).length).toBe(before);
  });

  it('should keep partners out and a carrier to its own record', async () => {
    expect((await remoteError(h.bus.request(listCarriers, {}, { actor: partner }))).code).toBe(
      'FORBIDDEN',
    );
    const mine = await h.bus.request(createCarrier, carrierInput(), { actor: dispatcher });
    await h.bus.request(createCarrier, carrierInput({ name: '이배달' }), { actor: dispatcher });
    const asCarrier = { ...dispatcher, role: 'carrier' as const, carrierId: mine.id };
    const seen = await h.bus.request(listCarriers, {}, { actor: asCarrier });
    expect(seen.items.map((c) => c.id)).toEqual([mine.id]);
  });

  it('should roster shifts, refuse a bad one naming it, and cancel', async () => {
    const carrier = await h.bus.request(createCarrier, carrierInput(), { actor: dispatcher });
    const shift = {
      carrierId: carrier.id,
      date: '2026-12-01',
      window: { start: '2026-12-01T09:00:00+09:00', end: '2026-12-01T17:00:00+09:00' },
      startDepotId: FIXTURE.depotId,
    };
    const refused = await remoteError(
      h.bus.request(
        createShifts,
        { shifts: [shift, { ...shift, carrierId: '99999999-9999-4999-8999-999999999999' }] },
        { actor: dispatcher },
      ),
    );
    expect(refused.issues.map((i) => i.path)).toEqual(['shifts.1.carrierId']);
    const { shifts } = await h.bus.request(
      createShifts,
      { shifts: [shift] },
      { actor: dispatcher },
    );
    const day = await h.bus.request(
      listShifts,
      { date: '2026-12-01', carrierId: carrier.id },
      { actor: dispatcher },
    );
    expect(day.items.map((s) => s.id)).toEqual(shifts.map((s) => s.id));
    const cancelled = await h.bus.request(
      cancelShift,
      { shiftId: shifts[0]?.id ?? '' },
      { actor: dispatcher },
    );
    expect(cancelled.cancelled).toBe(true);
  });

  it('should import a fleet idempotently', async () => {
    const vehicle = {
      id: '55555555-5555-4555-8555-555555555555',
      organisationId: FIXTURE.postOfficeId,
      name: '냉장 탑차 #01',
      kind: 'van' as const,
      capacity: { boxes: 80, kg: 600, chilledBoxes: 40 },
      depotId: FIXTURE.depotId,
      refrigerated: true,
      active: true,
    };
    const carrier = {
      ...carrierInput({ kind: 'van', vehicleId: vehicle.id }),
      id: '66666666-6666-4666-8666-666666666666',
      organisationId: FIXTURE.postOfficeId,
      active: true,
    };
    const first = await h.bus.request(
      importDispatchBulk,
      { vehicles: [vehicle], carriers: [carrier] },
      { actor: { kind: 'system', id: 'system', districtCodes: [] } },
    );
    expect(first.created).toMatchObject({ vehicles: 1, carriers: 1 });
    const second = await h.bus.request(
      importDispatchBulk,
      { vehicles: [vehicle], carriers: [carrier] },
      { actor: { kind: 'system', id: 'system', districtCodes: [] } },
    );
    expect(second.existing).toMatchObject({ vehicles: 1, carriers: 1 });
  });
});
