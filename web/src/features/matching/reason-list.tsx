import { useTranslation } from 'react-i18next';

import type { AllocationReason } from '@anbu/contracts';

/** Why a need was matched or not, in the reader's language (from the reason codes). */
export function ReasonList({ codes }: { codes: readonly AllocationReason['code'][] }) {
  const { t } = useTranslation();
  return (
    <ul className="reason-list">
      {codes.map((code) => (
        <li key={code} className={`reason reason--${code}`}>
          {t(`matching.reasons.${code}`)}
        </li>
      ))}
    </ul>
  );
}
