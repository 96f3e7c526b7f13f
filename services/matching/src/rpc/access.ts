import type { Actor, Role } from '@anbu/contracts';
import { RpcError } from '@anbu/bus';

const RUNNERS: readonly Role[] = ['admin', 'program_manager', 'dispatcher'];
const READERS: readonly Role[] = ['admin', 'program_manager', 'dispatcher', 'auditor'];

const isMachine = (actor: Actor) => actor.kind === 'system' || actor.kind === 'service';
const has = (actor: Actor, roles: readonly Role[]) =>
  actor.role !== undefined && roles.includes(actor.role);
const who = (actor: Actor) => actor.role ?? actor.kind;

/** Runs allocation: program managers and dispatchers (and the system's timers). */
export function requireRunner(actor: Actor): void {
  if (isMachine(actor) || has(actor, RUNNERS)) return;
  throw new RpcError('FORBIDDEN', `role ${who(actor)} may not run allocation`);
}

/**
 * Reads allocations and runs across districts. Caseworkers are left out: lists carry household
 * ids of every district; they read one need's explanation instead ({@link requireExplainer}).
 */
export function requireReader(actor: Actor): void {
  if (isMachine(actor) || has(actor, READERS)) return;
  throw new RpcError('FORBIDDEN', `role ${who(actor)} may not read allocations`);
}

/** Reads why a need got what it got: readers, and caseworkers of the need's district. */
export function requireExplainer(actor: Actor, districtCode: string): void {
  if (isMachine(actor) || has(actor, READERS)) return;
  if (actor.role === 'caseworker' && actor.districtCodes.includes(districtCode)) return;
  throw new RpcError('FORBIDDEN', `role ${who(actor)} may not read this need's allocation`);
}

/** Sets or reads a kitchen's capacity: managers for any kitchen, a partner for its own. */
export function requireKitchen(actor: Actor, kitchenOrganisationIds: readonly string[]): void {
  if (isMachine(actor) || has(actor, ['admin', 'program_manager'])) return;
  if (
    actor.role === 'partner' &&
    kitchenOrganisationIds.every((id) => id === actor.organisationId)
  ) {
    return;
  }
  throw new RpcError('FORBIDDEN', `role ${who(actor)} may not manage this kitchen's capacity`);
}
