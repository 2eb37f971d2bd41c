import { InvalidInputError } from './errors';

/**
 * Monthly billing periods in UTC. A subscription keeps an anchor day (the day of
 * the month it started): a period ending on a short month is clamped to that
 * month's last day, and the next period returns to the anchor day
 * (31 Jan → 28 Feb → 31 Mar). UTC only, so DST never moves a period.
 */
export interface BillingPeriod {
  start: Date;
  /** Exclusive: the next period starts here. */
  end: Date;
}

/** Days in a UTC month; `month` is 0-based like `Date.getUTCMonth()`. */
export function daysInUtcMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The anchor day of a subscription that started at `start`. */
export function anchorDayOf(start: Date): number {
  return start.getUTCDate();
}

function assertValidDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InvalidInputError(`${name} must be a valid Date (got ${String(value)}).`, { field: name });
  }
}

function assertAnchorDay(anchorDay: number): void {
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) {
    throw new InvalidInputError(`The anchor day must be an integer from 1 to 31 (got ${anchorDay}).`, {
      field: 'anchorDay',
    });
  }
}

/**
 * `periodStart` moved by `months` calendar months, landing on `anchorDay`
 * clamped to the target month's length; the time of day of `periodStart` is kept.
 */
export function addBillingMonthsOnAnchorDay(anchorDay: number, periodStart: Date, months: number): Date {
  assertAnchorDay(anchorDay);
  assertValidDate(periodStart, 'periodStart');
  if (!Number.isInteger(months)) {
    throw new InvalidInputError(`Billing months must be a whole number (got ${months}).`, {
      field: 'months',
    });
  }
  const monthIndex = periodStart.getUTCFullYear() * 12 + periodStart.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const day = Math.min(anchorDay, daysInUtcMonth(year, month));
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      periodStart.getUTCHours(),
      periodStart.getUTCMinutes(),
      periodStart.getUTCSeconds(),
      periodStart.getUTCMilliseconds(),
    ),
  );
}

/** Same as `addBillingMonthsOnAnchorDay`, the anchor day taken from the subscription's first start. */
export function addBillingMonths(anchor: Date, periodStart: Date, months: number): Date {
  assertValidDate(anchor, 'anchor');
  return addBillingMonthsOnAnchorDay(anchorDayOf(anchor), periodStart, months);
}

/** The first monthly period of a subscription starting at `start`. */
export function firstPeriod(start: Date): BillingPeriod {
  return { start, end: addBillingMonthsOnAnchorDay(anchorDayOf(start), start, 1) };
}

/** The period after `period`: it starts where `period` ends and ends one month later on the anchor day. */
export function nextPeriod(period: BillingPeriod, anchorDay: number): BillingPeriod {
  assertValidDate(period.end, 'period.end');
  return { start: period.end, end: addBillingMonthsOnAnchorDay(anchorDay, period.end, 1) };
}

/** True when `at` falls inside the period (start inclusive, end exclusive). */
export function isWithinPeriod(period: BillingPeriod, at: Date): boolean {
  return at.getTime() >= period.start.getTime() && at.getTime() < period.end.getTime();
}

/**
 * The anchor day of a monthly period built by these functions. Of two
 * consecutive months one always has 31 days, so the larger of the start and end
 * days is the anchor even when one of them was clamped (31 Jan – 28 Feb → 31).
 */
export function anchorDayOfPeriod(period: BillingPeriod): number {
  return Math.max(period.start.getUTCDate(), period.end.getUTCDate());
}
