import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { isKnownReason } from './alert-reason.js';

/**
 * One household's welfare record, newest first: carriers' visit reports, what they observed,
 * automated check-in signals and alerts, merged by the care service.
 */
export function HouseholdTimeline({ householdId }: { householdId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const timeline = useQuery(trpc.care.timeline.queryOptions({ householdId, limit: 50 }));
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <h3 id="timeline-title" className="section-title">
        {t('care.timelineTitle')}
      </h3>
      {timeline.isPending && <p className="muted small">{t('app.loading')}</p>}
      {timeline.isError && <p className="muted small">{t('common.loadFailed')}</p>}
      {timeline.data?.items.length === 0 && (
        <p className="muted small">{t('care.timelineEmpty')}</p>
      )}
      <ol className="timeline__list">
        {timeline.data?.items.map((entry, index) => (
          <li
            key={`${entry.kind}-${entry.at}-${index}`}
            className={`timeline__item timeline__item--${entry.kind}`}
          >
            <span className="timeline__time">{formatDateTime(entry.at, language)}</span>
            <span className="timeline__kind">{t(`care.timelineKinds.${entry.kind}`)}</span>
            <span className="timeline__text">
              {entry.kind === 'alert' &&
                `${t(`alerts.severity.${entry.alert.severity}`)} · ${
                  isKnownReason(entry.alert.reason)
                    ? t(`care.reasons.${entry.alert.reason}`)
                    : entry.alert.reason
                } · ${t(`alerts.status.${entry.alert.status}`)}`}
              {entry.kind === 'observation' &&
                (isKnownReason(entry.observation.kind)
                  ? t(`care.reasons.${entry.observation.kind}`)
                  : t('care.allWell'))}
              {entry.kind === 'visit' &&
                (entry.visit.checklist.seenInPerson ? t('care.seen') : t('care.notSeen'))}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
