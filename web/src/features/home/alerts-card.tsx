import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { isKnownReason } from '../care/alert-reason.js';

/** The caseworker's open alerts in their districts, most recent first (read-only for now). */
export function AlertsCard() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const alerts = useQuery(trpc.care.alerts.queryOptions({ limit: 20 }));
  return (
    <section className="card" aria-labelledby="alerts-card">
      <h2 id="alerts-card" className="card__title">
        {t('alerts.title')}
      </h2>
      {alerts.isPending && <p className="muted">{t('app.loading')}</p>}
      {alerts.isError && <p className="muted">{t('common.loadFailed')}</p>}
      {alerts.data?.items.length === 0 && <p className="muted">{t('alerts.empty')}</p>}
      {alerts.data && alerts.data.items.length > 0 && (
        <ul className="item-list">
          {alerts.data.items.map((alert) => (
            <li key={alert.id} className="item-list__item">
              <span className={`severity severity--${alert.severity}`}>
                {t(`alerts.severity.${alert.severity}`)}
              </span>
              <span className="item-list__main">
                <span className="item-list__title">
                  {isKnownReason(alert.reason) ? t(`care.reasons.${alert.reason}`) : alert.summary}
                </span>
                <span className="item-list__meta">
                  {t(`alerts.status.${alert.status}`)} ·{' '}
                  {t('alerts.raisedAt', { time: formatDateTime(alert.raisedAt, language) })} ·{' '}
                  {t('alerts.ackBy', { time: formatDateTime(alert.ackDeadline, language) })}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
