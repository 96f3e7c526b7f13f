import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { useTRPC } from '../../lib/trpc.js';
import { reasonCodes, shortRef } from './matching-view.js';
import { ReasonList } from './reason-list.js';

/** `matching.explain` for one need: what it was given, from where, and why (or why not). */
export function NeedExplanation({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const explained = useQuery(trpc.matching.explain.queryOptions({ needId }));
  if (explained.isPending) return <p className="muted small">{t('app.loading')}</p>;
  if (explained.isError) return <p className="alert alert--error">{t('common.loadFailed')}</p>;
  const { allocations, unmet, reasons } = explained.data;
  return (
    <div
      className="need-explanation"
      aria-label={t('matching.explainTitle', { ref: shortRef(needId) })}
    >
      {allocations.length === 0 && <p className="muted small">{t('matching.explainEmpty')}</p>}
      <ul className="plain-list small">
        {allocations.map((allocation) => (
          <li key={allocation.id}>
            {allocation.source.kind === 'lot'
              ? t('matching.fromLot', {
                  ref: shortRef(allocation.source.lotId),
                  quantity: allocation.quantity,
                })
              : t('matching.fromKitchen', {
                  ref: shortRef(allocation.source.kitchenOrganisationId),
                  quantity: allocation.quantity,
                })}
          </li>
        ))}
      </ul>
      {unmet && (
        <p className="small">
          <strong>{t('matching.missing', { quantity: unmet.quantityMissing })}</strong>
        </p>
      )}
      <ReasonList codes={reasonCodes([...reasons, ...(unmet?.reasons ?? [])])} />
    </div>
  );
}
