import { divIcon } from 'leaflet';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LayerGroup, Marker, Polyline, Tooltip } from 'react-leaflet';

import type { LatLngTuple } from './geometry.js';
import type { MapStopStatus } from './stop-status.js';
import { arrowPlacements } from './geometry.js';
import { StopMarker } from './stop-marker.js';

/** A stop of a drawn route. */
export interface RouteStop {
  readonly id: string;
  readonly position: LatLngTuple;
  readonly status: MapStopStatus;
  readonly label: string;
}

/** A route as the map draws it. */
export interface DrawnRoute {
  readonly id: string;
  /** Short name (carrier or vehicle), shown as "Route {name}". */
  readonly name: string;
  readonly colour: string;
  /** The travelled line: depot, stops in order, back to the depot (or a road geometry). */
  readonly path: readonly LatLngTuple[];
  readonly stops: readonly RouteStop[];
}

function arrowIcon(colour: string, degrees: number) {
  return divIcon({
    className: 'route-arrow',
    html: `<svg viewBox="0 0 12 12" style="transform: rotate(${degrees.toFixed(0)}deg)"><path d="M6 1l4 9-4-2.2L2 10z" fill="${colour}" stroke="#fff" stroke-width="1"/></svg>`,
    iconSize: [14, 14],
    iconAnchor: [7, 7],
  });
}

/**
 * A route on the map: a line in the route's colour on a white casing, arrows along it for the
 * direction of travel, and its stops numbered in visiting order and coloured by status.
 */
export function RoutePolyline({
  route,
  onSelectStop,
}: {
  route: DrawnRoute;
  onSelectStop?: ((stopId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const positions = route.path.map(([lat, lng]): [number, number] => [lat, lng]);
  const arrows = useMemo(
    () =>
      arrowPlacements(route.path).map((arrow) => ({
        ...arrow,
        icon: arrowIcon(route.colour, arrow.bearing),
      })),
    [route.path, route.colour],
  );
  const name = t('map.routeLabel', { name: route.name });
  return (
    <LayerGroup>
      <Polyline
        positions={positions}
        pathOptions={{ color: '#ffffff', weight: 8, opacity: 0.9 }}
        interactive={false}
      />
      <Polyline
        positions={positions}
        pathOptions={{ color: route.colour, weight: 4.5, opacity: 0.95, className: 'route-line' }}
      >
        <Tooltip sticky>{name}</Tooltip>
      </Polyline>
      {arrows.map((arrow, index) => (
        <Marker
          key={`arrow-${index}`}
          position={[arrow.position[0], arrow.position[1]]}
          icon={arrow.icon}
          interactive={false}
          keyboard={false}
        />
      ))}
      {route.stops.map((stop, index) => (
        <StopMarker
          key={stop.id}
          position={stop.position}
          status={stop.status}
          order={index + 1}
          ring={route.colour}
          label={`${name} · ${stop.label}`}
          onSelect={onSelectStop ? () => onSelectStop(stop.id) : undefined}
        />
      ))}
    </LayerGroup>
  );
}
