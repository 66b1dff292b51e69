import { localDate, startOfLocalDate } from './calendar.ts';

/**
 * Dates as the API accepts them: a calendar date (`2026-11-01`), or an ISO 8601 instant with a
 * zone (`2026-11-01T00:00:00Z`, `2015-01-01T00:00:00+0100` as in the seed's example, with or
 * without the colon). An invoice date is a Danish calendar day, so an instant is taken as the day
 * it falls on in Copenhagen. Anything else (no zone, impossible dates, years outside 2000–2099)
 * is not a date here.
 */
const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const instant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

const isRealDate = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const inRange = (year: number): boolean => year >= 2000 && year <= 2099;

/** The calendar date (YYYY-MM-DD, in Copenhagen) a date input names, or undefined if it is not one. */
const readDate = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const date = calendarDate.exec(value);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    return inRange(year) && isRealDate(year, month, day) ? value : undefined;
  }
  const match = instant.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((group) => Number(match[group])) as number[];
  if (!inRange(year!) || !isRealDate(year!, month!, day!) || hour! > 23 || minute! > 59) return undefined;
  const zone = match[8]!.length === 5 ? `${match[8]!.slice(0, 3)}:${match[8]!.slice(3)}` : match[8]!;
  const parsed = new Date(`${value.slice(0, value.length - match[8]!.length)}${zone}`);
  return Number.isNaN(parsed.getTime()) ? undefined : localDate(parsed);
};

/** The start (in Copenhagen) of the calendar day a date input names, or undefined if it is not one. */
export const parseDay = (value: unknown): Date | undefined => {
  const date = readDate(value);
  return date === undefined ? undefined : startOfLocalDate(date);
};

/**
 * A line's period bound: the calendar date (YYYY-MM-DD) of a date input, in Copenhagen. Read
 * without the day's start instant: a line keeps the date, and 10,000 lines read 20,000 of them.
 */
export const parseLineDate = (value: unknown): string | undefined => readDate(value);
