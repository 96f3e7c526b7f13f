import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { Notification, NotificationChannel, Role } from '@anbu/contracts';
import { notificationSchema } from '@anbu/contracts';
import { transaction } from '@anbu/db';

import type { CareDatabase, NotificationRow } from './schema.js';
import { decodeCursor, encodeCursor } from './cursor.js';

type Db = Kysely<CareDatabase> | Transaction<CareDatabase>;

/** Maps a stored notification to the contract type. */
export function rowToNotification(row: NotificationRow): Notification {
  return notificationSchema.parse({
    id: row.id,
    channel: row.channel,
    recipientUserId: row.recipient_user_id ?? undefined,
    recipientRole: row.recipient_role ?? undefined,
    districtCode: row.district_code ?? undefined,
    template: row.template,
    alertId: row.alert_id ?? undefined,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    nextAttemptAt: row.next_attempt_at?.toISOString(),
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString(),
  });
}

/** Queues a notification per channel, due now; the sender picks them up. */
export async function enqueueNotifications(
  db: Db,
  options: {
    channels: readonly NotificationChannel[];
    role: Role;
    districtCode: string;
    template: string;
    alertId: string;
    subject: string;
    now: Date;
  },
): Promise<void> {
  if (options.channels.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      options.channels.map((channel) => ({
        id: crypto.randomUUID(),
        channel,
        recipient_user_id: null,
        recipient_role: options.role,
        district_code: options.districtCode,
        template: options.template,
        alert_id: options.alertId,
        subject: options.subject.slice(0, 200),
        status: 'pending',
        last_error: null,
        next_attempt_at: options.now,
        created_at: options.now,
        sent_at: null,
      })),
    )
    .execute();
}

/**
 * Claims due pending notifications for `leaseMs`: their next attempt moves past the lease in
 * one short transaction (`SKIP LOCKED`: replicas never claim the same one), so that sending
 * happens outside any transaction, and a replica that dies mid-send leaves them to be retried
 * when the lease runs out.
 */
export async function claimDueNotifications(
  db: Kysely<CareDatabase>,
  options: { now: Date; limit: number; leaseMs: number },
): Promise<Notification[]> {
  return transaction(db, async (trx) => {
    const due = await trx
      .selectFrom('notifications')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', options.now)
      .orderBy('next_attempt_at')
      .limit(options.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const rows = await trx
      .updateTable('notifications')
      .set({ next_attempt_at: new Date(options.now.getTime() + options.leaseMs) })
      .where(
        'id',
        'in',
        due.map((r) => r.id),
      )
      .returningAll()
      .execute();
    return rows.map(rowToNotification);
  });
}

/**
 * Readdresses a role's notification to named people, in one transaction: the first person
 * takes the notification itself, every other gets a copy (same channel, alert and subject,
 * leased until `leaseUntil` like the original, so that only this sender sends them now).
 * Nothing changes when another sender addressed it first. Returns the addressed
 * notifications.
 */
export async function addressToUsers(
  db: Kysely<CareDatabase>,
  options: { notification: Notification; userIds: readonly string[]; leaseUntil: Date },
): Promise<Notification[]> {
  const { notification, userIds, leaseUntil } = options;
  const [first, ...others] = userIds;
  if (!first) return [notification];
  return transaction(db, async (trx) => {
    const original = await trx
      .updateTable('notifications')
      .set({ recipient_user_id: first })
      .where('id', '=', notification.id)
      .where('recipient_user_id', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!original) return [];
    const copies =
      others.length === 0
        ? []
        : await trx
            .insertInto('notifications')
            .values(
              others.map((userId) => ({
                ...original,
                id: crypto.randomUUID(),
                recipient_user_id: userId,
                attempts: 0,
                last_error: null,
                next_attempt_at: leaseUntil,
              })),
            )
            .returningAll()
            .execute();
    return [original, ...copies].map(rowToNotification);
  });
}

/** Records the result of one send: sent, retried at `nextAttemptAt`, or failed for good. */
export async function recordSend(
  db: Db,
  options:
    | { id: string; outcome: 'sent'; at: Date }
    | { id: string; outcome: 'retry'; error: string; nextAttemptAt: Date }
    | { id: string; outcome: 'failed'; error: string },
): Promise<void> {
  const base = db
    .updateTable('notifications')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('id', '=', options.id);
  switch (options.outcome) {
    case 'sent':
      await base
        .set({ status: 'sent', sent_at: options.at, next_attempt_at: null, last_error: null })
        .execute();
      return;
    case 'retry':
      await base
        .set({ last_error: options.error.slice(0, 1000), next_attempt_at: options.nextAttemptAt })
        .execute();
      return;
    case 'failed':
      await base
        .set({ status: 'failed', last_error: options.error.slice(0, 1000), next_attempt_at: null })
        .execute();
      return;
  }
}

/**
 * A page of notifications for an audience, newest first: a role's notifications of some
 * districts (all districts when `districtCodes` is undefined), addressed to the role or to
 * `userId` by name.
 */
export async function listNotificationRows(
  db: Db,
  filter: {
    role: Role;
    /** The reader: notifications addressed to other people by name are left out. */
    userId?: string | undefined;
    districtCodes?: readonly string[] | undefined;
    alertId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: Notification[]; nextCursor?: string }> {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('recipient_role', '=', filter.role)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.districtCodes) {
    query = query.where(
      'district_code',
      'in',
      filter.districtCodes.length ? filter.districtCodes : [''],
    );
  }
  if (filter.alertId) query = query.where('alert_id', '=', filter.alertId);
  const { userId } = filter;
  if (userId) {
    query = query.where((eb) =>
      eb.or([eb('recipient_user_id', 'is', null), eb('recipient_user_id', '=', userId)]),
    );
  }
  const after = decodeCursor(filter.cursor);
  if (after) {
    query = query.where(
      sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await query.execute();
  const more = rows.length > filter.limit;
  const items = (more ? rows.slice(0, filter.limit) : rows).map(rowToNotification);
  const last = items.at(-1);
  return {
    items,
    ...(more && last ? { nextCursor: encodeCursor({ at: last.createdAt, id: last.id }) } : {}),
  };
}
