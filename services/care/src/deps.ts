import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { NotificationChannel, SignalSource } from '@anbu/contracts';
import type { Logger } from '@anbu/db';

import type { SignalPolicy } from './domain/signal-policy.js';
import type { CareDatabase } from './repo/schema.js';

/** What care's handlers, consumers and timers are built from (passed in, STYLE §21). */
export interface CareDeps {
  readonly db: Kysely<CareDatabase>;
  readonly bus: Bus;
  readonly log: Logger;
  readonly now: () => Date;
  /** Wakes the outbox relay after a commit that enqueued events. */
  readonly wake: () => void;
  /** The channels each alert notification goes through. */
  readonly channels: readonly NotificationChannel[];
  readonly policies: Readonly<Record<SignalSource, SignalPolicy>>;
}
