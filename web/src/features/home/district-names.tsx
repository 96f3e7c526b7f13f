import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// The names come with the city's geography, which the main bundle does not carry.
const DistrictNameList = lazy(() => import('./district-name-list.js'));

/** "N districts" and their names, for a caseworker's or dispatcher's area of work. */
export function DistrictNames({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  if (codes.length === 0) return <p className="muted">{t('home.noDistricts')}</p>;
  return (
    <div className="district-names">
      <p className="district-names__count">{t('home.districts', { count: codes.length })}</p>
      <Suspense fallback={null}>
        <DistrictNameList codes={codes} />
      </Suspense>
    </div>
  );
}
