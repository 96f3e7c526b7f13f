import type { ko } from './ko.js';

/** A resource tree with the same keys as {@link ko} and any string at its leaves. */
export type Translation<T = typeof ko> = {
  readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};

/** The languages of the web app; the first is the default. */
export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Narrows a stored or browser language tag to one we ship. */
export function toLanguage(tag: string | null | undefined): Language | undefined {
  const base = tag?.toLowerCase().split('-')[0];
  return LANGUAGES.find((language) => language === base);
}
