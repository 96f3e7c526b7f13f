import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { useTRPC } from '../../lib/trpc.js';
import { demoCityGeography } from '../../map/demo-city-geography.js';
import { DonationForm } from './donation-form.js';
import { DonationList } from './donation-list.js';
import { ImpactChart } from './impact-chart.js';
import { impactByMonth } from './impact.js';
import { PartnerMap } from './partner-map.js';

/**
 * The partner portal: post a donation, follow the organisation's donations to delivery (and
 * book their pickup), and the impact of what it gave, by month.
 */
export function PartnerScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ko';
  const trpc = useTRPC();
  const districts = useMemo(
    () =>
      [...demoCityGeography(language).districts].sort((a, b) =>
        a.name.localeCompare(b.name, language),
      ),
    [language],
  );
  const donations = useQuery(
    trpc.donations.list.queryOptions({ limit: 200 }, { refetchInterval: 30_000 }),
  );
  const items = useMemo(() => donations.data?.items ?? [], [donations.data]);
  const months = useMemo(() => impactByMonth(items), [items]);
  return (
    <div className="portal">
      <header className="portal__header">
        <h1 className="portal__title">{t('partner.title')}</h1>
        <p className="muted">{t('partner.lead')}</p>
      </header>
      <div className="portal__grid">
        <section className="card" aria-labelledby="post-donation">
          <h2 id="post-donation" className="card__title">
            {t('partner.postTitle')}
          </h2>
          <DonationForm districts={districts} />
        </section>
        <div className="portal__side">
          <section className="card" aria-labelledby="impact">
            <h2 id="impact" className="card__title">
              {t('partner.impactTitle')}
            </h2>
            <p className="muted small">{t('partner.impactLead')}</p>
            <ImpactChart months={months} />
          </section>
          <section className="card" aria-labelledby="our-donations">
            <h2 id="our-donations" className="card__title">
              {t('partner.listTitle')}
            </h2>
            {donations.isPending && <p className="muted">{t('app.loading')}</p>}
            {donations.isError && <p className="alert alert--error">{t('common.loadFailed')}</p>}
            {donations.data && <DonationList donations={items} />}
          </section>
        </div>
      </div>
      <section className="card partner-map-card" aria-labelledby="partner-map">
        <h2 id="partner-map" className="card__title">
          {t('partner.map.title')}
        </h2>
        <PartnerMap />
      </section>
    </div>
  );
}

export default PartnerScreen;
