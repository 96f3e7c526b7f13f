import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { useTRPC } from '../../lib/trpc.js';

/** The carrier's route of today in figures: stops, how many are done, distance and time. */
export function RouteCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const myRoute = useQuery(trpc.dispatch.myRoute.queryOptions());
  const route = myRoute.data?.route;
  return (
    <section className="card" aria-labelledby="route-card">
      <h2 id="route-card" className="card__title">
        {t('route.title')}
      </h2>
      {myRoute.isPending && <p className="muted">{t('app.loading')}</p>}
      {myRoute.isError && <p className="muted">{t('common.loadFailed')}</p>}
      {myRoute.data && !route && <p className="muted">{t('route.none')}</p>}
      {route && (
        <ul className="figure-list">
          <li>{t('route.stops', { count: route.stops.length })}</li>
          <li>
            {t('route.done', {
              done: route.stops.filter((stop) => stop.status === 'delivered').length,
            })}
          </li>
          <li>{t('route.distance', { km: (route.distanceMeters / 1000).toFixed(1) })}</li>
          <li>{t('route.duration', { minutes: Math.round(route.durationSeconds / 60) })}</li>
        </ul>
      )}
    </section>
  );
}
