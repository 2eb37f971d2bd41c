import {
  addBillingMonths,
  addBillingMonthsOnAnchorDay,
  anchorDayOfPeriod,
  daysInUtcMonth,
  firstPeriod,
  isWithinPeriod,
  nextPeriod,
} from './billing-period';
import { InvalidInputError } from './errors';

const utc = (iso: string) => new Date(iso);

describe('addBillingMonths', () => {
  const anchor = utc('2025-01-31T14:45:30.250Z');

  it('31 Jan → 28 Feb in a common year, time of day kept', () => {
    expect(addBillingMonths(anchor, anchor, 1)).toEqual(utc('2025-02-28T14:45:30.250Z'));
  });

  it('31 Jan → 29 Feb in the leap year 2028', () => {
    const leap = utc('2028-01-31T14:45:30.250Z');
    expect(addBillingMonths(leap, leap, 1)).toEqual(utc('2028-02-29T14:45:30.250Z'));
  });

  it('28 Feb returns to the anchor day: 31 Mar', () => {
    expect(addBillingMonths(anchor, utc('2025-02-28T14:45:30.250Z'), 1)).toEqual(
      utc('2025-03-31T14:45:30.250Z'),
    );
  });

  it('31 Mar → 30 Apr → 31 May', () => {
    expect(addBillingMonths(anchor, utc('2025-03-31T14:45:30.250Z'), 1)).toEqual(
      utc('2025-04-30T14:45:30.250Z'),
    );
    expect(addBillingMonths(anchor, utc('2025-04-30T14:45:30.250Z'), 1)).toEqual(
      utc('2025-05-31T14:45:30.250Z'),
    );
  });

  it('30 Jan → 28 Feb → 30 Mar', () => {
    const thirtieth = utc('2025-01-30T00:00:00.000Z');
    expect(addBillingMonths(thirtieth, thirtieth, 1)).toEqual(utc('2025-02-28T00:00:00.000Z'));
    expect(addBillingMonths(thirtieth, utc('2025-02-28T00:00:00.000Z'), 1)).toEqual(
      utc('2025-03-30T00:00:00.000Z'),
    );
  });

  it('rolls over the year: 31 Dec → 31 Jan, 15 Nov + 3 → 15 Feb', () => {
    const dec = utc('2025-12-31T23:59:59.999Z');
    expect(addBillingMonths(dec, dec, 1)).toEqual(utc('2026-01-31T23:59:59.999Z'));
    const nov = utc('2025-11-15T06:00:00.000Z');
    expect(addBillingMonths(nov, nov, 3)).toEqual(utc('2026-02-15T06:00:00.000Z'));
  });

  it('adds many months at once and goes backwards', () => {
    expect(addBillingMonths(anchor, anchor, 13)).toEqual(utc('2026-02-28T14:45:30.250Z'));
    expect(addBillingMonths(anchor, utc('2025-03-31T14:45:30.250Z'), -1)).toEqual(
      utc('2025-02-28T14:45:30.250Z'),
    );
    expect(addBillingMonths(anchor, anchor, -2)).toEqual(utc('2024-11-30T14:45:30.250Z'));
  });

  it('ignores daylight saving time: the UTC time of day is the same across the March change', () => {
    const start = utc('2025-03-15T01:30:00.000Z');
    expect(addBillingMonths(start, start, 1)).toEqual(utc('2025-04-15T01:30:00.000Z'));
    const before = utc('2025-10-20T02:30:00.000Z');
    expect(addBillingMonths(before, before, 1)).toEqual(utc('2025-11-20T02:30:00.000Z'));
  });

  it.each([
    [0, 'anchor day'],
    [32, 'anchor day'],
    [1.5, 'anchor day'],
  ])('refuses the anchor day %s', (anchorDay, message) => {
    expect(() => addBillingMonthsOnAnchorDay(anchorDay, anchor, 1)).toThrow(InvalidInputError);
    expect(() => addBillingMonthsOnAnchorDay(anchorDay, anchor, 1)).toThrow(message);
  });

  it('refuses fractional months and invalid dates', () => {
    expect(() => addBillingMonths(anchor, anchor, 0.5)).toThrow('whole number');
    expect(() => addBillingMonths(anchor, new Date('nope'), 1)).toThrow('periodStart must be a valid Date');
    expect(() => addBillingMonths(new Date('nope'), anchor, 1)).toThrow('anchor must be a valid Date');
  });
});

describe('periods', () => {
  it('daysInUtcMonth knows leap years', () => {
    expect(daysInUtcMonth(2025, 1)).toBe(28);
    expect(daysInUtcMonth(2028, 1)).toBe(29);
    expect(daysInUtcMonth(2100, 1)).toBe(28);
    expect(daysInUtcMonth(2000, 1)).toBe(29);
    expect(daysInUtcMonth(2025, 11)).toBe(31);
  });

  it('a year of periods from 31 Jan keeps returning to the anchor day', () => {
    let period = firstPeriod(utc('2028-01-31T10:00:00.000Z'));
    const ends = [period.end.toISOString().slice(0, 10)];
    for (let i = 0; i < 4; i += 1) {
      period = nextPeriod(period, 31);
      ends.push(period.end.toISOString().slice(0, 10));
    }
    expect(ends).toEqual(['2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31', '2028-06-30']);
  });

  it('the next period starts where the previous one ends', () => {
    const period = firstPeriod(utc('2025-01-31T10:00:00.000Z'));
    expect(nextPeriod(period, 31).start).toBe(period.end);
  });

  it('the anchor day is recovered from a clamped period', () => {
    expect(anchorDayOfPeriod({ start: utc('2025-01-31T00:00:00Z'), end: utc('2025-02-28T00:00:00Z') })).toBe(
      31,
    );
    expect(anchorDayOfPeriod({ start: utc('2025-02-28T00:00:00Z'), end: utc('2025-03-31T00:00:00Z') })).toBe(
      31,
    );
    expect(anchorDayOfPeriod({ start: utc('2025-02-28T00:00:00Z'), end: utc('2025-03-30T00:00:00Z') })).toBe(
      30,
    );
    expect(anchorDayOfPeriod({ start: utc('2025-04-15T00:00:00Z'), end: utc('2025-05-15T00:00:00Z') })).toBe(
      15,
    );
  });

  it('a period includes its start and excludes its end', () => {
    const period = firstPeriod(utc('2025-01-01T00:00:00.000Z'));
    expect(isWithinPeriod(period, period.start)).toBe(true);
    expect(isWithinPeriod(period, utc('2025-01-31T23:59:59.999Z'))).toBe(true);
    expect(isWithinPeriod(period, period.end)).toBe(false);
  });
});
