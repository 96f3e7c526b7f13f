import type { i18n as I18n } from 'i18next';
import { createInstance } from 'i18next';
import { initReactI18next } from 'react-i18next';

import type { Language } from './resources.js';
import { en } from './en.js';
import { ko } from './ko.js';
import { LANGUAGES, toLanguage } from './resources.js';

/** Where the chosen language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'anbu.language';

/** Both languages' resources, keyed by language (one namespace: `translation`). */
export const RESOURCES = { ko: { translation: ko }, en: { translation: en } } as const;

/**
 * Creates the i18next instance of the app: Korean unless `language` says otherwise, with
 * `<html lang>` kept in step so screen readers pronounce the page correctly.
 * @example const i18n = await createI18n({ language: readStoredLanguage(localStorage) });
 */
export async function createI18n({ language = 'ko' }: { language?: Language } = {}): Promise<I18n> {
  const i18n = createInstance();
  i18n.on('languageChanged', (lng) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  });
  await i18n.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: 'ko',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
  });
  // Whatever the init path, the page's language matches the one chosen.
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;
  return i18n;
}

/** The language chosen on an earlier visit, else Korean (the product is Korean first). */
export function readStoredLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  return toLanguage(storage?.getItem(LANGUAGE_STORAGE_KEY)) ?? 'ko';
}
