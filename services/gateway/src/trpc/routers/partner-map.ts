import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import type { Actor, Donation, DonationStatus, Route, StopStatus } from '@anbu/contracts';
import { dateSchema } from '@anbu/contracts';
import {
  getPublishedPlan,
  listAllocations,
  listCarriers,
  listDonations,
  listLots,
  listOrders,
} from '@anbu/contracts/rpc';

import type { Context } from '../context.js';
import { declare } from '../access.js';
import { callService } from '../call.js';

/**
 * The gateway reads plans, orders, lots and allocations as itself for a partner's map: the
 * services answer staff only, and what reaches the partner is narrowed here to its own goods
 * and to 읍면동 codes (never a household, an address or a point of a delivery).
 */
const MAP_READER: Actor = Object.freeze({
  kind: 'service',
  id: 'gateway.partner-map',
  districtCodes: [],
});

/** Pages read at most per list, so that one map never turns into a scan of everything. */
const MAX_PAGES = 10;
/** Donations in these states still have a pickup to show. */
const PICKUP_STATUSES: readonly DonationStatus[] = ['offered', 'accepted', 'picked_up'];

type Reader = Pick<Context, 'deps' | 'actor' | 'meta'>;

async function allPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetch(cursor);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** Households that receive goods of `organisationId` (through allocations of its lots). */
async function householdsServedBy(reader: Reader, organisationId: string): Promise<Set<string>> {
  const lots = await allPages((cursor) =>
    callService(reader, listLots, {
      statuses: ['in_stock', 'depleted', 'expired', 'written_off'],
      limit: 200,
      cursor,
    }),
  );
  const households = new Set<string>();
  for (const lot of lots.filter((l) => l.organisationId === organisationId).slice(0, 200)) {
    const allocations = await allPages((cursor) =>
      callService(reader, listAllocations, {
        lotId: lot.id,
        statuses: ['made', 'ordered', 'delivered'],
        limit: 200,
        cursor,
      }),
    );
    for (const allocation of allocations) households.add(allocation.householdId);
  }
  return households;
}

/** The partner's own carriers (its volunteers), by id, with their names. */
async function carriersOf(reader: Reader, organisationId: string): Promise<Map<string, string>> {
  const carriers = await allPages((cursor) =>
    callService(reader, listCarriers, { limit: 200, cursor }),
  );
  return new Map(
    carriers.filter((c) => c.organisationId === organisationId).map((c) => [c.id, c.name]),
  );
}

/** Pickup orders (of any partner) mapped to their donation. */
async function pickupDonations(reader: Reader): Promise<Map<string, string>> {
  const orders = await allPages((cursor) =>
    callService(reader, listOrders, {
      kinds: ['pickup'],
      statuses: ['planned', 'published', 'done', 'failed'],
      limit: 200,
      cursor,
    }),
  );
  return new Map(orders.flatMap((o) => (o.donationId ? [[o.id, o.donationId] as const] : [])));
}

/** One stop of a route that carries the partner's goods, at 읍면동 level. */
export interface OurStop {
  readonly kind: 'pickup' | 'delivery';
  readonly districtCode: string;
  readonly sequence: number;
  readonly status: StopStatus;
  /** Pickups only: the partner's own donation. */
  readonly donationId?: string;
}

/** A route of the day as the partner sees it: the 읍면동 it passes, in order, and its stops of ours. */
function routeForPartner(
  route: Route,
  options: {
    districtOf: ReadonlyMap<string, string>;
    ourPickups: ReadonlyMap<string, string>;
    ourHouseholds: ReadonlySet<string>;
    /** The partner's own carriers: every delivery of theirs counts, still at 읍면동 level. */
    ownCarriers: ReadonlyMap<string, string>;
  },
) {
  const { districtOf, ourPickups, ourHouseholds, ownCarriers } = options;
  const carrierName = ownCarriers.get(route.carrierId);
  const districts: string[] = [];
  const ours: OurStop[] = [];
  for (const stop of route.stops) {
    const districtCode = districtOf.get(stop.orderId);
    if (!districtCode) continue;
    if (districts.at(-1) !== districtCode) districts.push(districtCode);
    const donationId = ourPickups.get(stop.orderId);
    const base = { districtCode, sequence: stop.sequence, status: stop.status };
    if (stop.kind === 'pickup' && donationId) ours.push({ ...base, kind: 'pickup', donationId });
    else if (
      (stop.kind === 'delivery' && stop.householdId && ourHouseholds.has(stop.householdId)) ||
      (stop.kind !== 'pickup' && carrierName !== undefined)
    )
      ours.push({ ...base, kind: 'delivery' });
  }
  return {
    routeId: route.id,
    stopCount: route.stops.length,
    districts,
    ours,
    // Only for the partner's own carriers: whose route it is (its own volunteer, by name).
    ...(carrierName === undefined ? {} : { ownCarrier: { name: carrierName } }),
  };
}

/** Where the partner's own donations are picked up (its own places, so exact points). */
function pickupOf(donation: Donation) {
  return {
    donationId: donation.id,
    status: donation.status,
    placeName: donation.pickup.placeName,
    location: donation.pickup.location,
    window: donation.pickup.window,
    items: donation.items.map((i) => ({
      category: i.category,
      quantity: i.quantity,
      unit: i.unit,
    })),
  };
}

/**
 * Partner map: a partner's pickups, the routes of a day's published plan that carry its
 * donations, and the routes its own carriers (volunteers) drive, down to 읍면동 only. Its `organisation` scope decides whose goods count.
 */
export const partnerMapRouter = {
  partnerMap: declare('dispatch.partnerMap')
    .input(z.object({ date: dateSchema }))
    .query(async ({ ctx, input }) => {
      const { scope } = ctx;
      if (scope.kind !== 'organisation') return { date: input.date, pickups: [], routes: [] };
      const { organisationId } = scope;
      const donations = await allPages((cursor) =>
        callService(ctx, listDonations, { organisationId, limit: 200, cursor }),
      );
      const own = donations.filter((d) => d.organisationId === organisationId);
      const ownIds = new Set(own.map((d) => d.id));
      const pickups = own.filter((d) => PICKUP_STATUSES.includes(d.status)).map(pickupOf);

      const reader: Reader = { ...ctx, actor: MAP_READER };
      const { plan } = await callService(reader, getPublishedPlan, { date: input.date });
      if (!plan) return { date: input.date, pickups, routes: [] };
      const [households, ownCarriers, pickupOrders, orders] = await Promise.all([
        householdsServedBy(reader, organisationId),
        carriersOf(reader, organisationId),
        pickupDonations(reader),
        allPages((cursor) =>
          callService(reader, listOrders, {
            statuses: ['published', 'done', 'failed'],
            limit: 200,
            cursor,
          }),
        ),
      ]);
      const ourPickups = new Map([...pickupOrders].filter(([, donation]) => ownIds.has(donation)));
      const districtOf = new Map(orders.map((o) => [o.id, o.districtCode]));
      const routes = plan.routes
        .map((route) =>
          routeForPartner(route, {
            districtOf,
            ourPickups,
            ourHouseholds: households,
            ownCarriers,
          }),
        )
        .filter((route) => route.ours.length > 0 || route.ownCarrier !== undefined);
      return { date: input.date, pickups, routes };
    }),
} satisfies TRPCRouterRecord;
