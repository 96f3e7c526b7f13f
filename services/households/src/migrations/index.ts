import type { Migrations } from '@anbu/db';

import { createDirectory } from './2026-11-25T00-00-00_create_directory.js';
import { createHouseholds } from './2026-11-25T00-01-00_create_households.js';
import { createNeeds } from './2026-11-25T00-02-00_create_needs.js';
import { addNeedRequest } from './2026-11-25T20-00-00_add_need_request.js';
import { createIdempotencyKeys } from './2026-11-25T20-30-00_create_idempotency_keys.js';

/** The households schema's migrations, in the order they run. */
export const migrations: Migrations = {
  '2026-11-25T00-00-00_create_directory': createDirectory,
  '2026-11-25T00-01-00_create_households': createHouseholds,
  '2026-11-25T00-02-00_create_needs': createNeeds,
  '2026-11-25T20-00-00_add_need_request': addNeedRequest,
  '2026-11-25T20-30-00_create_idempotency_keys': createIdempotencyKeys,
};
