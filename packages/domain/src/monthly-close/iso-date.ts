/**
 * Calendar dates as the items and lines carry them: ISO strings (YYYY-MM-DD), no time, no zone.
 * Arithmetic on them goes through day numbers (days since 1970-01-01), which are integers: counting
 * the days of a period is exact and never meets a clock change or a binary fraction.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The day number of a date, or undefined when it is not a real calendar date (2026-02-30). */
const tryDayNumber = (date: string): number | undefined => {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0-99 as 1900-1999.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  // A date that rolled over (30 February → 2 March) is no date.
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) {
    return undefined;
  }
  return Math.round(utc.getTime() / MS_PER_DAY);
};

export const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && tryDayNumber(value) !== undefined;

/** Days since 1970-01-01 (negative before). Throws on anything but a real YYYY-MM-DD date. */
export const dayNumber = (date: string): number => {
  const day = tryDayNumber(date);
  if (day === undefined) throw new RangeError(`Not an ISO date: ${date}`);
  return day;
};

/** The date of a day number. */
export const isoDateOfDay = (day: number): string => {
  const utc = new Date(day * MS_PER_DAY);
  const year = String(utc.getUTCFullYear()).padStart(4, '0');
  const month = String(utc.getUTCMonth() + 1).padStart(2, '0');
  const date = String(utc.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${date}`;
};

/** The number of days from `first` to `last`, both included: 2026-11-13 … 2026-11-30 is 18. */
export const daysInclusive = (first: string, last: string): number => dayNumber(last) - dayNumber(first) + 1;

/** The earlier and the later of two dates; ISO dates compare as strings. */
export const earlier = (a: string, b: string): string => (a <= b ? a : b);
export const later = (a: string, b: string): string => (a >= b ? a : b);

/** dd-mm-yyyy, as the seeds and Danish documents write a date: 2026-11-01 → 01-11-2026. */
export const danishDate = (date: string): string => {
  const [year, month, day] = date.split('-');
  return `${day}-${month}-${year}`;
};
