// Billing dates are read the way every message writes them: one formatter per language, in core.
export { formatDisplayDate as formatBillingDate, languageOfLocale } from '@dropship/core';
export type { MessageLanguage } from '@dropship/core';
