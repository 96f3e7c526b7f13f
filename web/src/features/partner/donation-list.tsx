import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Donation } from '@anbu/contracts';

import { formatDateTime, formatTime, seoulDay } from '../../lib/format.js';
import { useTRPC } from '../../lib/trpc.js';
import { useBookPickup } from './use-donations.js';

/** Picks and books one of the pickup slots dispatch offers for the next two weeks. */
function BookPickup({ donationId }: { donationId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  const id = useId();
  const trpc = useTRPC();
  const [range] = useState(() => {
    const now = new Date();
    return { from: seoulDay(now), to: seoulDay(now.getTime() + 14 * 86_400_000) };
  });
  const slots = useQuery(trpc.donations.pickupSlots.queryOptions(range));
  const book = useBookPickup();
  const open = (slots.data?.items ?? []).filter((slot) => slot.remaining > 0);
  const [slotId, setSlotId] = useState<string>();
  const chosen = slotId ?? open[0]?.id;
  if (slots.isPending) return <p className="muted small">{t('app.loading')}</p>;
  if (open.length === 0) return <p className="muted small">{t('partner.noSlots')}</p>;
  return (
    <div className="book-pickup">
      <label className="visually-hidden" htmlFor={`${id}-slot`}>
        {t('partner.slot')}
      </label>
      <select
        id={`${id}-slot`}
        className="field__input"
        value={chosen}
        onChange={(e) => setSlotId(e.target.value)}
      >
        {open.map((slot) => (
          <option key={slot.id} value={slot.id}>
            {t('partner.slotOption', {
              day: slot.date.slice(5).replace('-', '/'),
              from: formatTime(slot.window.start, language),
              to: formatTime(slot.window.end, language),
              remaining: slot.remaining,
            })}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        disabled={!chosen || book.isPending}
        onClick={() => chosen && book.mutate({ donationId, pickupSlotId: chosen })}
      >
        {t('partner.book')}
      </button>
      {book.isError && <span className="field__error">{t('partner.bookFailed')}</span>}
      {book.isSuccess && <span className="notice notice--ok">{t('partner.booked')}</span>}
    </div>
  );
}

/** The partner's donations with their status, and pickup booking once accepted. */
export function DonationList({ donations }: { donations: readonly Donation[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'ko';
  if (donations.length === 0) return <p className="empty">{t('donations.empty')}</p>;
  return (
    <ul className="item-list">
      {donations.map((donation) => {
        const [first, ...rest] = donation.items;
        return (
          <li key={donation.id} className="item-list__item donation-row">
            <span className={`status-chip status-chip--${donation.status}`}>
              {t(`donations.status.${donation.status}`)}
            </span>
            <span className="item-list__main">
              <span className="item-list__title">
                {first &&
                  `${first.description ?? t(`items.categories.${first.category}`)} ${t(
                    'items.quantity',
                    {
                      quantity: first.quantity,
                      unit: t(`items.units.${first.unit}`),
                    },
                  )}`}
                {rest.length > 0 && ` ${t('donations.moreItems', { count: rest.length })}`}
              </span>
              <span className="item-list__meta">
                {t('donations.postedAt', { time: formatDateTime(donation.createdAt, language) })} ·{' '}
                {donation.pickup.placeName}
                {donation.pickupSlotId && ` · ${t('partner.pickupBooked')}`}
              </span>
              {donation.rejectedReason && (
                <span className="item-list__meta">
                  {t('partner.rejectedBecause', { reason: donation.rejectedReason })}
                </span>
              )}
              {donation.status === 'accepted' && !donation.pickupSlotId && (
                <details className="small">
                  <summary>{t('partner.bookPickup')}</summary>
                  <BookPickup donationId={donation.id} />
                </details>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
