import type { Migrations } from '@anbu/db';

import { createCare } from './2026-11-25T00-00-00_create_care.js';
import { welfareChecks } from './2026-11-25T20-00-00_welfare_checks.js';
import { signalFeed } from './2026-11-25T21-00-00_signal_feed.js';

/** The care schema's migrations, in the order they run. */
export const migrations: Migrations = {
  '2026-11-25T00-00-00_create_care': createCare,
  '2026-11-25T20-00-00_welfare_checks': welfareChecks,
  '2026-11-25T21-00-00_signal_feed': signalFeed,
};
