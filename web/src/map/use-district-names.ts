import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { demoCityGeography } from './demo-city-geography.js';

/**
 * A lookup from 읍면동 code to its name in the reader's language (the code itself when
 * unknown). Carries the city's geography: use it in lazily loaded screens only.
 */
export function useDistrictNames(): (code: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ko';
  const byCode = useMemo(
    () => new Map(demoCityGeography(language).districts.map((d) => [d.code, d.name])),
    [language],
  );
  return useCallback((code: string) => byCode.get(code) ?? code, [byCode]);
}
