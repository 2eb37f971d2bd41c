import { chooseLocale, toLocale } from './locale';

describe('choosing the language', () => {
  test('embedded, the admin locale parameter decides', () => {
    const base = { embedded: true, storedLocale: 'en', navigatorLanguages: ['en-US'] };
    expect(chooseLocale({ ...base, shopLocale: 'fr-CA' })).toBe('fr');
    expect(chooseLocale({ ...base, shopLocale: 'de' })).toBe('en');
    expect(chooseLocale({ ...base, shopLocale: null })).toBe('en');
  });

  test('standalone, a remembered choice wins over the browser languages', () => {
    const base = { embedded: false, shopLocale: null };
    expect(chooseLocale({ ...base, storedLocale: 'fr', navigatorLanguages: ['en-GB'] })).toBe('fr');
    expect(chooseLocale({ ...base, storedLocale: null, navigatorLanguages: ['de-DE', 'fr-BE', 'en'] })).toBe(
      'fr',
    );
    expect(chooseLocale({ ...base, storedLocale: 'xx', navigatorLanguages: ['ja'] })).toBe('en');
  });

  test('a tag maps to its language', () => {
    expect(toLocale('FR_fr')).toBe('fr');
    expect(toLocale('')).toBeNull();
  });
});
