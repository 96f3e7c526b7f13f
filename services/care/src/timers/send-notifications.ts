import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { NotificationChannel } from '@anbu/contracts';
import type { Logger } from '@anbu/db';

import type { Notifier } from '../notify/notifier.js';
import type { CareDatabase } from '../repo/schema.js';
import type { SweepStep } from './sweeper.js';
import { retryDelayMs } from '../domain/backoff.js';
import { addressNotification } from '../notify/address-notification.js';
import { claimDueNotifications, recordSend } from '../repo/notifications.js';

/** How long a claimed notification stays with the replica sending it (ms). */
export const SEND_LEASE_MS = 60_000;

/**
 * Sends due notifications through their channel's adapter, outside any transaction; a failed
 * send is tried again after a doubling backoff, until its attempts are spent (then `failed`).
 * A notification for a role of a district is first addressed to the people holding it there
 * ({@link addressNotification}): each caseworker is sent their own.
 */
export function sendNotificationsStep(deps: {
  db: Kysely<CareDatabase>;
  bus: Bus;
  log: Logger;
  notifiers: readonly Notifier[];
  batch: number;
  backoff?: { baseMs?: number; maxMs?: number; maxAttempts?: number };
}): SweepStep {
  const byChannel = new Map<NotificationChannel, Notifier>(
    deps.notifiers.map((n) => [n.channel, n]),
  );
  return {
    name: 'send-notifications',
    async run(now) {
      const claimed = await claimDueNotifications(deps.db, {
        now,
        limit: deps.batch,
        leaseMs: SEND_LEASE_MS,
      });
      const leaseUntil = new Date(now.getTime() + SEND_LEASE_MS);
      const due = [];
      for (const notification of claimed)
        due.push(...(await addressNotification(deps, { notification, leaseUntil })));
      for (const notification of due) {
        const notifier = byChannel.get(notification.channel);
        if (!notifier) {
          await recordSend(deps.db, {
            id: notification.id,
            outcome: 'failed',
            error: `no adapter for channel ${notification.channel}`,
          });
          continue;
        }
        try {
          await notifier.send({
            id: notification.id,
            channel: notification.channel,
            template: notification.template,
            subject: notification.subject,
            alertId: notification.alertId,
            recipientUserId: notification.recipientUserId,
            recipientRole: notification.recipientRole,
            districtCode: notification.districtCode,
          });
          await recordSend(deps.db, { id: notification.id, outcome: 'sent', at: new Date() });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const delay = retryDelayMs({ ...deps.backoff, attempts: notification.attempts + 1 });
          deps.log.warn(
            { err: error, notificationId: notification.id, attempts: notification.attempts + 1 },
            'notification send failed',
          );
          await recordSend(
            deps.db,
            delay === undefined
              ? { id: notification.id, outcome: 'failed', error: message }
              : {
                  id: notification.id,
                  outcome: 'retry',
                  error: message,
                  nextAttemptAt: new Date(now.getTime() + delay),
                },
          );
        }
      }
      return claimed.length;
    },
  };
}
