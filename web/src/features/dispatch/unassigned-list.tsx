import { useTranslation } from 'react-i18next';

import type { PlanView } from './plan-view.js';
import { isKnownReason } from './reason-label.js';

/** Orders the plan could not serve, counted by reason, each with the solver's message. */
export function UnassignedList({ unassigned }: { unassigned: PlanView['unassigned'] }) {
  const { t } = useTranslation();
  if (unassigned.length === 0) return <p className="muted small">{t('planning.noUnassigned')}</p>;
  const byReason = new Map<string, PlanView['unassigned']>();
  for (const order of unassigned)
    byReason.set(order.reason, [...(byReason.get(order.reason) ?? []), order]);
  return (
    <ul className="unassigned-list">
      {[...byReason].map(([reason, orders]) => (
        <li key={reason}>
          <details>
            <summary>
              <span className="unassigned-list__reason">
                {isKnownReason(reason)
                  ? t(`planning.reasons.${reason}`)
                  : t('planning.otherReason')}
              </span>
              <span className="count-badge count-badge--muted">{orders.length}</span>
            </summary>
            <ul className="unassigned-list__orders">
              {orders.slice(0, 100).map((order) => (
                <li key={order.orderId} className="small">
                  <span className="mono">{order.orderId.slice(0, 8)}</span> {order.message}
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}
