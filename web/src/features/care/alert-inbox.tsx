import { useTranslation } from 'react-i18next';

import type { Alert } from '@anbu/contracts';

import { isKnownReason } from './alert-reason.js';
import { DeadlineCountdown } from './deadline-countdown.js';

/** The alerts as a selectable list: severity, what happened, where, and the time left. */
export function AlertInbox({
  alerts,
  selectedId,
  onSelect,
  now,
  districtName,
}: {
  alerts: readonly Alert[];
  selectedId: string | undefined;
  onSelect: (alertId: string) => void;
  now: number;
  districtName: (code: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <ul className="inbox" aria-label={t('care.title')}>
      {alerts.map((alert) => (
        <li key={alert.id}>
          <button
            type="button"
            className={`inbox__item inbox__item--${alert.severity}`}
            aria-pressed={alert.id === selectedId}
            onClick={() => onSelect(alert.id)}
          >
            <span className={`severity severity--${alert.severity}`}>
              {t(`alerts.severity.${alert.severity}`)}
            </span>
            <span className="inbox__main">
              <span className="inbox__title">
                {isKnownReason(alert.reason) ? t(`care.reasons.${alert.reason}`) : alert.summary}
              </span>
              <span className="inbox__meta">
                {districtName(alert.districtCode)} · {t(`alerts.status.${alert.status}`)}
                {alert.escalationLevel > 0 &&
                  ` · ${t('care.escalated', { level: alert.escalationLevel })}`}
              </span>
            </span>
            {alert.status === 'raised' || alert.status === 'escalated' ? (
              <DeadlineCountdown deadline={alert.ackDeadline} now={now} />
            ) : (
              <span className="inbox__done">{t(`alerts.status.${alert.status}`)}</span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
