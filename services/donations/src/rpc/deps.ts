import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Logger } from '@anbu/db';

import type { DonationsDatabase } from '../repo/schema.js';

/** What the donations handlers are built from. */
export interface DonationsDeps {
  readonly db: Kysely<DonationsDatabase>;
  /** For calls to other services (dispatch's pickup slots). */
  readonly bus: Bus;
  readonly log: Logger;
  /** The clock; tests pass a fixed one. */
  readonly now: () => Date;
  /** Tells the outbox relay that a commit enqueued events. */
  readonly wake: () => void;
}
