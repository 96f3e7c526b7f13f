import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Alert } from '@anbu/contracts';

import { formatDateTime } from '../../lib/format.js';
import { errorCode, useTRPC } from '../../lib/trpc.js';
import { canAcknowledge } from './alert-order.js';
import { isKnownReason } from './alert-reason.js';
import { summaryParts } from './alert-summary.js';
import { DeadlineCountdown } from './deadline-countdown.js';
import { HouseholdTimeline } from './household-timeline.js';
import { ResolveForm } from './resolve-form.js';
import { useAlertActions } from './use-alert-actions.js';

/** One alert: what, where and when, and the buttons to acknowledge and resolve it. */
export function AlertDetail({
  alert,
  now,
  districtName,
  onResolved,
}: {
  alert: Alert;
  now: number;
  districtName: (code: string) => string;
  /** Called once the service has recorded the resolution. */
  onResolved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  const id = useId();
  const [ackNote, setAckNote] = useState('');
  const { acknowledge, resolve } = useAlertActions();
  const failed = acknowledge.error ?? resolve.error;
  // The same query as the timeline below (one request): the alert's observations, as codes.
  const trpc = useTRPC();
  const timeline = useQuery(
    trpc.care.timeline.queryOptions({ householdId: alert.householdId, limit: 50 }),
  );
  const parts = summaryParts(alert, timeline.data?.items);
  const summary =
    parts.kind === 'concerns'
      ? t('care.summary', {
          concerns: parts.concerns.map((kind) => t(`care.reasons.${kind}`)).join(', '),
        })
      : parts.kind === 'reason'
        ? t('care.summary', { concerns: t(`care.reasons.${parts.reason}`) })
        : parts.text;
  return (
    <article className="alert-detail" aria-labelledby={`${id}-title`}>
      <header className="alert-detail__header">
        <span className={`severity severity--${alert.severity}`}>
          {t(`alerts.severity.${alert.severity}`)}
        </span>
        <h2 id={`${id}-title`} className="alert-detail__title">
          {isKnownReason(alert.reason) ? t(`care.reasons.${alert.reason}`) : alert.reason}
        </h2>
      </header>
      <p className="alert-detail__summary">{summary}</p>
      <dl className="facts">
        <div>
          <dt>{t('care.district')}</dt>
          <dd>{districtName(alert.districtCode)}</dd>
        </div>
        <div>
          <dt>{t('care.household')}</dt>
          <dd className="mono">{alert.householdId.slice(0, 8)}</dd>
        </div>
        <div>
          <dt>{t('care.raised')}</dt>
          <dd>{formatDateTime(alert.raisedAt, language)}</dd>
        </div>
        <div>
          <dt>{t('care.deadline')}</dt>
          <dd>
            {formatDateTime(alert.ackDeadline, language)}{' '}
            {canAcknowledge(alert) && <DeadlineCountdown deadline={alert.ackDeadline} now={now} />}
          </dd>
        </div>
      </dl>
      {alert.escalationLevel > 0 && (
        <p className="notice notice--warn">
          {t('care.escalated', { level: alert.escalationLevel })}
        </p>
      )}
      {alert.acknowledgedAt && (
        <p className="muted small">
          {t('care.acknowledgedAt', { time: formatDateTime(alert.acknowledgedAt, language) })}
        </p>
      )}
      {acknowledge.isSuccess && (
        <p className="notice notice--ok" role="status">
          {t('care.acknowledged')}
        </p>
      )}
      {failed && (
        <p className="alert alert--error" role="alert">
          {errorCode(failed) === 'CONFLICT' ? t('care.alreadyChanged') : t('care.actionFailed')}
        </p>
      )}
      {alert.status === 'resolved' ? (
        <p className="notice notice--ok" role="status">
          {alert.resolvedAt &&
            t('care.resolvedAt', { time: formatDateTime(alert.resolvedAt, language) })}
          {alert.resolution && ` · ${t(`care.resolutions.${alert.resolution}`)}`}
          {alert.followUpRequestId && ` · ${t('care.followUpRequested')}`}
        </p>
      ) : (
        <>
          {canAcknowledge(alert) && (
            <div className="stack">
              <div className="field">
                <label className="field__label" htmlFor={`${id}-ack-note`}>
                  {t('care.note')}
                </label>
                <input
                  id={`${id}-ack-note`}
                  className="field__input"
                  maxLength={500}
                  value={ackNote}
                  onChange={(event) => setAckNote(event.target.value)}
                />
                <span className="field__hint">{t('care.acknowledgeHint')}</span>
              </div>
              <button
                type="button"
                className="button button--primary"
                disabled={acknowledge.isPending}
                onClick={() =>
                  acknowledge.mutate({
                    alertId: alert.id,
                    ...(ackNote.trim() ? { note: ackNote.trim() } : {}),
                  })
                }
              >
                {acknowledge.isPending ? t('care.saving') : t('care.acknowledge')}
              </button>
            </div>
          )}
          <ResolveForm
            pending={resolve.isPending}
            onSubmit={(resolution) =>
              resolve.mutate({ alertId: alert.id, ...resolution }, { onSuccess: onResolved })
            }
          />
        </>
      )}
      <HouseholdTimeline householdId={alert.householdId} />
    </article>
  );
}
