const formatters = {
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
};

export type MessageLanguage = keyof typeof formatters;

/** A billing date as people read it ("28 February 2028"); UTC, like the billing periods. */
export function formatBillingDate(date: Date, language: MessageLanguage = 'en'): string {
  return formatters[language].format(date);
}

export function languageOfLocale(locale: string | null | undefined): MessageLanguage {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
