import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useTRPC } from '../../lib/trpc.js';
import { useNow } from '../../lib/use-now.js';
import { useDistrictNames } from '../../map/use-district-names.js';
import { HouseholdWork } from '../households/household-work.js';
import { AlertDetail } from './alert-detail.js';
import { AlertInbox } from './alert-inbox.js';
import { sortAlerts } from './alert-order.js';

type View = 'open' | 'resolved';
type Tab = 'alerts' | 'enrol' | 'need';
const TABS: readonly Tab[] = ['alerts', 'enrol', 'need'];

/** The caseworker's work: the alert inbox, enrolling a household, filing an ad-hoc need. */
export function CaseworkerScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('alerts');
  return (
    <div className="caseworker">
      <nav className="tab-bar" aria-label={t('care.title')}>
        {TABS.map((option) => (
          <button
            key={option}
            type="button"
            className="tab-bar__tab"
            aria-pressed={tab === option}
            onClick={() => setTab(option)}
          >
            {t(`households.tabs.${option}`)}
          </button>
        ))}
      </nav>
      {tab === 'alerts' ? (
        <AlertWork />
      ) : (
        <div className="caseworker__work">
          <HouseholdWork view={tab} />
        </div>
      )}
    </div>
  );
}

/**
 * The caseworker's alert inbox: open (or resolved) alerts of their districts in working order
 * with a live countdown to each deadline, and the chosen alert beside the list. The inbox asks
 * again every 30 s, so a new alert appears without reloading.
 */
function AlertWork() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const now = useNow(15_000);
  const districtName = useDistrictNames();
  const [view, setView] = useState<View>('open');
  const [selectedId, setSelectedId] = useState<string>();
  const [resolvedNotice, setResolvedNotice] = useState(false);
  const alerts = useQuery(
    trpc.care.alerts.queryOptions(
      {
        limit: 200,
        statuses: view === 'open' ? ['raised', 'escalated', 'acknowledged'] : ['resolved'],
      },
      { refetchInterval: 30_000 },
    ),
  );
  const sorted = useMemo(() => sortAlerts(alerts.data?.items ?? []), [alerts.data]);
  const selected = sorted.find((alert) => alert.id === selectedId);
  return (
    <div className="work-screen">
      <section className="work-screen__list" aria-labelledby="care-title">
        <header className="work-screen__header">
          <h1 id="care-title" className="work-screen__title">
            {t('care.title')}
            {alerts.data && (
              <span className="count-badge">{t('care.count', { count: sorted.length })}</span>
            )}
          </h1>
          <p className="muted small">{t('care.lead')}</p>
          <div className="segmented" role="group" aria-label={t('care.filterLabel')}>
            {(['open', 'resolved'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="segmented__option"
                aria-pressed={view === option}
                onClick={() => setView(option)}
              >
                {option === 'open' ? t('care.showOpen') : t('care.showResolved')}
              </button>
            ))}
          </div>
        </header>
        {resolvedNotice && (
          <p className="notice notice--ok" role="status">
            {t('care.resolved')}
          </p>
        )}
        {alerts.isPending && <p className="muted">{t('app.loading')}</p>}
        {alerts.isError && <p className="alert alert--error">{t('common.loadFailed')}</p>}
        {alerts.data && sorted.length === 0 && (
          <p className="empty">{view === 'open' ? t('alerts.empty') : t('care.resolvedEmpty')}</p>
        )}
        <AlertInbox
          alerts={sorted}
          selectedId={selectedId}
          onSelect={(alertId) => {
            setSelectedId(alertId);
            setResolvedNotice(false);
          }}
          now={now}
          districtName={districtName}
        />
      </section>
      <section className="work-screen__detail" aria-live="polite">
        {selected ? (
          <AlertDetail
            key={selected.id}
            alert={selected}
            now={now}
            districtName={districtName}
            onResolved={() => {
              setResolvedNotice(true);
              setSelectedId(undefined);
            }}
          />
        ) : (
          <p className="empty">{t('care.pickAlert')}</p>
        )}
      </section>
    </div>
  );
}

export default CaseworkerScreen;
