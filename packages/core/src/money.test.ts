import { InvalidInputError } from './errors';
import { createMoney, currencyMinorDigits, formatMoney, validateMoney } from './money';

describe('money validation', () => {
  it('accepts whole minor units, negative ones included (credits)', () => {
    expect(validateMoney(1250, 'EUR')).toEqual({ ok: true, value: { amountMinor: 1250, currency: 'EUR' } });
    expect(validateMoney(-500, 'USD')).toMatchObject({ ok: true });
    expect(validateMoney(0, 'JPY')).toMatchObject({ ok: true });
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'refuses the amount %s',
    (amount) => {
      expect(validateMoney(amount, 'EUR')).toMatchObject({ ok: false, problem: 'amount_not_integer' });
    },
  );

  it.each(['eur', 'EU', 'EURO', ' EUR', ''])('refuses the malformed currency %j', (currency) => {
    expect(validateMoney(100, currency)).toMatchObject({ ok: false, problem: 'currency_malformed' });
  });

  it('refuses a well-formed code that is not a currency', () => {
    expect(validateMoney(100, 'ABC')).toMatchObject({ ok: false, problem: 'currency_unknown' });
  });

  it('createMoney throws an invalid-input error saying what to fix', () => {
    expect(() => createMoney(9.99, 'EUR')).toThrow(InvalidInputError);
    expect(() => createMoney(999, 'euro')).toThrow('ISO 4217');
  });
});

describe('formatMoney', () => {
  it('knows each currency minor digits', () => {
    expect(currencyMinorDigits('EUR')).toBe(2);
    expect(currencyMinorDigits('JPY')).toBe(0);
    expect(currencyMinorDigits('KWD')).toBe(3);
  });

  it('formats in the locale with the currency minor digits', () => {
    const nbsp = /[\u00a0\u202f]/g;
    expect(formatMoney({ amountMinor: 1250, currency: 'EUR' }, 'fr-FR').replace(nbsp, ' ')).toBe('12,50 €');
    expect(formatMoney({ amountMinor: 2900, currency: 'USD' }, 'en-US')).toBe('$29.00');
    expect(formatMoney({ amountMinor: 1500, currency: 'JPY' }, 'en-US')).toBe('¥1,500');
    expect(formatMoney({ amountMinor: 1234, currency: 'KWD' }, 'en-US').replace(nbsp, ' ')).toBe('KWD 1.234');
    expect(formatMoney({ amountMinor: -500, currency: 'USD' }, 'en-US')).toBe('-$5.00');
  });

  it('keeps each locale and currency apart when formatting them again', () => {
    const nbsp = /[\u00a0\u202f]/g;
    for (let round = 0; round < 2; round += 1) {
      expect(formatMoney({ amountMinor: 1250, currency: 'EUR' }, 'fr-FR').replace(nbsp, ' ')).toBe('12,50 €');
      expect(formatMoney({ amountMinor: 1250, currency: 'EUR' }, 'en-US')).toBe('€12.50');
      expect(formatMoney({ amountMinor: 1250, currency: 'JPY' }, 'en-US')).toBe('¥1,250');
    }
    expect(() => formatMoney({ amountMinor: 1, currency: 'EUR' }, 'not a locale!')).toThrow(RangeError);
  });

  it('refuses to format invalid money', () => {
    expect(() => formatMoney({ amountMinor: 1.5, currency: 'EUR' }, 'fr-FR')).toThrow(InvalidInputError);
  });
});
