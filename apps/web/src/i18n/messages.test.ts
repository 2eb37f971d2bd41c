import { en } from './messages-en';
import { fr } from './messages-fr';
import { createI18n } from './i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  test('every English text has a French text with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(fr[key].trim()).not.toBe('');
      expect({ key, placeholders: placeholders(fr[key]) }).toEqual({
        key,
        placeholders: placeholders(en[key]),
      });
    }
  });

  test('plural forms follow the language: French counts zero as singular', () => {
    const english = createI18n('en', () => undefined);
    const french = createI18n('fr', () => undefined);
    expect(english.tn('overview.pendingOrders', 0)).toBe('0 orders still to process');
    expect(french.tn('overview.pendingOrders', 0)).toBe('0 commande encore à traiter');
    expect(french.tn('overview.pendingOrders', 3)).toBe('3 commandes encore à traiter');
  });

  test('money is shown from minor units in the currency of the price', () => {
    expect(createI18n('en', () => undefined).formatMoney({ amountMinor: 2900, currency: 'EUR' })).toBe(
      '€29.00',
    );
    expect(createI18n('en', () => undefined).formatMoney({ amountMinor: 500, currency: 'JPY' })).toBe('¥500');
  });

  test('an unknown date says so instead of "Invalid Date"', () => {
    expect(createI18n('fr', () => undefined).formatDate(null)).toBe('date inconnue');
  });
});
