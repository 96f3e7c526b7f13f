/** PostgreSQL type oids of the timestamps PGlite would otherwise parse wrongly. */
const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;

// `0020-05-01 08:00:00.5+09`, `0001-12-31 15:00:00+00 BC`, `2026-11-25 00:00:00+05:30:00`.
const TIMESTAMP_TEXT =
  /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?)?( BC)?$/;

/**
 * Parses PostgreSQL's text form of a timestamp into a `Date` (a timestamp without zone is read
 * as UTC). PGlite's own parser reads years below 100 through `Date.UTC`, which turns year 20
 * into an invalid date and year 1 into 2001; this one keeps every year PostgreSQL can store, as
 * `pg` does against a server. Text it does not recognise (`infinity`) becomes an invalid date.
 */
export function parseTimestamp(text: string): Date {
  const m = TIMESTAMP_TEXT.exec(text);
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os, bc] = m;
  const date = new Date(0);
  const year = Number(y);
  // Year 1 BC is year 0 in the proleptic Gregorian calendar JavaScript counts in.
  date.setUTCFullYear(bc ? 1 - year : year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), Math.floor(Number(frac ?? 0) * 1000));
  const offsetSeconds =
    (sign === '-' ? -1 : 1) * (Number(oh ?? 0) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0));
  return new Date(date.getTime() - offsetSeconds * 1000);
}

/** PGlite `parsers` for the timestamp types: {@link parseTimestamp}. */
export const PGLITE_PARSERS: Readonly<Record<number, (text: string) => Date>> = Object.freeze({
  [TIMESTAMPTZ_OID]: parseTimestamp,
  [TIMESTAMP_OID]: parseTimestamp,
});
