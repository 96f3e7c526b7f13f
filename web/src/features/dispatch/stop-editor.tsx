import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { PlanView, RouteSummary } from './plan-view.js';

/** Sentinel of the "off every route" choice. */
const OFF_ROUTE = '';

/** Moves the chosen stop to another route (or off every route) and locks or unlocks it. */
export function StopEditor({
  plan,
  summaries,
  stopId,
  onMove,
  onLock,
  pending,
}: {
  plan: PlanView;
  summaries: readonly RouteSummary[];
  stopId: string;
  onMove: (input: { stopId: string; toRouteId?: string }) => void;
  onLock: (input: { stopId: string; locked: boolean }) => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const owner = summaries.find((s) => s.route.stops.some((stop) => stop.id === stopId));
  const stop = owner?.route.stops.find((s) => s.id === stopId);
  const [target, setTarget] = useState(owner?.route.id ?? OFF_ROUTE);
  if (!owner || !stop) return null;
  const order = [...owner.route.stops].sort((a, b) => a.sequence - b.sequence).indexOf(stop) + 1;
  const editable = plan.status === 'draft';
  return (
    <div className="stop-editor stack">
      <p className="stop-editor__title">
        <span className="route-swatch" style={{ background: owner.colour }} aria-hidden="true" />
        {t('planning.routeName', { number: owner.number })} · {order}
        {stop.locked && <span className="lock-tag">🔒 {t('planning.locked')}</span>}
      </p>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-target`}>
          {t('planning.moveTo')}
        </label>
        <select
          id={`${id}-target`}
          className="field__input"
          value={target}
          disabled={!editable}
          onChange={(event) => setTarget(event.target.value)}
        >
          {summaries.map((s) => (
            <option key={s.route.id} value={s.route.id}>
              {t('planning.routeName', { number: s.number })}
            </option>
          ))}
          <option value={OFF_ROUTE}>{t('planning.offRoute')}</option>
        </select>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button--grow"
          disabled={!editable || pending || target === owner.route.id}
          onClick={() => onMove({ stopId, ...(target === OFF_ROUTE ? {} : { toRouteId: target }) })}
        >
          {t('planning.move')}
        </button>
        <button
          type="button"
          className="button button--grow"
          disabled={!editable || pending}
          onClick={() => onLock({ stopId, locked: !stop.locked })}
        >
          {stop.locked ? t('planning.unlock') : t('planning.lock')}
        </button>
      </div>
    </div>
  );
}
