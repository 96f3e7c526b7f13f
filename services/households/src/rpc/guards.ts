import type { Actor } from '@anbu/contracts';
import { RpcError } from '@anbu/bus';

import { canManageHouseholds, canSeeDistrict } from '../domain/access.js';

/** Throws FORBIDDEN unless the actor may change households. */
export function requireManager(actor: Actor): void {
  if (!canManageHouseholds(actor)) {
    throw new RpcError('FORBIDDEN', `role ${actor.role ?? actor.kind} may not change households`);
  }
}

/** Throws FORBIDDEN unless the actor may see households of the district. */
export function requireDistrict(actor: Actor, districtCode: string): void {
  if (!canSeeDistrict(actor, districtCode)) {
    throw new RpcError('FORBIDDEN', `district ${districtCode} is outside the caller's districts`);
  }
}

/**
 * Throws NOT_FOUND (naming `field`) unless the actor may see a record of `districtCode`: a
 * record of another district answers like a missing one, so a refusal does not reveal that it
 * exists. Creating in another district is {@link requireDistrict}'s FORBIDDEN instead.
 */
export function requireVisible(
  actor: Actor,
  record: { districtCode: string; field: string; id: string },
): void {
  if (!canSeeDistrict(actor, record.districtCode)) throw notFound(record.field, record.id);
}

/** The organisation the actor acts for; required to own what it creates. */
export function requireOrganisation(actor: Actor): string {
  if (actor.organisationId === undefined) {
    throw new RpcError('PRECONDITION_FAILED', 'the caller acts for no organisation', {
      issues: [{ path: '(actor).organisationId', message: 'required to create records' }],
    });
  }
  return actor.organisationId;
}

/** A NOT_FOUND error that names the input field holding the unknown id. */
export function notFound(field: string, id: string): RpcError {
  return new RpcError('NOT_FOUND', `${field} ${id} not found`, {
    issues: [{ path: field, message: 'not found' }],
  });
}

/**
 * Throws PRECONDITION_FAILED for a domain refusal (a consent gate), naming its field with
 * `prefix` (`changes.` for an update's fields); does nothing without one.
 */
export function refuse(
  refusal: { readonly field: string; readonly message: string } | undefined,
  prefix = '',
): void {
  if (!refusal) return;
  const path = `${prefix}${refusal.field}`;
  throw new RpcError('PRECONDITION_FAILED', `${path}: ${refusal.message}`, {
    issues: [{ path, message: refusal.message }],
  });
}
