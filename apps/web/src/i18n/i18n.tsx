import type { ReactNode } from 'react';
import { createContext, useContext, useMemo } from 'react';
import type { Money } from '../api/types';
import type { Locale } from './locale';
import type { MessageKey, Messages } from './messages-en';
import { en } from './messages-en';
import { fr } from './messages-fr';

const catalogs: Record<Locale, Messages> = { en, fr };

type Vars = Record<string, string | number>;
type PluralBase<K> = K extends `${infer Base}.one` ? Base : never;
/** Keys that have `.one` / `.other` forms. */
export type PluralKey = PluralBase<MessageKey>;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Picks the plural form for `count` (French counts 0 and 1 as singular) and fills `{count}`. */
  tn: (key: PluralKey, count: number, vars?: Vars) => string;
  /** Dates of billing periods are UTC days on the server, so they are shown in UTC. */
  formatDate: (iso: string | null | undefined) => string;
  formatDateTime: (iso: string | null | undefined) => string;
  formatMoney: (money: Money) => string;
}

function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Builds the translation helpers of one locale. */
export function createI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  const messages = catalogs[locale];
  const plural = new Intl.PluralRules(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const t = (key: MessageKey, vars?: Vars) => fill(messages[key], vars);
  return {
    locale,
    setLocale,
    t,
    tn: (key, count, vars) => {
      const form = plural.select(count) === 'one' ? 'one' : 'other';
      return t(`${key}.${form}` as MessageKey, { count, ...vars });
    },
    formatDate: (iso) => {
      if (!iso) return messages['common.unknownDate'];
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? messages['common.unknownDate'] : dateFormat.format(date);
    },
    formatDateTime: (iso) => {
      const date = new Date(iso ?? '');
      return Number.isNaN(date.getTime()) ? messages['common.unknownDate'] : dateTimeFormat.format(date);
    },
    formatMoney: (money) => {
      const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(money.amountMinor / 10 ** digits);
    },
  };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  children: ReactNode;
}) {
  const { locale, setLocale } = props;
  const value = useMemo(() => createI18n(locale, setLocale), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>.');
  return value;
}
