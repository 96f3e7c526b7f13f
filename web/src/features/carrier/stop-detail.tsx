import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { WelfareChecklist } from '@anbu/contracts';

import type { ShownStop } from './my-route.js';
import type { StopReport } from './outbox.js';
import { formatTime } from '../../lib/format.js';
import { isFinished } from './my-route.js';
import { WelfareChecklistForm } from './welfare-checklist-form.js';

/** What the carrier reported at a stop, for the screen to queue. */
export interface StopOutcome {
  readonly status: StopReport['status'];
  readonly checklist?: WelfareChecklist;
  readonly note?: string;
}

/**
 * One stop: who, where, how to get in, and the buttons to report it. Delivered and refused
 * ask for the welfare check first (the person was at the door); arrived and not home are one tap.
 */
export function StopDetail({
  shown,
  onReport,
  onBack,
}: {
  shown: ShownStop;
  onReport: (outcome: StopOutcome) => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  const [checking, setChecking] = useState<'delivered' | 'refused'>();
  const { stop, status } = shown;
  const recipient = stop.recipient;
  const finished = isFinished(status);
  return (
    <article className="stop-detail" aria-labelledby="stop-detail-title">
      <button type="button" className="button button--quiet stop-detail__back" onClick={onBack}>
        ← {t('carrier.back')}
      </button>
      <header className="stop-detail__header">
        <span className="stop-number" aria-hidden="true">
          {shown.order}
        </span>
        <div>
          <p className="muted small">
            {t('carrier.stopTitle', { order: shown.order })} · {t(`carrier.kinds.${stop.kind}`)}
          </p>
          <h2 id="stop-detail-title" className="stop-detail__title">
            {recipient?.name ?? t('carrier.noRecipient')}
          </h2>
        </div>
        <span className={`stop-chip stop-chip--${status}`}>{t(`map.stopStatus.${status}`)}</span>
      </header>
      {shown.pending && <p className="notice notice--warn">{t('carrier.pendingTag')}</p>}
      <dl className="facts facts--single">
        {recipient && (
          <div>
            <dt>{t('carrier.address')}</dt>
            <dd>
              {recipient.address.road}
              {recipient.address.detail && ` ${recipient.address.detail}`}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('carrier.eta', { time: '' }).trim()}</dt>
          <dd>
            {formatTime(stop.eta, language)}
            {stop.window &&
              ` · ${t('carrier.window', {
                from: formatTime(stop.window.start, language),
                to: formatTime(stop.window.end, language),
              })}`}
          </dd>
        </div>
        {recipient?.accessNotes && (
          <div>
            <dt>{t('carrier.accessNotes')}</dt>
            <dd>{recipient.accessNotes}</dd>
          </div>
        )}
      </dl>
      {recipient?.contact && (
        <a className="button" href={`tel:${recipient.contact.phone.replace(/[^+0-9]/g, '')}`}>
          {t('carrier.call', { name: recipient.contact.name })}
        </a>
      )}
      {!finished && !checking && (
        <div className="action-grid">
          {status === 'planned' && (
            <button
              type="button"
              className="button action action--arrived"
              onClick={() => onReport({ status: 'arrived' })}
            >
              {t('carrier.arrived')}
            </button>
          )}
          <button
            type="button"
            className="button button--primary action"
            onClick={() => setChecking('delivered')}
          >
            {t('carrier.delivered')}
          </button>
          <button
            type="button"
            className="button action action--not-home"
            onClick={() => onReport({ status: 'not_home' })}
          >
            {t('carrier.notHome')}
          </button>
          <button
            type="button"
            className="button action action--refused"
            onClick={() => setChecking('refused')}
          >
            {t('carrier.refusedAction')}
          </button>
        </div>
      )}
      {checking && (
        <WelfareChecklistForm
          submitLabel={
            checking === 'delivered' ? t('carrier.saveDelivered') : t('carrier.saveRefused')
          }
          onCancel={() => setChecking(undefined)}
          onSubmit={({ checklist, note }) => {
            setChecking(undefined);
            onReport({ status: checking, checklist, ...(note ? { note } : {}) });
          }}
        />
      )}
    </article>
  );
}
