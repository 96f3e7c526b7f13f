import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';

/** The partner's own donations and where each one is (read-only for now). */
export function DonationsCard() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const donations = useQuery(trpc.donations.list.queryOptions({ limit: 20 }));
  return (
    <section className="card" aria-labelledby="donations-card">
      <h2 id="donations-card" className="card__title">
        {t('donations.title')}
      </h2>
      {donations.isPending && <p className="muted">{t('app.loading')}</p>}
      {donations.isError && <p className="muted">{t('common.loadFailed')}</p>}
      {donations.data?.items.length === 0 && <p className="muted">{t('donations.empty')}</p>}
      {donations.data && donations.data.items.length > 0 && (
        <ul className="item-list">
          {donations.data.items.map((donation) => {
            const [first, ...rest] = donation.items;
            return (
              <li key={donation.id} className="item-list__item">
                <span className={`status-chip status-chip--${donation.status}`}>
                  {t(`donations.status.${donation.status}`)}
                </span>
                <span className="item-list__main">
                  <span className="item-list__title">
                    {first &&
                      `${first.description ?? t(`items.categories.${first.category}`)} ${t(
                        'items.quantity',
                        { quantity: first.quantity, unit: t(`items.units.${first.unit}`) },
                      )}`}
                    {rest.length > 0 && ` ${t('donations.moreItems', { count: rest.length })}`}
                  </span>
                  <span className="item-list__meta">
                    {t('donations.postedAt', {
                      time: formatDateTime(donation.createdAt, language),
                    })}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
