import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useTRPC } from '../../lib/trpc.js';
import { demoCityGeography } from '../../map/demo-city-geography.js';
import { useDistrictNames } from '../../map/use-district-names.js';
import { EnrolHouseholdForm } from './enrol/enrol-household-form.js';
import { FileNeedForm } from './file-need-form.js';

/** The caseworker's ad-hoc needs, newest first, with their status. */
function RecentNeeds() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const districtName = useDistrictNames();
  const needs = useQuery(
    trpc.households.needs.queryOptions(
      { sources: ['ad_hoc'], limit: 20 },
      { refetchInterval: 30_000 },
    ),
  );
  const items = needs.data?.items ?? [];
  if (needs.isPending) return <p className="muted">{t('app.loading')}</p>;
  if (needs.isError) return <p className="alert alert--error">{t('common.loadFailed')}</p>;
  if (items.length === 0) return <p className="empty">{t('households.need.recentEmpty')}</p>;
  return (
    <ul className="item-list">
      {items.map((need) => (
        <li key={need.id} className="item-list__item need-row">
          <span className={`status-chip status-chip--${need.status}`}>
            {t(`households.need.status.${need.status}`)}
          </span>
          <span className="item-list__main">
            <span className="item-list__title">
              {t(`items.categories.${need.category}`)}{' '}
              {t('items.quantity', {
                quantity: need.quantity,
                unit: t(`items.units.${need.unit}`),
              })}
            </span>
            <span className="item-list__meta">
              {districtName(need.districtCode)} ·{' '}
              {t('households.need.deadlineOn', { date: need.deadline })}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The caseworker's household work beside the alert inbox: enrol a household with its consent,
 * or file an ad-hoc need (the household just enrolled is offered first).
 */
export function HouseholdWork({ view }: { view: 'enrol' | 'need' }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ko';
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const districtName = useDistrictNames();
  const [enrolled, setEnrolled] = useState<{ id: string; name: string }>();
  const districts = useMemo(() => {
    const mine = new Set(me.data?.districtCodes ?? []);
    return demoCityGeography(language)
      .districts.filter((d) => mine.size === 0 || mine.has(d.code))
      .sort((a, b) => a.name.localeCompare(b.name, language));
  }, [me.data, language]);

  if (view === 'enrol') {
    return (
      <section className="card household-work" aria-labelledby="enrol-title">
        <h2 id="enrol-title" className="card__title">
          {t('households.enrolTitle')}
        </h2>
        <p className="muted small">{t('households.enrolLead')}</p>
        {enrolled && (
          <p className="notice notice--ok" role="status">
            {t('households.enrolled', { name: enrolled.name })}
          </p>
        )}
        {me.data && <EnrolHouseholdForm districts={districts} onEnrolled={setEnrolled} />}
      </section>
    );
  }
  return (
    <div className="household-work household-work--need">
      <section className="card" aria-labelledby="need-title">
        <h2 id="need-title" className="card__title">
          {t('households.need.title')}
        </h2>
        <p className="muted small">{t('households.need.lead')}</p>
        <FileNeedForm districtName={districtName} recent={enrolled} />
      </section>
      <section className="card" aria-labelledby="recent-needs">
        <h2 id="recent-needs" className="card__title">
          {t('households.need.recentTitle')}
        </h2>
        <RecentNeeds />
      </section>
    </div>
  );
}
