import { useQuery } from '@tanstack/react-query';
import { divIcon } from 'leaflet';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LayerGroup, Marker, Polygon, Tooltip } from 'react-leaflet';

import type { DistrictShape } from '../../map/city-geography.js';
import { env } from '../../env.js';
import { formatTime, seoulDay } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { CityMap } from '../../map/city-map.js';
import { demoCityGeography } from '../../map/demo-city-geography.js';
import { DepotMarkers } from '../../map/depot-markers.js';
import { DistrictLayer } from '../../map/district-layer.js';
import { RoadLayer } from '../../map/road-layer.js';
import { RoutePolyline } from '../../map/route-polyline.js';
import { drawPartnerRoutes, summarisePartnerRoutes } from './partner-map-view.js';

const pickupIcon = divIcon({
  className: 'pickup-marker',
  html: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3l8 4v10l-8 4-8-4V7z M4 7l8 4 8-4 M12 11v10"/></svg>',
  iconSize: [28, 28],
  iconAnchor: [14, 14],
});

/** 읍면동 that receive the partner's goods today, shaded in the colour of the route bringing them. */
function ReachedDistricts({
  shaded,
}: {
  shaded: readonly { district: DistrictShape; colour: string }[];
}) {
  return (
    <LayerGroup>
      {shaded.map(({ district, colour }) => (
        <Polygon
          key={district.code}
          positions={district.rings.map((ring) =>
            ring.map(([lat, lng]): [number, number] => [lat, lng]),
          )}
          pathOptions={{ color: colour, weight: 2, fillColor: colour, fillOpacity: 0.18 }}
          interactive={false}
        />
      ))}
    </LayerGroup>
  );
}

/**
 * The partner's map of a day: its pickup places, and the routes of the published plan that
 * carry its donations, drawn from 읍면동 to 읍면동 (deliveries show at 읍면동 level, never at a
 * household), with a side list of those routes.
 */
export function PartnerMap() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ko';
  const trpc = useTRPC();
  const [date, setDate] = useState(() => seoulDay());
  const geography = useMemo(() => demoCityGeography(language), [language]);
  const outline = useMemo(
    () => geography.districts.flatMap((district) => district.rings[0] ?? []),
    [geography],
  );
  const map = useQuery(
    trpc.dispatch.partnerMap.queryOptions({ date }, { refetchInterval: 30_000 }),
  );
  const nameOf = useMemo(() => {
    const names = new Map(geography.districts.map((d) => [d.code, d.name]));
    return (code: string) => names.get(code) ?? code;
  }, [geography]);
  const routes = useMemo(
    () =>
      map.data
        ? drawPartnerRoutes(map.data, {
            districts: geography.districts,
            label: ({ kind, district, count }) =>
              t(`partner.map.stop.${kind}`, { district, count }),
          })
        : [],
    [map.data, geography, t],
  );
  const summaries = useMemo(
    () => (map.data ? summarisePartnerRoutes(map.data, nameOf) : []),
    [map.data, nameOf],
  );
  const shaded = useMemo(() => {
    const byCode = new Map(geography.districts.map((d) => [d.code, d]));
    const seen = new Map<string, { district: DistrictShape; colour: string }>();
    for (const [index, route] of (map.data?.routes ?? []).entries()) {
      for (const stop of route.ours) {
        const district = byCode.get(stop.districtCode);
        if (stop.kind === 'delivery' && district && !seen.has(district.code)) {
          seen.set(district.code, { district, colour: routes[index]?.colour ?? '#1d4ed8' });
        }
      }
    }
    return [...seen.values()];
  }, [map.data, geography, routes]);
  const pickups = map.data?.pickups ?? [];

  return (
    <div className="partner-map">
      <div className="partner-map__side stack">
        <label className="field">
          <span className="field__label">{t('partner.map.day')}</span>
          <input
            type="date"
            className="field__input"
            value={date}
            onChange={(e) => e.target.value && setDate(e.target.value)}
          />
        </label>
        <p className="muted small">{t('partner.map.privacy')}</p>
        {map.isPending && <p className="muted">{t('app.loading')}</p>}
        {map.isError && <p className="alert alert--error">{t('common.loadFailed')}</p>}
        {map.data && (
          <>
            <h3 className="partner-map__heading">
              {t('partner.map.routes', { count: summaries.length })}
            </h3>
            {summaries.length === 0 ? (
              <p className="empty">{t('partner.map.noRoutes')}</p>
            ) : (
              <ul className="partner-route-list">
                {summaries.map((route) => (
                  <li key={route.id} className="partner-route">
                    <span
                      className="partner-route__swatch"
                      style={{ background: route.colour }}
                      aria-hidden="true"
                    />
                    <span className="partner-route__main">
                      <strong>{t('planning.routeName', { number: route.number })}</strong>
                      {route.volunteer !== undefined && (
                        <span className="partner-route__volunteer small">
                          {t('partner.map.volunteer', { name: route.volunteer })}
                        </span>
                      )}
                      <span className="muted small">
                        {t('partner.map.routeFigures', {
                          pickups: route.pickups,
                          deliveries: route.deliveries,
                          delivered: route.delivered,
                        })}
                      </span>
                      {route.deliveryDistricts.length > 0 && (
                        <span className="small">{route.deliveryDistricts.join(' · ')}</span>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <h3 className="partner-map__heading">
              {t('partner.map.pickups', { count: pickups.length })}
            </h3>
            {pickups.length === 0 ? (
              <p className="empty">{t('partner.map.noPickups')}</p>
            ) : (
              <ul className="partner-route-list">
                {pickups.map((pickup) => (
                  <li key={pickup.donationId} className="partner-route">
                    <span className="pickup-marker pickup-marker--inline" aria-hidden="true" />
                    <span className="partner-route__main">
                      <strong>{pickup.placeName}</strong>
                      <span className="muted small">
                        {t(`donations.status.${pickup.status}`)} ·{' '}
                        {formatTime(pickup.window.start, language)}–
                        {formatTime(pickup.window.end, language)}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <div className="partner-map__map" aria-label={t('partner.map.title')}>
        <CityMap tileUrl={env.tileUrl} tileAttribution={env.tileAttribution} fitTo={outline}>
          <DistrictLayer districts={geography.districts} />
          <RoadLayer roads={geography.roads} />
          <ReachedDistricts shaded={shaded} />
          {routes.map((route) => (
            <RoutePolyline key={route.id} route={route} />
          ))}
          <LayerGroup>
            {pickups.map((pickup) => (
              <Marker
                key={pickup.donationId}
                position={[pickup.location.lat, pickup.location.lng]}
                icon={pickupIcon}
                title={pickup.placeName}
                alt={pickup.placeName}
                zIndexOffset={900}
              >
                <Tooltip direction="top" offset={[0, -12]}>
                  <strong>{pickup.placeName}</strong>
                  <br />
                  {t(`donations.status.${pickup.status}`)}
                </Tooltip>
              </Marker>
            ))}
          </LayerGroup>
          <DepotMarkers depots={geography.depots} />
        </CityMap>
      </div>
    </div>
  );
}
