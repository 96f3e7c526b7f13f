import type { UIEvent } from 'react';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ClusteredStop } from '../../map/stop-cluster-layer.js';

/** Height of one row in pixels: the list draws only the rows in view (windowing). */
export const ORDER_ROW_PX = 36;
/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 8;

/**
 * The orders on the map as a list that stays quick with thousands of rows: a filter box (by
 * label), and only the rows in view are in the DOM. Picking a row calls `onPick` (the map
 * flies to the stop).
 */
export function OrderList({
  stops,
  height = 300,
  onPick,
}: {
  stops: readonly ClusteredStop[];
  height?: number;
  onPick: (stop: ClusteredStop) => void;
}) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  // Typing stays responsive: the filter over thousands of rows runs at a lower priority.
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => {
    const needle = deferred.trim().toLowerCase();
    return needle ? stops.filter((s) => s.title.toLowerCase().includes(needle)) : stops;
  }, [stops, deferred]);
  const first = Math.max(0, Math.floor(scrollTop / ORDER_ROW_PX) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + height) / ORDER_ROW_PX) + OVERSCAN);
  const rows = shown.slice(first, last);
  return (
    <div className="order-list">
      <input
        type="search"
        className="field__input order-list__filter"
        placeholder={t('planning.orderFilter')}
        aria-label={t('planning.orderFilter')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <p className="muted small order-list__count" aria-live="polite">
        {t('planning.ordersShown', { n: shown.length.toLocaleString(i18n.resolvedLanguage) })}
      </p>
      <div
        className="order-list__viewport"
        style={{ height, overflowY: 'auto' }}
        onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <ul
          className="order-list__rows"
          style={{ height: shown.length * ORDER_ROW_PX, position: 'relative' }}
        >
          {rows.map((stop, index) => (
            <li
              key={stop.id}
              className="order-list__row"
              style={{ top: (first + index) * ORDER_ROW_PX, height: ORDER_ROW_PX }}
            >
              <button type="button" className="order-list__pick" onClick={() => onPick(stop)}>
                <span className={`order-list__dot stop-dot--${stop.status}`} aria-hidden="true" />
                {stop.title}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
