import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { env } from '../../env.js';
import { formatToday } from '../../lib/format.js';
import { CityMap } from '../../map/city-map.js';
import { demoCityGeography } from '../../map/demo-city-geography.js';
import { DepotMarkers } from '../../map/depot-markers.js';
import { DistrictLayer } from '../../map/district-layer.js';
import { FocusDistrict } from '../../map/focus-district.js';
import { MapLegend } from '../../map/map-legend.js';
import { RoadLayer } from '../../map/road-layer.js';

/**
 * The dispatcher's map of the day: the city's 읍면동, main roads and depots, with a side panel
 * to find a district. Routes and stops are drawn here once the planning procedures exist.
 */
export function DispatchScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ko';
  const geography = useMemo(() => demoCityGeography(language), [language]);
  const [focusedCode, setFocusedCode] = useState<string>();
  const focused = geography.districts.find((district) => district.code === focusedCode);
  const outline = useMemo(
    () => geography.districts.flatMap((district) => district.rings[0] ?? []),
    [geography],
  );
  const depotPositions = useMemo(
    () => geography.depots.map((depot) => depot.position),
    [geography],
  );
  const sortedDistricts = useMemo(
    () => [...geography.districts].sort((a, b) => a.name.localeCompare(b.name, language)),
    [geography, language],
  );
  return (
    <div className="dispatch-screen">
      <aside className="dispatch-panel" aria-labelledby="dispatch-title">
        <header className="dispatch-panel__header">
          <h1 id="dispatch-title" className="dispatch-panel__title">
            {t('dispatch.title')}
          </h1>
          <p className="dispatch-panel__date">{formatToday(language)}</p>
          <p className="dispatch-panel__counts">
            <span className="tag">
              {t('dispatch.districtsCount', { count: geography.districts.length })}
            </span>
            <span className="tag">
              {t('dispatch.depotsCount', { count: geography.depots.length })}
            </span>
          </p>
        </header>
        <section className="dispatch-panel__section" aria-labelledby="dispatch-legend">
          <h2 id="dispatch-legend" className="dispatch-panel__heading">
            {t('map.legend')}
          </h2>
          <MapLegend />
        </section>
        <section className="dispatch-panel__section" aria-labelledby="dispatch-districts">
          <h2 id="dispatch-districts" className="dispatch-panel__heading">
            {t('dispatch.districtList')}
          </h2>
          <ul className="district-list">
            {sortedDistricts.map((district) => (
              <li key={district.code}>
                <button
                  type="button"
                  className="district-list__item"
                  aria-pressed={district.code === focusedCode}
                  aria-label={t('dispatch.focusDistrict', { name: district.name })}
                  onClick={() => setFocusedCode(district.code)}
                >
                  {district.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      </aside>
      <section className="dispatch-map" aria-label={t('map.label')}>
        <CityMap tileUrl={env.tileUrl} tileAttribution={env.tileAttribution} fitTo={outline}>
          <DistrictLayer
            districts={geography.districts}
            focusedCode={focusedCode}
            avoid={depotPositions}
          />
          <RoadLayer roads={geography.roads} />
          <DepotMarkers depots={geography.depots} />
          <FocusDistrict district={focused} />
        </CityMap>
      </section>
    </div>
  );
}

export default DispatchScreen;
