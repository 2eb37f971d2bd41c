import { formatDisplayDate } from '@dropship/core';
import type { MessageLanguage } from '@dropship/core';

export { languageOfLocale } from '@dropship/core';
export type { MessageLanguage } from '@dropship/core';

/** A billing date as people read it ("28 February 2028"); UTC, like the billing periods. */
export function formatBillingDate(date: Date, language: MessageLanguage = 'en'): string {
  return formatDisplayDate(date, language);
}
