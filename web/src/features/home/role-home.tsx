import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

import type { Me } from '../auth/use-session.js';
import { OverviewScreen } from './overview-screen.js';

// The map and Leaflet load only for the roles that see them.
const DispatchScreen = lazy(() => import('../dispatch/dispatch-screen.js'));
const CaseworkerScreen = lazy(() => import('../care/caseworker-screen.js'));
const CarrierScreen = lazy(() => import('../carrier/carrier-screen.js'));
const PartnerScreen = lazy(() => import('../partner/partner-screen.js'));
const ProgramScreen = lazy(() => import('../programs/program-screen.js'));

/** The first screen after sign-in, chosen by the role the user acts in. */
export function RoleHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const fallback = <div className="splash">{t('app.loading')}</div>;
  switch (me.role) {
    case 'dispatcher':
      return (
        <Suspense fallback={fallback}>
          <DispatchScreen />
        </Suspense>
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
        <Suspense fallback={fallback}>
          <ProgramScreen />
        </Suspense>
      );
    default:
      return <OverviewScreen me={me} />;
  }
}
