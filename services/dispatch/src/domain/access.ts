import type { Actor } from '@anbu/contracts';

/** Whether the actor may change the fleet (carriers, vehicles, shifts). */
export function canManageFleet(actor: Actor): boolean {
  if (actor.kind === 'system' || actor.kind === 'service') return true;
  return actor.role === 'admin' || actor.role === 'dispatcher';
}

/**
 * What of the fleet the actor may read: all of it (staff), only its own carrier record
 * (a carrier), or nothing (partners and callers without a role).
 */
export function fleetReadScope(
  actor: Actor,
): { kind: 'all' } | { kind: 'carrier'; carrierId: string } | { kind: 'none' } {
  if (canManageFleet(actor) || actor.role === 'program_manager' || actor.role === 'auditor')
    return { kind: 'all' };
  if (actor.role === 'carrier' && actor.carrierId !== undefined)
    return { kind: 'carrier', carrierId: actor.carrierId };
  return { kind: 'none' };
}
