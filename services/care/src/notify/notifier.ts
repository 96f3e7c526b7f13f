import type { Notification, NotificationChannel } from '@anbu/contracts';

/** What a channel adapter is given to send: no personal details, ids and a short subject. */
export type NotificationMessage = Pick<
  Notification,
  | 'id'
  | 'channel'
  | 'template'
  | 'subject'
  | 'alertId'
  | 'recipientUserId'
  | 'recipientRole'
  | 'districtCode'
>;

/**
 * A channel adapter (SMS, messenger, email, webhook, log). `send` resolves once the channel
 * took the message and throws a {@link NotifyError} otherwise; the sender retries with backoff,
 * so an adapter makes one attempt and never retries on its own.
 */
export interface Notifier {
  readonly channel: NotificationChannel;
  send(message: NotificationMessage): Promise<void>;
}
