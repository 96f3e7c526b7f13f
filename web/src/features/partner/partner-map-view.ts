import type { inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from '@anbu/gateway';

import type { DistrictShape } from '../../map/city-geography.js';
import type { LatLngTuple } from '../../map/geometry.js';
import type { DrawnRoute, RouteStop } from '../../map/route-polyline.js';
import { routeColour } from '../../map/stop-status.js';

/** The partner's map of a day as `dispatch.partnerMap` gives it. */
export type PartnerMapView = inferRouterOutputs<AppRouter>['dispatch']['partnerMap'];
/** One of its routes: the 읍면동 it passes and its stops carrying the partner's goods. */
export type PartnerRoute = PartnerMapView['routes'][number];

/** A route's figures for the partner's side list. */
export interface PartnerRouteSummary {
  readonly id: string;
  readonly number: number;
  readonly colour: string;
  readonly pickups: number;
  readonly deliveries: number;
  readonly delivered: number;
  /** Names of the 읍면동 where its goods are delivered, in visiting order. */
  readonly deliveryDistricts: readonly string[];
  /** The partner's own carrier (volunteer) driving it, by name; absent for others' routes. */
  readonly volunteer?: string;
}

/** What a marker of the partner's map stands for. */
export type PartnerStopKind = 'pickup' | 'delivery' | 'volunteer';

/** Each route that carries the partner's goods, numbered and coloured in the plan's order. */
export function summarisePartnerRoutes(
  view: Pick<PartnerMapView, 'routes'>,
  districtName: (code: string) => string,
): PartnerRouteSummary[] {
  return view.routes.map((route, index) => {
    const deliveries = route.ours.filter((stop) => stop.kind === 'delivery');
    return {
      id: route.routeId,
      number: index + 1,
      colour: routeColour(index),
      pickups: route.ours.length - deliveries.length,
      deliveries: deliveries.length,
      delivered: deliveries.filter((stop) => stop.status === 'delivered').length,
      deliveryDistricts: [...new Set(deliveries.map((stop) => districtName(stop.districtCode)))],
      ...(route.ownCarrier ? { volunteer: route.ownCarrier.name } : {}),
    };
  });
}

/**
 * The routes as the map draws them, at 읍면동 level: the line joins the centres of the 읍면동 the
 * route passes, in order; a pickup of the partner's donation sits at its own pickup place, and
 * deliveries are one marker per 읍면동 at its centre (never at a household). On a route of the
 * partner's own volunteer those markers are its volunteer's deliveries (`volunteer`).
 */
export function drawPartnerRoutes(
  view: PartnerMapView,
  {
    districts,
    label,
  }: {
    districts: readonly DistrictShape[];
    label: (stop: { kind: PartnerStopKind; district: string; count: number }) => string;
  },
): DrawnRoute[] {
  const byCode = new Map(districts.map((district) => [district.code, district]));
  const pickupAt = new Map(
    view.pickups.map((p): [string, LatLngTuple] => [
      p.donationId,
      [p.location.lat, p.location.lng],
    ]),
  );
  return view.routes.map((route, index) => {
    const path = route.districts.flatMap((code) => {
      const at = byCode.get(code)?.labelAt;
      return at ? [at] : [];
    });
    const stops: RouteStop[] = [];
    const deliveriesByDistrict = new Map<string, typeof route.ours>();
    for (const stop of route.ours) {
      const district = byCode.get(stop.districtCode);
      if (!district) continue;
      if (stop.kind === 'pickup') {
        const at =
          (stop.donationId ? pickupAt.get(stop.donationId) : undefined) ?? district.labelAt;
        stops.push({
          id: `${route.routeId}-pickup-${stop.sequence}`,
          position: at,
          status: stop.status,
          label: label({ kind: 'pickup', district: district.name, count: 1 }),
        });
      } else {
        deliveriesByDistrict.set(stop.districtCode, [
          ...(deliveriesByDistrict.get(stop.districtCode) ?? []),
          stop,
        ]);
      }
    }
    for (const [code, group] of deliveriesByDistrict) {
      const district = byCode.get(code);
      if (!district) continue;
      const allDelivered = group.every((stop) => stop.status === 'delivered');
      stops.push({
        id: `${route.routeId}-district-${code}`,
        position: district.labelAt,
        status: allDelivered ? 'delivered' : 'planned',
        label: label({
          kind: route.ownCarrier ? 'volunteer' : 'delivery',
          district: district.name,
          count: group.length,
        }),
      });
    }
    return {
      id: route.routeId,
      name: String(index + 1),
      colour: routeColour(index),
      path,
      stops,
    };
  });
}
