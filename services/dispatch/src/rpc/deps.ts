import type { Kysely } from 'kysely';

import type { Logger } from '@anbu/db';

import type { DispatchDatabase } from '../repo/schema.js';

/** What the dispatch handlers are built from. */
export interface DispatchDeps {
  readonly db: Kysely<DispatchDatabase>;
  readonly log: Logger;
}
