import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

import type { LatLngTuple } from './geometry.js';

/** The zoom a picked stop is shown at: past clustering, so the stop stands on its own. */
export const FOCUS_POINT_ZOOM = 17;

/** Centres the map on `point` whenever it changes (a stop picked in a list). */
export function FocusPoint({ point }: { point: LatLngTuple | undefined }) {
  const map = useMap();
  useEffect(() => {
    if (point) map.setView([point[0], point[1]], FOCUS_POINT_ZOOM, { animate: false });
  }, [map, point]);
  return null;
}
