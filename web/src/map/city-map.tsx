import 'leaflet/dist/leaflet.css';
import './map.css';

import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, ScaleControl, ZoomControl } from 'react-leaflet';

import type { LatLngTuple } from './geometry.js';
import { BaseTileLayer } from './base-tile-layer.js';
import { FitOnce } from './fit-once.js';

/** The centre of the demo city (an Iksan-like city in Jeollabuk-do). */
export const DEMO_CITY_CENTRE: LatLngTuple = [35.95, 126.96];
/** A zoom that shows the whole demo city on a laptop screen. */
export const DEFAULT_ZOOM = 12;

/**
 * A Leaflet map of the city: the configured tile layer under whatever layers are passed as
 * children. When tiles cannot load (offline, blocked), a notice says so and the children (the
 * district boundaries and roads) carry the map on a plain background.
 */
export function CityMap({
  children,
  tileUrl,
  tileAttribution,
  center = DEMO_CITY_CENTRE,
  zoom = DEFAULT_ZOOM,
  fitTo,
}: {
  children?: ReactNode;
  tileUrl: string;
  tileAttribution: string;
  center?: LatLngTuple;
  zoom?: number;
  /** Points the first view must show (the city's outline); overrides `center` and `zoom`. */
  fitTo?: readonly LatLngTuple[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [offline, setOffline] = useState(false);
  return (
    <div className="city-map" data-tiles={offline ? 'offline' : 'online'}>
      <MapContainer
        center={[center[0], center[1]]}
        zoom={zoom}
        minZoom={10}
        maxZoom={18}
        className="city-map__canvas"
        aria-label={t('map.label')}
        zoomSnap={0.5}
        zoomControl={false}
      >
        <ZoomControl
          // Leaflet reads the titles once: a new control per language.
          key={i18n.resolvedLanguage}
          position="topleft"
          zoomInTitle={t('map.zoomIn')}
          zoomOutTitle={t('map.zoomOut')}
        />
        <BaseTileLayer
          url={tileUrl}
          attribution={tileAttribution}
          onAvailabilityChange={(available) => {
            setOffline(!available);
          }}
        />
        <ScaleControl imperial={false} position="bottomleft" />
        {fitTo && <FitOnce points={fitTo} />}
        {children}
      </MapContainer>
      {offline && (
        <p className="city-map__notice" role="status">
          {t('map.tilesOffline')}
        </p>
      )}
    </div>
  );
}
