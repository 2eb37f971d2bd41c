export const Locales = ['en', 'fr'] as const;
export type Locale = (typeof Locales)[number];

/** Key under which the standalone language switch remembers the choice. */
export const LOCALE_STORAGE_KEY = 'dropship.locale';

export interface ChooseLocaleParams {
  embedded: boolean;
  /** The admin's `locale` query parameter (e.g. `fr`, `fr-CA`), set by Shopify. */
  shopLocale: string | null;
  storedLocale: string | null;
  navigatorLanguages: readonly string[];
}

/** Maps a BCP 47 tag to a supported locale, or null when we do not speak it. */
export function toLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const language = tag.toLowerCase().split(/[-_]/)[0];
  return Locales.find((locale) => locale === language) ?? null;
}

/** Embedded: the admin's language. Standalone: the owner's choice, then the browser's languages. */
export function chooseLocale(params: ChooseLocaleParams): Locale {
  if (params.embedded) return toLocale(params.shopLocale) ?? 'en';
  const stored = toLocale(params.storedLocale);
  if (stored) return stored;
  for (const tag of params.navigatorLanguages) {
    const locale = toLocale(tag);
    if (locale) return locale;
  }
  return 'en';
}
