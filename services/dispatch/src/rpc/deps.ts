import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Logger } from '@anbu/db';

import type { RouteGeometry } from '../geometry/osrm-geometry.js';
import type { DispatchDatabase } from '../repo/schema.js';

/** What the dispatch handlers are built from. */
export interface DispatchDeps {
  readonly db: Kysely<DispatchDatabase>;
  readonly log: Logger;
  /** For calls to other services (households' delivery profiles, donations' depots). */
  readonly bus?: Bus;
  /** Tells this replica's planning runner that a run was queued. */
  readonly onRunQueued?: () => void;
  /** Tells the outbox relay that a commit enqueued events. */
  readonly onEventsQueued?: () => void;
  /** Draws the lines of edited routes (straight segments when absent). */
  readonly geometry?: RouteGeometry;
  /** The clock: its Asia/Seoul day is the one a carrier reports stops of (tests fix it). */
  readonly now?: () => Date;
}
