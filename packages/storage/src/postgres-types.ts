import pg from 'pg';

const TIMESTAMPTZ_OID = 1184;
const parseAnyTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;

// PostgreSQL's text output of a timestamptz: `2026-11-22 04:42:07.123+00`
// (fraction optional, offset as ±HH, ±HH:MM or ±HH:MM:SS).
const TIMESTAMPTZ =
  /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/;

/**
 * Reads a timestamptz as pg's own parser does, to the millisecond, with one
 * regular expression and Date.UTC. pg's parser (postgres-date) was a
 * sixteenth of the server's time on the bridge: every store and
 * subscription row read back carries five dates. Anything else (BC dates,
 * infinity, years before 100 or after 9999) goes to pg's parser.
 */
export function parseTimestamptz(text: string): Date {
  const match = TIMESTAMPTZ.exec(text);
  if (match === null || Number(match[1]) < 100) return parseAnyTimestamptz(text);
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second,
    fraction,
    sign,
    offsetHours,
    offsetMinutes,
    offsetSeconds,
  ] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  const offsetMs =
    ((Number(offsetHours) * 60 + Number(offsetMinutes ?? 0)) * 60 + Number(offsetSeconds ?? 0)) * 1000;
  return new Date(sign === '+' ? utc - offsetMs : utc + offsetMs);
}

/** pg's type parsers, with the faster timestamptz one: the `types` option of a pg client. */
export const postgresTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === TIMESTAMPTZ_OID && format !== 'binary') return parseTimestamptz;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};
