import type { Kysely } from 'kysely';

import type { Bus, RpcRoute } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { handle, RpcError } from '@anbu/bus';
import { listAllocationRuns, listAllocations } from '@anbu/contracts/rpc';

import type { MatchingDatabase } from './repo/schema.js';
import { listAllocationRows, listRunRows } from './repo/allocations.js';

/** Allocations are read by staff; partners follow their goods through donations instead. */
function requireStaff(actor: Actor): void {
  if (actor.kind === 'system' || actor.kind === 'service') return;
  const staff = ['admin', 'program_manager', 'dispatcher', 'caseworker', 'auditor'];
  if (actor.role === undefined || !staff.includes(actor.role)) {
    throw new RpcError('FORBIDDEN', `role ${actor.role ?? actor.kind} may not read allocations`);
  }
}

/**
 * The matching service's RPCs for now: reading allocations and runs. `allocation.run` and
 * `allocation.explain` come with the allocation package (the supply issue).
 */
export function createRpc(deps: {
  db: Kysely<MatchingDatabase>;
  bus: Bus;
  log: Logger;
  now: () => Date;
  wake: () => void;
}): RpcRoute[] {
  const { db } = deps;
  return [
    handle(listAllocations, async (input, { actor }) => {
      requireStaff(actor);
      return listAllocationRows(db, input);
    }),
    handle(listAllocationRuns, async (input, { actor }) => {
      requireStaff(actor);
      return listRunRows(db, input);
    }),
  ];
}
