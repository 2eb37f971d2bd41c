import { parseEmails } from './team-notice';

describe('team e-mail list', () => {
  test('accepts commas, semicolons, spaces and new lines, once per address', () => {
    expect(parseEmails('a@x.io, b@x.io;c@x.io\nd@x.io a@x.io')).toEqual({
      valid: ['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io'],
      invalid: [],
    });
  });

  test('reports what is not an address', () => {
    expect(parseEmails('a@x.io, bob, c@nodot')).toEqual({ valid: ['a@x.io'], invalid: ['bob', 'c@nodot'] });
  });
});
