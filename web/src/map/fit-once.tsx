import { latLngBounds } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';

import type { LatLngTuple } from './geometry.js';

/**
 * Fits the first view to `points`, once. Done after mount rather than through MapContainer's
 * `bounds`, because a lazily loaded screen may still be laying out when the map is created.
 */
export function FitOnce({ points }: { points: readonly LatLngTuple[] }) {
  const map = useMap();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || points.length < 2) return;
    done.current = true;
    map.invalidateSize();
    map.fitBounds(latLngBounds(points.map(([lat, lng]): [number, number] => [lat, lng])), {
      padding: [12, 12],
      animate: false,
    });
  }, [map, points]);
  return null;
}
