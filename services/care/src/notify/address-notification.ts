import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Notification } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { listDistrictStaff } from '@anbu/contracts/rpc';

import type { CareDatabase } from '../repo/schema.js';
import { CARE_ACTOR, UNKNOWN_DISTRICT } from '../alerting/district.js';
import { addressToUsers } from '../repo/notifications.js';

/** How long care waits for the households service to name a district's staff (ms). */
export const STAFF_LOOKUP_TIMEOUT_MS = 3_000;

/**
 * The notifications to send for one claimed notification. One addressed to a role of a
 * district (the caseworkers of a 읍면동) becomes one per named person holding that role there,
 * asked of the households service, so that each caseworker gets the message on their own
 * channel; the copies are stored before anything is sent, so a retry re-sends to each person
 * at most their own copy. When households names no one or cannot be asked, the role-addressed
 * notification is sent as it is (the district's shared channel), so an alert is never dropped.
 */
export async function addressNotification(
  deps: { db: Kysely<CareDatabase>; bus: Bus; log: Logger },
  options: { notification: Notification; leaseUntil: Date },
): Promise<Notification[]> {
  const { notification } = options;
  const { recipientUserId, recipientRole, districtCode } = notification;
  if (recipientUserId || !recipientRole || !districtCode || districtCode === UNKNOWN_DISTRICT)
    return [notification];
  let userIds: string[];
  try {
    const { members } = await deps.bus.request(
      listDistrictStaff,
      { districtCode, roles: [recipientRole] },
      { actor: CARE_ACTOR, timeoutMs: STAFF_LOOKUP_TIMEOUT_MS },
    );
    userIds = [...new Set(members.map((m) => m.userId))];
  } catch (error) {
    deps.log.warn(
      { err: error, notificationId: notification.id, districtCode },
      'staff of the district could not be asked: sending to the role',
    );
    return [notification];
  }
  if (userIds.length === 0) {
    deps.log.warn(
      { notificationId: notification.id, districtCode, role: recipientRole },
      'nobody holds the role in the district: sending to the role',
    );
    return [notification];
  }
  return addressToUsers(deps.db, { notification, userIds, leaseUntil: options.leaseUntil });
}
