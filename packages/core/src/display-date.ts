/** The languages merchants get their messages in. */
export type MessageLanguage = 'en' | 'fr';

// One formatter per language: building an Intl.DateTimeFormat costs about a
// hundred times what formatting with it does, and every message formats dates.
const formatters: Record<MessageLanguage, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
};

/** A date as people read it ("28 February 2028"); UTC, like the billing periods. */
export function formatDisplayDate(date: Date, language: MessageLanguage = 'en'): string {
  return formatters[language].format(date);
}

/** French for a `fr…` locale, English otherwise. */
export function languageOfLocale(locale: string | null | undefined): MessageLanguage {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
