export { createI18n, readStoredLanguage, LANGUAGE_STORAGE_KEY, RESOURCES } from './i18n.js';
export { LANGUAGES, toLanguage } from './resources.js';
export type { Language, Translation } from './resources.js';
