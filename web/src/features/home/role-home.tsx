import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

import type { Me } from '../auth/use-session.js';
import { TabbedScreen } from '../shell/tabbed-screen.js';
import { OverviewScreen } from './overview-screen.js';

// The map and Leaflet load only for the roles that see them.
const DispatchScreen = lazy(() => import('../dispatch/dispatch-screen.js'));
const CaseworkerScreen = lazy(() => import('../care/caseworker-screen.js'));
const CarrierScreen = lazy(() => import('../carrier/carrier-screen.js'));
const PartnerScreen = lazy(() => import('../partner/partner-screen.js'));
const ProgramScreen = lazy(() => import('../programs/program-screen.js'));
const MatchingScreen = lazy(() => import('../matching/matching-screen.js'));
const AdminScreen = lazy(() => import('../admin/admin-screen.js'));

/** The first screen after sign-in, chosen by the role the user acts in. */
export function RoleHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const fallback = <div className="splash">{t('app.loading')}</div>;
  const matching = {
    id: 'matching',
    label: t('matching.tab'),
    render: () => (
      <Suspense fallback={fallback}>
        <MatchingScreen />
      </Suspense>
    ),
  };
  switch (me.role) {
    case 'dispatcher':
      return (
        <TabbedScreen
          label={t('roles.dispatcher')}
          tabs={[
            {
              id: 'dispatch',
              label: t('dispatch.title'),
              render: () => (
                <Suspense fallback={fallback}>
                  <DispatchScreen />
                </Suspense>
              ),
            },
            matching,
          ]}
        />
      );
    case 'caseworker':
      return (
        <Suspense fallback={fallback}>
          <CaseworkerScreen />
        </Suspense>
      );
    case 'carrier':
      return (
        <Suspense fallback={fallback}>
          <CarrierScreen />
        </Suspense>
      );
    case 'partner':
      return (
        <Suspense fallback={fallback}>
          <PartnerScreen />
        </Suspense>
      );
    case 'program_manager':
      return (
        <TabbedScreen
          label={t('roles.program_manager')}
          tabs={[
            {
              id: 'figures',
              label: t('programs.title'),
              render: () => (
                <Suspense fallback={fallback}>
                  <ProgramScreen />
                </Suspense>
              ),
            },
            matching,
          ]}
        />
      );
    case 'admin':
    case 'auditor':
      return (
        <TabbedScreen
          label={t(`roles.${me.role}`)}
          tabs={[
            {
              id: 'accounts',
              label: t('admin.tab'),
              render: () => (
                <Suspense fallback={fallback}>
                  <AdminScreen me={me} />
                </Suspense>
              ),
            },
            {
              id: 'overview',
              label: t('admin.overviewTab'),
              render: () => <OverviewScreen me={me} />,
            },
          ]}
        />
      );
    default:
      return <OverviewScreen me={me} />;
  }
}
