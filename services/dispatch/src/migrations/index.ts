import type { Migrations } from '@anbu/db';

import { createFleet } from './2026-11-25T00-00-00_create_fleet.js';
import { createPlanning } from './2026-11-25T18-00-00_create_planning.js';
import { planRoutes } from './2026-11-25T21-00-00_plan_routes.js';
import { pickupBookings } from './2026-11-25T22-00-00_pickup_bookings.js';
import { allocationMarks } from './2026-11-26T01-00-00_allocation_marks.js';
import { districtShifts } from './2026-11-26T03-00-00_district_shifts.js';

/** The dispatch schema's migrations, in the order they run. */
export const migrations: Migrations = {
  '2026-11-25T00-00-00_create_fleet': createFleet,
  '2026-11-25T18-00-00_create_planning': createPlanning,
  '2026-11-25T21-00-00_plan_routes': planRoutes,
  '2026-11-25T22-00-00_pickup_bookings': pickupBookings,
  '2026-11-26T01-00-00_allocation_marks': allocationMarks,
  '2026-11-26T03-00-00_district_shifts': districtShifts,
};
