import type { Migrations } from '@anbu/db';

import { createMatching } from './2026-11-25T00-00-00_create_matching.js';
import { allocationLedger } from './2026-11-25T20-00-00_allocation_ledger.js';

/** The matching schema's migrations, in the order they run. */
export const migrations: Migrations = {
  '2026-11-25T00-00-00_create_matching': createMatching,
  '2026-11-25T20-00-00_allocation_ledger': allocationLedger,
};
