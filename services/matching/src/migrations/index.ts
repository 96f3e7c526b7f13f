import type { Migrations } from '@anbu/db';

import { createMatching } from './2026-11-25T00-00-00_create_matching.js';
import { allocationLedger } from './2026-11-25T20-00-00_allocation_ledger.js';
import { runResults } from './2026-11-25T21-00-00_run_results.js';
import { cancelledNeeds } from './2026-11-26T00-30-00_cancelled_needs.js';
import { allocationRefusals } from './2026-11-26T05-30-00_allocation_refusals.js';

/** The matching schema's migrations, in the order they run. */
export const migrations: Migrations = {
  '2026-11-25T00-00-00_create_matching': createMatching,
  '2026-11-25T20-00-00_allocation_ledger': allocationLedger,
  '2026-11-25T21-00-00_run_results': runResults,
  '2026-11-26T00-30-00_cancelled_needs': cancelledNeeds,
  '2026-11-26T05-30-00_allocation_refusals': allocationRefusals,
};
