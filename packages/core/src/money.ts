import { InvalidInputError } from './errors';

/** An amount in integer minor units (cents) with its ISO 4217 currency code. */
export interface Money {
  amountMinor: number;
  /** Three uppercase letters: `EUR`, `USD`, `JPY`. */
  currency: string;
}

export type MoneyProblem = 'amount_not_integer' | 'currency_malformed' | 'currency_unknown';

export type ValidateMoneyResult =
  { ok: true; value: Money } | { ok: false; problem: MoneyProblem; message: string };

const currencyPattern = /^[A-Z]{3}$/;

let knownCurrencies: ReadonlySet<string> | undefined;

function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

/** Checks an amount and currency; failures come back as values with a message saying what to fix. */
export function validateMoney(amountMinor: number, currency: string): ValidateMoneyResult {
  if (!Number.isSafeInteger(amountMinor)) {
    return {
      ok: false,
      problem: 'amount_not_integer',
      message: `Amounts are whole minor units (cents): got ${amountMinor}. Multiply by the currency's minor unit and round.`,
    };
  }
  if (typeof currency !== 'string' || !currencyPattern.test(currency)) {
    return {
      ok: false,
      problem: 'currency_malformed',
      message: `A currency is an ISO 4217 code of three uppercase letters such as EUR: got ${JSON.stringify(currency)}.`,
    };
  }
  if (!isKnownCurrency(currency)) {
    return {
      ok: false,
      problem: 'currency_unknown',
      message: `${currency} is not an ISO 4217 currency code. Use the store's billing currency, e.g. EUR or USD.`,
    };
  }
  return { ok: true, value: { amountMinor, currency } };
}

/** A validated Money value; throws `InvalidInputError` when the amount or currency is wrong. */
export function createMoney(amountMinor: number, currency: string): Money {
  const result = validateMoney(amountMinor, currency);
  if (!result.ok)
    throw new InvalidInputError(result.message, { problem: result.problem, amountMinor, currency });
  return result.value;
}

/** How many minor digits the currency has (EUR 2, JPY 0, KWD 3), per the runtime's ISO data. */
export function currencyMinorDigits(currency: string): number {
  return formatterFor('en', currency).digits;
}

interface CurrencyFormatter {
  format: Intl.NumberFormat;
  digits: number;
}

// Building an Intl.NumberFormat costs ~50 µs, formatting with one ~1 µs, and
// every bridge answer formats the subscription's price. Locales and currencies
// come from stores and owners, a small set; the bound only guards the memory.
const FORMATTER_CACHE_SIZE = 256;
const formatters = new Map<string, CurrencyFormatter>();

function formatterFor(locale: string, currency: string): CurrencyFormatter {
  const key = `${locale}\u0000${currency}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    const digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    const format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatter = { format, digits };
    if (formatters.size >= FORMATTER_CACHE_SIZE) formatters.delete(formatters.keys().next().value as string);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The amount for display in `locale` (e.g. `fr-FR` → "12,50 €"). */
export function formatMoney(money: Money, locale: string): string {
  const valid = createMoney(money.amountMinor, money.currency);
  const { format, digits } = formatterFor(locale, valid.currency);
  return format.format(valid.amountMinor / 10 ** digits);
}
