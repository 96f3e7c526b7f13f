import { divIcon } from 'leaflet';
import { useMemo, useState } from 'react';
import { LayerGroup, Marker, Pane, Polygon, useMap, useMapEvents } from 'react-leaflet';

import type { DistrictShape } from './city-geography.js';
import type { LatLngTuple } from './geometry.js';
import { placeLabels } from './label-placement.js';

const DISTRICT_STYLE = {
  color: '#41607d',
  weight: 1.5,
  opacity: 0.85,
  fillColor: '#dfe8ef',
  fillOpacity: 0.35,
} as const;

const FOCUSED_STYLE = {
  ...DISTRICT_STYLE,
  weight: 3,
  color: '#1f3b57',
  fillColor: '#bcd3e8',
  fillOpacity: 0.6,
} as const;

/** The square around a marker that labels keep clear of. */
const MARKER_CLEARANCE_PX = 34;
const NOTHING: readonly LatLngTuple[] = [];

/** A ring's area in square degrees (shoelace), to rank districts by size. */
function ringArea(ring: readonly LatLngTuple[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [y1, x1] = ring[i] ?? [0, 0];
    const [y2, x2] = ring[(i + 1) % ring.length] ?? [0, 0];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

function labelIcon(name: string) {
  // Non-interactive text marker; CSS centres it on the point (iconSize 0 keeps Leaflet's anchor).
  const label = document.createElement('span');
  label.textContent = name;
  return divIcon({ className: 'district-label', html: label, iconSize: [0, 0] });
}

/**
 * The 읍면동 boundaries with their names: the layer that makes the map readable with no tiles.
 * Names that would collide with a bigger district's name or a depot are left out until zoomed in.
 * `focusedCode` draws one district stronger (the one picked in a side list).
 */
export function DistrictLayer({
  districts,
  focusedCode,
  avoid = NOTHING,
}: {
  districts: readonly DistrictShape[];
  focusedCode?: string | undefined;
  /** Points whose markers the names must not cover (depots). */
  avoid?: readonly LatLngTuple[];
}) {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useMapEvents({ zoomend: () => setZoom(map.getZoom()) });
  const shown = useMemo(() => {
    // The focused district is always named; then bigger districts first. Depots are obstacles.
    const candidates = districts.map((district) => {
      // World pixels at this zoom: collisions do not depend on where the map is panned.
      const point = map.project([district.labelAt[0], district.labelAt[1]], zoom);
      const rank = -ringArea(district.rings[0] ?? []);
      const pinned = district.code === focusedCode;
      return { id: district.code, x: point.x, y: point.y, text: district.name, rank, pinned };
    });
    const half = MARKER_CLEARANCE_PX / 2;
    const obstacles = avoid.map(([lat, lng]) => {
      const point = map.project([lat, lng], zoom);
      return { x: point.x - half, y: point.y - half, width: 2 * half, height: 2 * half };
    });
    return placeLabels(candidates, { obstacles });
  }, [map, districts, focusedCode, avoid, zoom]);
  const icons = useMemo(
    () => new Map(districts.map((district) => [district.code, labelIcon(district.name)])),
    [districts],
  );
  return (
    <LayerGroup>
      {districts.map((district) => (
        <Polygon
          key={district.code}
          positions={district.rings.map((ring) =>
            ring.map(([lat, lng]): [number, number] => [lat, lng]),
          )}
          pathOptions={district.code === focusedCode ? FOCUSED_STYLE : DISTRICT_STYLE}
          interactive={false}
        />
      ))}
      {/* Names sit above the outlines and roads but under every marker (stops, depots). */}
      <Pane name="district-labels" style={{ zIndex: 450 }}>
        {districts.map((district) => {
          const icon = icons.get(district.code);
          return icon && shown.has(district.code) ? (
            <Marker
              key={`label-${district.code}`}
              position={[district.labelAt[0], district.labelAt[1]]}
              icon={icon}
              interactive={false}
              keyboard={false}
            />
          ) : null;
        })}
      </Pane>
    </LayerGroup>
  );
}
