import fc from 'fast-check';
import pg from 'pg';
import { parseTimestamptz, postgresTypes } from './postgres-types';

const pgParse = pg.types.getTypeParser(1184, 'text') as (text: string) => Date;

const two = (n: number) => String(n).padStart(2, '0');

describe('parseTimestamptz', () => {
  it('reads every text form PostgreSQL prints as pg does, to the millisecond', () => {
    const offsets = fc.oneof(
      fc.constant('+00'),
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 15 })).map(([s, h]) => `${s}${two(h)}`),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 15 }), fc.constantFrom(0, 30, 45))
        .map(([s, h, m]) => `${s}${two(h)}:${two(m)}`),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 59 }))
        .map(([s, h, sec]) => `${s}${two(h)}:00:${two(sec)}`),
    );
    const fractions = fc.oneof(
      fc.constant(''),
      fc
        .integer({ min: 1, max: 6 })
        .chain((digits) =>
          fc.integer({ min: 0, max: 10 ** digits - 1 }).map((n) => `.${String(n).padStart(digits, '0')}`),
        ),
    );
    const texts = fc
      .tuple(
        fc.date({
          min: new Date('0100-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fractions,
        offsets,
      )
      .map(
        ([date, fraction, offset]) =>
          `${date.toISOString().slice(0, 19).replace('T', ' ')}${fraction}${offset}`,
      );
    fc.assert(
      fc.property(texts, (text) => {
        expect(parseTimestamptz(text).getTime()).toBe(pgParse(text).getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves the rare forms to pg: infinity, BC dates, years before 100', () => {
    for (const text of ['infinity', '-infinity', '2000-01-01 00:00:00+00 BC', '0050-06-01 12:00:00+00']) {
      expect(String(parseTimestamptz(text))).toBe(String(pgParse(text)));
    }
  });

  it('is used for timestamptz text only; other types keep pg parsers', () => {
    expect(postgresTypes.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
    expect(postgresTypes.getTypeParser(1184, 'binary')).toBe(pg.types.getTypeParser(1184, 'binary'));
    expect(postgresTypes.getTypeParser(20, 'text')).toBe(pg.types.getTypeParser(20, 'text'));
  });
});
