import { useTranslation } from 'react-i18next';

import type { ShownStop } from './my-route.js';
import { formatTime } from '../../lib/format.js';

/** The route's stops in order; the next one is marked, finished ones are dimmed. */
export function StopList({
  stops,
  nextId,
  onSelect,
}: {
  stops: readonly ShownStop[];
  nextId: string | undefined;
  onSelect: (stopId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  return (
    <ol className="stop-list">
      {stops.map(({ stop, order, status, pending }) => (
        <li key={stop.id}>
          <button
            type="button"
            className={`stop-row stop-row--${status}${stop.id === nextId ? ' stop-row--next' : ''}`}
            onClick={() => onSelect(stop.id)}
          >
            <span className="stop-number" aria-hidden="true">
              {order}
            </span>
            <span className="stop-row__main">
              {stop.id === nextId && <span className="stop-row__next">{t('carrier.next')}</span>}
              <span className="stop-row__name">
                {stop.recipient?.name ?? t(`carrier.kinds.${stop.kind}`)}
              </span>
              <span className="stop-row__meta">
                {stop.recipient?.address.road}
                {stop.recipient && ' · '}
                {t('carrier.eta', { time: formatTime(stop.eta, language) })}
              </span>
            </span>
            <span className="stop-row__status">
              <span className={`stop-chip stop-chip--${status}`}>
                {t(`map.stopStatus.${status}`)}
              </span>
              {pending && <span className="pending-tag">{t('carrier.pendingTag')}</span>}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
