import { useMemo } from 'react';

import type { LatLngTuple } from '../../map/geometry.js';
import type { DrawnRoute } from '../../map/route-polyline.js';
import type { MyRoute, ShownStop } from './my-route.js';
import { env } from '../../env.js';
import { CityMap } from '../../map/city-map.js';
import { demoCityGeography } from '../../map/demo-city-geography.js';
import { DistrictLayer } from '../../map/district-layer.js';
import { RoadLayer } from '../../map/road-layer.js';
import { RoutePolyline } from '../../map/route-polyline.js';
import { routeColour } from '../../map/stop-status.js';

/** The carrier's route on the map: the line in order, numbered stops coloured by status. */
export function CarrierMap({
  route,
  stops,
  language,
  onSelect,
}: {
  route: MyRoute;
  stops: readonly ShownStop[];
  language: 'ko' | 'en';
  onSelect: (stopId: string) => void;
}) {
  const geography = useMemo(() => demoCityGeography(language), [language]);
  const drawn = useMemo((): DrawnRoute => {
    const located = stops.flatMap((shown) =>
      shown.stop.location
        ? [{ shown, position: [shown.stop.location.lat, shown.stop.location.lng] as LatLngTuple }]
        : [],
    );
    const line: LatLngTuple[] =
      route.geometry.length > 1
        ? route.geometry.map((point): LatLngTuple => [point.lat, point.lng])
        : located.map((l) => l.position);
    return {
      id: route.id,
      name: '',
      colour: routeColour(0),
      path: line,
      stops: located.map(({ shown, position }) => ({
        id: shown.stop.id,
        position,
        status: shown.status,
        label: shown.stop.recipient?.name ?? String(shown.order),
      })),
    };
  }, [route, stops]);
  const fitTo = drawn.path.length > 0 ? drawn.path : undefined;
  return (
    <CityMap tileUrl={env.tileUrl} tileAttribution={env.tileAttribution} fitTo={fitTo}>
      <DistrictLayer districts={geography.districts} />
      <RoadLayer roads={geography.roads} />
      <RoutePolyline route={drawn} onSelectStop={onSelect} />
    </CityMap>
  );
}
