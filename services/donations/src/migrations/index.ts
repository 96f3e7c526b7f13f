import type { Migrations } from '@anbu/db';

import { createDonations } from './2026-11-25T00-00-00_create_donations.js';

/** The donations schema's migrations, in the order they run. */
export const migrations: Migrations = {
  '2026-11-25T00-00-00_create_donations': createDonations,
};
