import { latLngBounds } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

import type { DistrictShape } from './city-geography.js';

/** Pans and zooms the map to `district` whenever it changes (a pick in a side list). */
export function FocusDistrict({ district }: { district: DistrictShape | undefined }) {
  const map = useMap();
  useEffect(() => {
    const outer = district?.rings[0];
    if (!outer || outer.length === 0) return;
    map.flyToBounds(latLngBounds(outer.map(([lat, lng]) => [lat, lng])), {
      padding: [40, 40],
      duration: 0.6,
    });
  }, [map, district]);
  return null;
}
