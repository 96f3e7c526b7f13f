import type { RpcRoute } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import {
  cancelShift,
  createCarrier,
  createShifts,
  createVehicle,
  importDispatchBulk,
  listCarriers,
  listShifts,
  listVehicles,
  updateCarrier,
  updateVehicle,
} from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';
import { idFor } from '@anbu/service-kit';

import type { DispatchDeps } from './deps.js';
import { canManageFleet, fleetReadScope } from '../domain/access.js';
import { checkShifts } from '../domain/shift.js';
import {
  findCarrier,
  findCarriers,
  insertCarrier,
  listCarrierRows,
  replaceCarrier,
} from '../repo/carriers.js';
import { insertOrder } from '../repo/orders.js';
import { findShift, insertShift, listShiftRows, markShiftCancelled } from '../repo/shifts.js';
import { findVehicle, insertVehicle, listVehicleRows, replaceVehicle } from '../repo/vehicles.js';

function requireFleetManager(actor: Actor): void {
  if (!canManageFleet(actor))
    throw new RpcError('FORBIDDEN', `role ${actor.role ?? actor.kind} may not change the fleet`);
}

function requireOrganisation(actor: Actor): string {
  if (actor.organisationId === undefined) {
    throw new RpcError('PRECONDITION_FAILED', 'the caller acts for no organisation', {
      issues: [{ path: '(actor).organisationId', message: 'required to create records' }],
    });
  }
  return actor.organisationId;
}

const notFound = (field: string, id: string) =>
  new RpcError('NOT_FOUND', `${field} ${id} not found`, {
    issues: [{ path: field, message: 'not found' }],
  });

