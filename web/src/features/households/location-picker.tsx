import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleMarker, useMapEvents } from 'react-leaflet';

import type { DistrictShape } from '../../map/city-geography.js';
import { env } from '../../env.js';
import { CityMap } from '../../map/city-map.js';
import { DistrictLayer } from '../../map/district-layer.js';
import { FocusDistrict } from '../../map/focus-district.js';

interface Point {
  readonly lat: number;
  readonly lng: number;
}

function ClickToPlace({ onPick }: { onPick: (point: Point) => void }) {
  useMapEvents({ click: (event) => onPick({ lat: event.latlng.lat, lng: event.latlng.lng }) });
  return null;
}

/**
 * A small map to place a household's door: a click puts the point; the chosen district is
 * outlined so the caseworker clicks inside it.
 */
export function LocationPicker({
  districts,
  districtCode,
  value,
  onChange,
}: {
  districts: readonly DistrictShape[];
  districtCode: string;
  value: Point | undefined;
  onChange: (point: Point) => void;
}) {
  const { t } = useTranslation();
  const focused = districts.find((d) => d.code === districtCode);
  const outline = useMemo(() => districts.flatMap((d) => d.rings[0] ?? []), [districts]);
  return (
    <div className="location-picker" aria-label={t('households.fields.location')}>
      <CityMap tileUrl={env.tileUrl} tileAttribution={env.tileAttribution} fitTo={outline}>
        <DistrictLayer districts={districts} focusedCode={districtCode} />
        <FocusDistrict district={focused} />
        <ClickToPlace onPick={onChange} />
        {value && (
          <CircleMarker
            center={[value.lat, value.lng]}
            radius={8}
            pathOptions={{ color: '#ffffff', weight: 2, fillColor: '#b42318', fillOpacity: 1 }}
          />
        )}
      </CityMap>
    </div>
  );
}
