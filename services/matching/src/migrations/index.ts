import type { Migrations } from '@anbu/db';

import { createMatching } from './2026-11-25T00-00-00_create_matching.js';

/** The matching schema's migrations, in the order they run. */
export const migrations: Migrations = {
  '2026-11-25T00-00-00_create_matching': createMatching,
};
