import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import type { Me } from '../auth/use-session.js';
import { formatTime } from '../../lib/format.js';
import { errorCode, useTRPC } from '../../lib/trpc.js';
import { AlertsCard } from './alerts-card.js';
import { DistrictNames } from './district-names.js';
import { DonationsCard } from './donations-card.js';
import { RouteCard } from './route-card.js';

/** `Object.entries` that keeps the key type (the service names). */
function entriesOf<K extends string, V>(record: Readonly<Record<K, V>>): [K, V][] {
  return Object.entries(record) as [K, V][];
}

/** The system's health, for the roles allowed to see it (others get FORBIDDEN and no card). */
function SystemStatusCard() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const health = useQuery(trpc.system.health.queryOptions(undefined, { refetchInterval: 30_000 }));
  // Only the roles allowed to see it get a card: nothing while asking, nothing on FORBIDDEN.
  if (health.isPending || (health.isError && errorCode(health.error) === 'FORBIDDEN')) return null;
  return (
    <section className="card" aria-labelledby="system-status">
      <h2 id="system-status" className="card__title">
        {t('home.systemStatus')}
      </h2>
      {health.isError && <p className="muted">{t('home.statusUnavailable')}</p>}
      {health.data && (
        <>
          <ul className="service-list">
            {entriesOf(health.data.services).map(([name, service]) => (
              <li key={name} className="service-list__item">
                <span className="service-list__name">{t(`services.${name}`)}</span>
                <span
                  className={`status-dot status-dot--${service.status === 'ok' ? 'up' : 'down'}`}
                >
                  {service.status === 'ok' ? t('home.serviceUp') : t('home.serviceDown')}
                </span>
              </li>
            ))}
          </ul>
          <p className="muted small">
            {t('home.checkedAt', {
              time: formatTime(health.dataUpdatedAt, i18n.resolvedLanguage ?? 'ko'),
            })}
          </p>
        </>
      )}
    </section>
  );
}

/**
 * The home of roles whose own screens are not built yet: who the user is, the roles and
 * districts they hold, what the gateway already serves for the role (a caseworker's open
 * alerts, a partner's donations, a carrier's route of today) and, where allowed, the system's
 * health. Read-only: no buttons for features that do not exist yet.
 */
export function OverviewScreen({ me }: { me: Me }) {
  const { t } = useTranslation();
  const canDispatch =
    me.role !== 'dispatcher' && me.memberships.some((m) => m.role === 'dispatcher');
  return (
    <div className="overview">
      <header className="overview__header">
        <h1 className="overview__title">{t('home.greeting', { name: me.user.displayName })}</h1>
        <p className="overview__lead">{t('home.actingAs', { role: t(`roles.${me.role}`) })}</p>
      </header>
      <div className="overview__grid">
        <section className="card" aria-labelledby="your-roles">
          <h2 id="your-roles" className="card__title">
            {t('home.yourRoles')}
          </h2>
          <ul className="role-list">
            {me.memberships.map((m) => (
              <li
                key={`${m.role}:${m.organisationId}`}
                className="role-list__item"
                aria-current={m.role === me.role && m.organisationId === me.organisationId}
              >
                <span className="tag">{t(`roles.${m.role}`)}</span>
              </li>
            ))}
          </ul>
          {/* Partners and carriers work for an organisation, not for districts. */}
          {(me.districtCodes.length > 0 || me.role === 'caseworker') && (
            <DistrictNames codes={me.districtCodes} />
          )}
          {canDispatch && <p className="muted small">{t('home.switchToDispatch')}</p>}
        </section>
        {me.role === 'caseworker' && <AlertsCard />}
        {me.role === 'partner' && <DonationsCard />}
        {me.role === 'carrier' && <RouteCard />}
        <SystemStatusCard />
      </div>
    </div>
  );
}
