import { useTranslation } from 'react-i18next';

import type { Language } from '../../i18n/index.js';
import { LANGUAGE_STORAGE_KEY, LANGUAGES } from '../../i18n/index.js';

/** 한국어 | English: a two-button toggle that remembers the choice in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const choose = (language: Language) => {
    void i18n.changeLanguage(language);
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Private browsing can forbid storage; the switch still works for this visit.
    }
  };
  return (
    <div className="segmented" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="segmented__option"
          aria-pressed={i18n.resolvedLanguage === language}
          onClick={() => choose(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
