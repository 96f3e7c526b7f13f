import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { demoCityGeography } from '../../map/demo-city-geography.js';

/** The names of the districts with these codes, in the reader's language. */
export default function DistrictNameList({ codes }: { codes: readonly string[] }) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ko';
  const names = useMemo(() => {
    const byCode = new Map(demoCityGeography(language).districts.map((d) => [d.code, d.name]));
    return codes.map((code) => byCode.get(code) ?? code);
  }, [codes, language]);
  return (
    <ul className="chip-list">
      {names.map((name) => (
        <li key={name} className="chip">
          {name}
        </li>
      ))}
    </ul>
  );
}
