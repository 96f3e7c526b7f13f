// The few columns of the services' tables the fault suites read to check their outcome (each
// service owns its schema; a test may look, never write).

/** `matching`: its view of needs and lots, and allocations of lots to needs. */
export interface MatchingTables {
  open_needs: { need_id: string; status: string; quantity: number; allocated: number };
  stock_lots: {
    lot_id: string;
    quantity: number;
    allocated: number;
    units_short: number;
    status: string;
  };
  allocations: {
    id: string;
    need_id: string;
    lot_id: string | null;
    quantity: number;
    status: string;
  };
}

/** `dispatch`: delivery orders and the routes of plans (stops in the route JSON). */
export interface DispatchTables {
  delivery_orders: {
    id: string;
    district_code: string;
    status: string;
    details: unknown;
  };
  plans: { id: string; status: string; date: string };
  plan_routes: { plan_id: string; route_id: string; route: unknown };
}

/** `donations`: lots and donations. */
export interface DonationsTables {
  lots: {
    id: string;
    depot_id: string;
    donation_id: string | null;
    quantity_received: number;
    quantity_available: number;
    quantity_allocated: number;
    quantity_delivered: number;
    quantity_written_off: number;
  };
  donations: { id: string; organisation_id: string; status: string };
  lot_allocations: { allocation_id: string; status: string; refused_reason: string | null };
}

/** `households`: needs. */
export interface HouseholdsTables {
  needs: { id: string; household_id: string; status: string };
}

/** The order fields kept in `delivery_orders.details`. */
export interface OrderDetails {
  readonly needIds?: readonly string[];
  readonly allocationIds?: readonly string[];
}

/** Reads an order's details column (jsonb: an object, or a JSON string from some drivers). */
export function orderDetails(details: unknown): OrderDetails {
  const value: unknown = typeof details === 'string' ? JSON.parse(details) : details;
  return typeof value === 'object' && value !== null ? value : {};
}

/** A route's stops as stored in `plan_routes.route`. */
export function routeStops(route: unknown): { id: string; orderId: string; status: string }[] {
  const value: unknown = typeof route === 'string' ? JSON.parse(route) : route;
  if (typeof value !== 'object' || value === null || !('stops' in value)) return [];
  const { stops } = value;
  return Array.isArray(stops) ? (stops as { id: string; orderId: string; status: string }[]) : [];
}
