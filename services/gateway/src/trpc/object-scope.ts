import { TRPCError } from '@trpc/server';

import type { Scope, ScopedObject } from './scope.js';
import { inScope } from './scope.js';

/**
 * The one answer (403) a scoped caller gets for an object outside their scope and for an id
 * that does not exist, so that a denial does not reveal whether the object exists.
 */
export const OUT_OF_SCOPE_MESSAGE = 'not allowed: no such object in your scope';

/** The error of {@link OUT_OF_SCOPE_MESSAGE}: FORBIDDEN, with no field issues or cause. */
export function outOfScope(): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message: OUT_OF_SCOPE_MESSAGE });
}

/**
 * Whether `scope` narrows the caller to some objects (partner: an organisation; caseworker:
 * districts; carrier: today's stops). Callers who see every object (`all`) get 404 for a
 * missing id, as there is nothing to hide from them.
 */
export function isNarrowed(scope: Scope): boolean {
  return scope.kind !== 'all' && scope.kind !== 'self';
}

/**
 * Runs `call`, an RPC on an object the service checks against the caller itself (it answers
 * NOT_FOUND for another scope's object as for a missing one). For a narrowed scope, that
 * NOT_FOUND becomes {@link outOfScope}; for staff who see everything it stays a 404.
 * @example
 * const need = await denyOutOfScope(ctx.scope, () => callService(ctx, cancelNeed, input));
 */
export async function denyOutOfScope<T>(scope: Scope, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isNarrowed(scope) && error instanceof TRPCError && error.code === 'NOT_FOUND') {
      throw outOfScope();
    }
    throw error;
  }
}

/**
 * Throws {@link outOfScope} when `object` lies outside a narrowed `scope` (for staff who see
 * everything every object is in scope).
 */
export function assertObjectInScope(scope: Scope, object: ScopedObject): void {
  if (!inScope(scope, object)) throw outOfScope();
}

/**
 * Loads an object through `load` and checks it against the caller's scope: another scope's
 * object and a missing id both answer {@link outOfScope} for a scoped caller; a missing id is a
 * 404 for staff who see everything.
 * @example
 * const donation = await loadInScope(ctx.scope, () => callService(ctx, getDonation, input),
 *   (d) => ({ organisationId: d.organisationId }));
 */
export async function loadInScope<T>(
  scope: Scope,
  load: () => Promise<T>,
  attributes: (object: T) => ScopedObject,
): Promise<T> {
  const object = await denyOutOfScope(scope, load);
  assertObjectInScope(scope, attributes(object));
  return object;
}
