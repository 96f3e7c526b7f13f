import type { Bus, Server } from '@anbu/bus';
import { handle } from '@anbu/bus';
import { getDeliveryProfiles, getMyRoute } from '@anbu/contracts/rpc';

/** What the fake dispatch and households services know. */
export interface Neighbourhood {
  /** householdId → district. */
  readonly districts: Map<string, string>;
  /** carrierId → the stops (stop id → household id) of their route of `date`. */
  readonly routes: Map<string, { date: string; stops: Map<string, string> }>;
}

/**
 * Serves the two RPCs care asks of its neighbours: dispatch's `route.mine` (the caller's own
 * route only, like the real one) and households' `household.deliveryProfiles`.
 */
export function serveNeighbours(bus: Bus, world: Neighbourhood): Promise<Server> {
  return bus.serve([
    handle(getMyRoute, (input, { actor }) => {
      const carrierId = actor.carrierId;
      const route = carrierId === undefined ? undefined : world.routes.get(carrierId);
      if (carrierId === undefined || route?.date !== input.date) return Promise.resolve({});
      const at = `${route.date}T01:00:00.000Z`;
      const routeId = '99999999-9999-4999-8999-999999999999';
      return Promise.resolve({
        route: {
          id: routeId,
          planId: routeId,
          date: route.date,
          carrierId,
          startDepotId: routeId,
          stops: [...route.stops].map(([id, householdId], sequence) => ({
            id,
            routeId,
            orderId: id,
            kind: 'delivery' as const,
            householdId,
            sequence,
            eta: at,
            serviceSeconds: 120,
            status: 'planned' as const,
            locked: false,
            updatedAt: at,
          })),
          load: { boxes: 0, kg: 0, chilledBoxes: 0 },
          distanceMeters: 0,
          durationSeconds: 0,
          geometry: [],
        },
      });
    }),
    handle(getDeliveryProfiles, (input) =>
      Promise.resolve({
        profiles: input.householdIds.flatMap((householdId) => {
          const districtCode = world.districts.get(householdId);
          return districtCode
            ? [{ householdId, districtCode, location: { lat: 35.95, lng: 126.95 } }]
            : [];
        }),
      }),
    ),
  ]);
}