/** Carriers, vehicles and shifts. */
export function fleetRoutes(deps: DispatchDeps): RpcRoute[] {
  const { db } = deps;

  const readScope = (actor: Actor) => {
    const scope = fleetReadScope(actor);
    if (scope.kind === 'none')
      throw new RpcError('FORBIDDEN', 'the fleet is for dispatch staff and carriers');
    return scope;
  };

  return [
    handle(createCarrier, async (input, { actor, idempotencyKey }) => {
      requireFleetManager(actor);
      const organisationId = requireOrganisation(actor);
      if (input.vehicleId && !(await findVehicle(db, input.vehicleId)))
        throw notFound('vehicleId', input.vehicleId);
      const id = idFor({ actor, idempotencyKey }, 'carrier.create');
      await insertCarrier(db, { ...input, id, organisationId, active: true });
      const carrier = await findCarrier(db, id);
      if (!carrier) throw new RpcError('INTERNAL', 'carrier vanished after insert');
      return carrier;
    }),

    handle(updateCarrier, async (input, { actor }) => {
      requireFleetManager(actor);
      return transaction(db, async (trx) => {
        const carrier = await findCarrier(trx, input.carrierId);
        if (!carrier) throw notFound('carrierId', input.carrierId);
        if (input.changes.vehicleId && !(await findVehicle(trx, input.changes.vehicleId))) {
          throw notFound('changes.vehicleId', input.changes.vehicleId);
        }
        const next = {
          ...carrier,
          ...Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined)),
        };
        await replaceCarrier(trx, next);
        return next;
      });
    }),

    handle(listCarriers, async (input, { actor }) => {
      const scope = readScope(actor);
      return listCarrierRows(db, {
        depotId: input.depotId,
        active: input.active,
        carrierId: scope.kind === 'carrier' ? scope.carrierId : undefined,
        cursor: input.cursor,
        limit: input.limit,
      });
    }),

    handle(createVehicle, async (input, { actor, idempotencyKey }) => {
      requireFleetManager(actor);
      const organisationId = requireOrganisation(actor);
      const id = idFor({ actor, idempotencyKey }, 'vehicle.create');
      await insertVehicle(db, { ...input, id, organisationId, active: true });
      const vehicle = await findVehicle(db, id);
      if (!vehicle) throw new RpcError('INTERNAL', 'vehicle vanished after insert');
      return vehicle;
    }),

    handle(updateVehicle, async (input, { actor }) => {
      requireFleetManager(actor);
      const vehicle = await findVehicle(db, input.vehicleId);
      if (!vehicle) throw notFound('vehicleId', input.vehicleId);
      const changes = Object.fromEntries(
        Object.entries(input.changes).filter(([, v]) => v !== undefined),
      );
      const next = { ...vehicle, ...changes };
      await replaceVehicle(db, next);
      return next;
    }),

    handle(listVehicles, async (input, { actor }) => {
      readScope(actor);
      return listVehicleRows(db, {
        depotId: input.depotId,
        active: input.active,
        cursor: input.cursor,
        limit: input.limit,
      });
    }),

    handle(createShifts, async (input, { actor, idempotencyKey }) => {
      requireFleetManager(actor);
      const carriers = await findCarriers(db, [...new Set(input.shifts.map((s) => s.carrierId))]);
      const refusals = checkShifts({
        shifts: input.shifts,
        carriers: new Map(carriers.map((c) => [c.id, c])),
      });
      if (refusals.length > 0) {
        throw new RpcError(
          'BAD_REQUEST',
          `invalid roster: ${refusals.map((r) => r.field).join(', ')}`,
          {
            issues: refusals.map((r) => ({ path: r.field, message: r.message })),
          },
        );
      }
      const shifts = input.shifts.map((shift, i) => ({
        ...shift,
        id: idFor(
          { actor, idempotencyKey: idempotencyKey && `${idempotencyKey}:${i}` },
          'shift.create',
        ),
        cancelled: false,
      }));
      await transaction(db, async (trx) => {
        for (const shift of shifts) await insertShift(trx, shift);
      });
      const stored = await Promise.all(shifts.map((shift) => findShift(db, shift.id)));
      return { shifts: stored.filter((shift) => shift !== undefined) };
    }),

    handle(cancelShift, async (input, { actor }) => {
      requireFleetManager(actor);
      const shift = await markShiftCancelled(db, input.shiftId);
      if (!shift) throw notFound('shiftId', input.shiftId);
      return shift;
    }),

    handle(listShifts, async (input, { actor }) => {
      const scope = readScope(actor);
      if (
        scope.kind === 'carrier' &&
        input.carrierId !== undefined &&
        input.carrierId !== scope.carrierId
      ) {
        throw new RpcError('FORBIDDEN', "another carrier's shifts are not yours to read", {
          issues: [{ path: 'carrierId', message: 'not your carrier record' }],
        });
      }
      return listShiftRows(db, {
        date: input.date,
        carrierId: scope.kind === 'carrier' ? scope.carrierId : input.carrierId,
        cursor: input.cursor,
        limit: input.limit,
      });
    }),

    handle(importDispatchBulk, async (input, { actor }) => {
      if (actor.kind === 'user' && actor.role !== 'admin')
        throw new RpcError('FORBIDDEN', 'only admins (or the system) import');
      const created = { vehicles: 0, carriers: 0, shifts: 0, orders: 0 };
      const existing = { vehicles: 0, carriers: 0, shifts: 0, orders: 0 };
      const tally = (kind: keyof typeof created, isNew: boolean) => {
        if (isNew) created[kind]++;
        else existing[kind]++;
      };
      await transaction(db, async (trx) => {
        // Vehicles first: carriers reference their usual vehicle.
        for (const vehicle of input.vehicles) tally('vehicles', await insertVehicle(trx, vehicle));
        for (const carrier of input.carriers) tally('carriers', await insertCarrier(trx, carrier));
        for (const shift of input.shifts) tally('shifts', await insertShift(trx, shift));
        for (const order of input.orders) tally('orders', await insertOrder(trx, order));
      });
      return { created, existing };
    }),
  ];
}
