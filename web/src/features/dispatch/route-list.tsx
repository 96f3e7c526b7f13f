import { useTranslation } from 'react-i18next';

import type { RouteSummary } from './plan-view.js';
import { formatTime } from '../../lib/format.js';

/** The plan's routes with their colour, load, distance, duration and stops on time. */
export function RouteList({
  summaries,
  selectedStopId,
  onSelectStop,
}: {
  summaries: readonly RouteSummary[];
  selectedStopId: string | undefined;
  onSelectStop: (stopId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  if (summaries.length === 0) return <p className="muted">{t('planning.noRoutes')}</p>;
  return (
    <ul className="route-list">
      {summaries.map((summary) => (
        <li key={summary.route.id} className="route-list__item">
          <details open={summary.route.stops.some((s) => s.id === selectedStopId)}>
            <summary className="route-list__summary">
              <span
                className="route-swatch"
                style={{ background: summary.colour }}
                aria-hidden="true"
              />
              <span className="route-list__name">
                {t('planning.routeName', { number: summary.number })}
              </span>
              <span className="route-list__figures">
                <span>{t('planning.stopsCount', { count: summary.stops })}</span>
                <span>{t('planning.load', { boxes: summary.boxes, kg: summary.kg })}</span>
                <span>{t('planning.km', { km: summary.km })}</span>
                <span>{t('planning.minutes', { minutes: summary.minutes })}</span>
                <span className={summary.onTime < summary.stops ? 'late' : undefined}>
                  {t('planning.onTime', { onTime: summary.onTime, total: summary.stops })}
                </span>
              </span>
            </summary>
            <ol className="route-stops">
              {[...summary.route.stops]
                .sort((a, b) => a.sequence - b.sequence)
                .map((stop, index) => (
                  <li key={stop.id}>
                    <button
                      type="button"
                      className="route-stops__item"
                      aria-pressed={stop.id === selectedStopId}
                      onClick={() => onSelectStop(stop.id)}
                    >
                      <span className="route-stops__order">{index + 1}</span>
                      <span>{formatTime(stop.eta, language)}</span>
                      <span className={`stop-chip stop-chip--${stop.status}`}>
                        {t(`map.stopStatus.${stop.status}`)}
                      </span>
                      {stop.locked && <span className="lock-tag">🔒 {t('planning.locked')}</span>}
                    </button>
                  </li>
                ))}
            </ol>
          </details>
        </li>
      ))}
    </ul>
  );
}
