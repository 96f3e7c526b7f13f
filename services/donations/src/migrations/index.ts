import type { Migrations } from '@anbu/db';

import { createDonations } from './2026-11-25T00-00-00_create_donations.js';
import { createIdempotencyKeys } from './2026-11-25T20-30-00_create_idempotency_keys.js';
import { trackDeliveries } from './2026-11-26T01-30-00_track_deliveries.js';
import { allocationUnitsHeld } from './2026-11-26T02-40-00_allocation_units_held.js';
import { allocationRefusals } from './2026-11-26T05-30-00_allocation_refusals.js';

/** The donations schema's migrations, in the order they run. */
export const migrations: Migrations = {
  '2026-11-25T00-00-00_create_donations': createDonations,
  '2026-11-25T20-30-00_create_idempotency_keys': createIdempotencyKeys,
  '2026-11-26T01-30-00_track_deliveries': trackDeliveries,
  '2026-11-26T02-40-00_allocation_units_held': allocationUnitsHeld,
  '2026-11-26T05-30-00_allocation_refusals': allocationRefusals,
};
