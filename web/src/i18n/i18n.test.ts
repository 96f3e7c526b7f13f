import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

import { en } from './en.js';
import { createI18n, readStoredLanguage } from './i18n.js';
import { ko } from './ko.js';

const SRC = join(import.meta.dirname, '..');
const PLURAL_SUFFIXES = ['_zero', '_one', '_two', '_few', '_many', '_other'];

/** Every leaf key of a resource tree, dotted (`auth.errors.required`). */
function leafKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]: [string, unknown]) =>
    typeof value === 'object' && value !== null
      ? leafKeys(value, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const isSource = /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name);
    return isSource ? [path] : [];
  });
}

/** Prefixes of keys built at run time, as in ``t(`roles.${role}`)``: `roles.`. */
function dynamicPrefixes(): string[] {
  const pattern = /\bt\(\s*`([\w.]+)\$\{/g;
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => match[1] ?? ''),
  );
}

/** Literal keys passed to `t('…')`, `i18nKey="…"` or `i18n.t('…')` in the app's sources. */
function usedKeys(): { key: string; file: string }[] {
  const pattern = /\bt\(\s*['"]([\w.]+)['"]|i18nKey=["']([\w.]+)["']/g;
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => ({
      key: match[1] ?? match[2] ?? '',
      file: relative(SRC, file),
    })),
  );
}

describe('i18n resources', () => {
  const koKeys = new Set(leafKeys(ko));
  const enKeys = new Set(leafKeys(en));

  it('should have every Korean key in English', () => {
    expect([...koKeys].filter((key) => !enKeys.has(key))).toEqual([]);
  });

  it('should have every English key in Korean', () => {
    expect([...enKeys].filter((key) => !koKeys.has(key))).toEqual([]);
  });

  it('should have no empty strings', () => {
    const empty = (tree: object) =>
      leafKeys(tree).filter((key) => {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
        return typeof value !== 'string' || value.trim() === '';
      });
    expect(empty(ko)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });

  it('should define every key the sources use', () => {
    const used = usedKeys();
    // Guards the scan itself: an empty result would make this test pass vacuously.
    expect(used.length).toBeGreaterThan(20);
    const missing = used.filter(({ key }) => {
      const candidates = [key, ...PLURAL_SUFFIXES.map((suffix) => `${key}${suffix}`)];
      return !candidates.some((candidate) => koKeys.has(candidate) && enKeys.has(candidate));
    });
    expect(missing).toEqual([]);
  });

  it('should use every key it defines (literally or through a `prefix.${…}` key)', () => {
    const literal = new Set(usedKeys().map(({ key }) => key));
    const prefixes = dynamicPrefixes();
    expect(prefixes).toContain('roles.');
    const unused = [...koKeys].filter((key) => {
      const base = PLURAL_SUFFIXES.reduce(
        (k, suffix) => (k.endsWith(suffix) ? k.slice(0, -suffix.length) : k),
        key,
      );
      return !literal.has(base) && !prefixes.some((prefix) => key.startsWith(prefix));
    });
    expect(unused).toEqual([]);
  });

  it('should keep interpolation variables the same in both languages', () => {
    const variables = (text: string) =>
      [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const lookup = (tree: object, key: string) =>
      String(
        key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree),
      );
    const mismatched = [...koKeys].filter(
      (key) => variables(lookup(ko, key)).join() !== variables(lookup(en, key)).join(),
    );
    expect(mismatched).toEqual([]);
  });
});

describe('createI18n', () => {
  it('should speak Korean by default and English after a switch', async () => {
    const i18n = await createI18n();
    expect(i18n.t('auth.submit')).toBe('로그인');
    await i18n.changeLanguage('en');
    expect(i18n.t('auth.submit')).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
  });

  it('should pluralise in English', async () => {
    const i18n = await createI18n({ language: 'en' });
    expect(i18n.t('home.districts', { count: 1 })).toBe('1 district');
    expect(i18n.t('home.districts', { count: 3 })).toBe('3 districts');
  });
});

describe('readStoredLanguage', () => {
  it('should fall back to Korean for a missing or unknown language', () => {
    expect(readStoredLanguage(undefined)).toBe('ko');
    expect(readStoredLanguage({ getItem: () => 'fr' })).toBe('ko');
    expect(readStoredLanguage({ getItem: () => 'en-GB' })).toBe('en');
  });
});
