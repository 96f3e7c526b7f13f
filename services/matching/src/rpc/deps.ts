import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import type { Logger } from '@anbu/db';

import type { MatchingDatabase } from '../repo/schema.js';

/** What the matching RPC handlers are built from (STYLE §21). */
export interface MatchingDeps {
  readonly db: Kysely<MatchingDatabase>;
  readonly bus: Bus;
  readonly log: Logger;
  readonly now: () => Date;
  /** Wakes the outbox relay after a commit that enqueued events. */
  readonly wake: () => void;
}

/** The matcher calling other services (households' profiles, donations' depots). */
export const MATCHING_ACTOR: Actor = Object.freeze({
  kind: 'service',
  id: 'matching',
  districtCodes: [],
});
