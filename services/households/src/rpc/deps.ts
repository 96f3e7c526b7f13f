import type { Kysely } from 'kysely';

import type { Logger } from '@anbu/db';

import type { RecordCipher } from '../crypto/field-cipher.js';
import type { HouseholdsDatabase } from '../repo/schema.js';

/** What the households handlers are built from. */
export interface HouseholdsDeps {
  readonly db: Kysely<HouseholdsDatabase>;
  readonly cipher: RecordCipher;
  readonly log: Logger;
  /** The clock; tests pass a fixed one. */
  readonly now: () => Date;
  /** Tells the outbox relay that a commit enqueued events (publish now, not at the next poll). */
  readonly wake: () => void;
}
