import { useTranslation } from 'react-i18next';

import type { DepotKind } from './city-geography.js';
import { MAP_STOP_STATUSES, STOP_STATUS_STYLE } from './stop-status.js';

const DEPOT_KINDS: readonly DepotKind[] = ['post_office', 'kitchen', 'food_bank'];

/** What the map's lines, symbols and colours mean (boundaries, roads, depots, stop states). */
export function MapLegend({ showStops = false }: { showStops?: boolean }) {
  const { t } = useTranslation();
  return (
    <dl className="map-legend">
      <div className="map-legend__row">
        <dt className="map-legend__swatch map-legend__swatch--district" aria-hidden="true" />
        <dd>{t('map.districts')}</dd>
      </div>
      <div className="map-legend__row">
        <dt className="map-legend__swatch map-legend__swatch--road" aria-hidden="true" />
        <dd>{t('map.roads')}</dd>
      </div>
      {DEPOT_KINDS.map((kind) => (
        <div className="map-legend__row" key={kind}>
          <dt
            className={`map-legend__depot depot-marker depot-marker--${kind}`}
            aria-hidden="true"
          />
          <dd>{t(`map.depotKinds.${kind}`)}</dd>
        </div>
      ))}
      {showStops &&
        MAP_STOP_STATUSES.map((status) => (
          <div className="map-legend__row" key={status}>
            <dt
              className={`map-legend__stop stop-marker stop-marker--${status}`}
              aria-hidden="true"
            >
              <span
                style={{
                  background: STOP_STATUS_STYLE[status].fill,
                  borderColor: STOP_STATUS_STYLE[status].stroke,
                }}
              />
            </dt>
            <dd>{t(`map.stopStatus.${status}`)}</dd>
          </div>
        ))}
    </dl>
  );
}
