import type { RpcRoute } from '@anbu/bus';
import type { Actor, Role } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { householdTimeline, listMealFeedback, listNotifications } from '@anbu/contracts/rpc';

import type { CareDeps } from '../deps.js';
import { UNKNOWN_DISTRICT } from '../alerting/district.js';
import { canReadAlert } from '../domain/alert.js';
import { districtOf } from '../repo/households.js';
import { listMealFeedbackRows } from '../repo/meal-feedback.js';
import { listNotificationRows } from '../repo/notifications.js';
import { householdTimelinePage } from '../repo/timeline.js';

/** Roles that read every district's notifications addressed to them. */
const WHOLE_CITY: readonly Role[] = ['program_manager', 'admin'];

/**
 * Reads: a household's welfare timeline (caseworkers of its district, managers, auditors),
 * meal-box feedback for the kitchens' program view, and the caller's notifications.
 */
export function readRoutes(deps: Pick<CareDeps, 'db'>): RpcRoute[] {
  const { db } = deps;
  return [
    handle(householdTimeline, async (input, { actor }) => {
      const district = (await districtOf(db, input.householdId)) ?? UNKNOWN_DISTRICT;
      if (!canReadAlert(actor, district)) {
        // The same answer as for a household care has never heard of.
        throw new RpcError('NOT_FOUND', `household ${input.householdId} not found`, {
          issues: [{ path: 'householdId', message: 'not found' }],
        });
      }
      return householdTimelinePage(db, input);
    }),

    handle(listMealFeedback, async (input, { actor }) => {
      return listMealFeedbackRows(db, { ...input, ...feedbackScope(actor, input.householdIds) });
    }),

    handle(listNotifications, async (input, { actor }) => {
      const role = actor.role;
      if (actor.kind !== 'user' || !role)
        throw new RpcError('FORBIDDEN', 'notifications are for people');
      if (role === 'caseworker') {
        return listNotificationRows(db, {
          ...input,
          role,
          userId: actor.id,
          districtCodes: actor.districtCodes,
        });
      }
      if (WHOLE_CITY.includes(role))
        return listNotificationRows(db, { ...input, role, userId: actor.id });
      throw new RpcError('FORBIDDEN', `role ${role} receives no notifications`);
    }),
  ];
}

/**
 * Whose feedback the actor reads: managers and services all; caseworkers their districts'
 * households; a partner (a kitchen) only the households it names, which the gateway has
 * checked against the kitchen's own programs.
 */
function feedbackScope(
  actor: Actor,
  householdIds: readonly string[] | undefined,
): { districtCodes?: readonly string[] } {
  if (actor.kind === 'service' || actor.kind === 'system') return {};
  switch (actor.role) {
    case 'admin':
    case 'program_manager':
    case 'auditor':
      return {};
    case 'caseworker':
      return { districtCodes: actor.districtCodes };
    case 'partner':
      if (householdIds) return {};
      throw new RpcError('FORBIDDEN', 'name the households of your program', {
        issues: [{ path: 'householdIds', message: 'required' }],
      });
    case 'dispatcher':
    case 'carrier':
    case undefined:
      throw new RpcError('FORBIDDEN', `role ${actor.role ?? 'none'} does not read meal feedback`);
  }
}
