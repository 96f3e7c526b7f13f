import { TRPCError } from '@trpc/server';

import type { Session } from '../auth/sessions.js';
import { FieldIssuesError, NOT_FOUND_MESSAGE } from './errors.js';

/** How a procedure's objects are narrowed to the caller (declared per role in access.ts). */
export const SCOPE_KINDS = ['self', 'all', 'organisation', 'districts', 'carrier_today'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** A scope kind resolved against the caller's session: the values objects are checked against. */
export type Scope =
  | { readonly kind: 'self'; readonly userId: string }
  | { readonly kind: 'all' }
  | { readonly kind: 'organisation'; readonly organisationId: string }
  | { readonly kind: 'districts'; readonly districtCodes: readonly string[] }
  /** A carrier's own stops of today (Asia/Seoul). */
  | { readonly kind: 'carrier_today'; readonly carrierId: string; readonly day: string };

/** The attributes of an object that scopes are checked against; absent means "not in scope". */
export interface ScopedObject {
  readonly userId?: string | undefined;
  readonly organisationId?: string | undefined;
  readonly districtCode?: string | undefined;
  readonly carrierId?: string | undefined;
  /** The Asia/Seoul day the object belongs to (a stop's route day). */
  readonly day?: string | undefined;
}

const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The Asia/Seoul calendar day of `instant` (`YYYY-MM-DD`); Korea has no daylight saving time. */
export function seoulDay(instant: Date): string {
  return new Date(instant.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** Resolves `kind` for the session's active membership; a carrier without a carrier record is refused. */
export function resolveScope(kind: ScopeKind, options: { session: Session; now: Date }): Scope {
  const { session, now } = options;
  switch (kind) {
    case 'self':
      return { kind, userId: session.userId };
    case 'all':
      return { kind };
    case 'organisation':
      return { kind, organisationId: session.active.organisationId };
    case 'districts':
      return { kind, districtCodes: session.active.districtCodes };
    case 'carrier_today': {
      const carrierId = session.active.carrierId;
      if (!carrierId) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'no carrier record is linked to you' });
      }
      return { kind, carrierId, day: seoulDay(now) };
    }
  }
}

/** Whether `object` lies inside `scope`. Deny by default: a missing attribute is outside. */
export function inScope(scope: Scope, object: ScopedObject): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'self':
      return object.userId === scope.userId;
    case 'organisation':
      return object.organisationId === scope.organisationId;
    case 'districts':
      return object.districtCode !== undefined && scope.districtCodes.includes(object.districtCode);
    case 'carrier_today':
      return object.carrierId === scope.carrierId && object.day === scope.day;
  }
}

/**
 * Throws NOT_FOUND when `object` is outside `scope`: the same answer as for an id that does not
 * exist, so a denial does not reveal that the object exists.
 */
export function assertInScope(scope: Scope, object: ScopedObject): void {
  if (!inScope(scope, object))
    throw new TRPCError({ code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE });
}

/**
 * The districts a list query may cover: what was asked, narrowed to the caller's districts
 * (all of them when nothing was asked). With scope `all`, the request must name districts.
 */
export function narrowDistricts(scope: Scope, requested: readonly string[] | undefined): string[] {
  switch (scope.kind) {
    case 'districts':
      return requested
        ? requested.filter((code) => scope.districtCodes.includes(code))
        : [...scope.districtCodes];
    case 'all':
      if (!requested || requested.length === 0) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'name the districts to list',
          cause: new FieldIssuesError('name the districts to list', [
            { path: 'districtCodes', message: 'required' },
          ]),
        });
      }
      return [...requested];
    case 'self':
    case 'organisation':
    case 'carrier_today':
      throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed' });
  }
}
