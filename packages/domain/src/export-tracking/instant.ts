/**
 * `not_exported_since` is a "datetime (UTC)" (docs/seeds/004-export-tracking.txt). Clients of this
 * API family write it several ways, and every one names a single instant:
 *
 *   2026-11-01 13:45:00          the seed's form: UTC
 *   2026-11-01T13:45:00Z         ISO 8601 in UTC (fractions of a second allowed)
 *   2026-11-01T14:45:00+01:00    ISO 8601 with any offset (+01, +0100 and +01:00 alike): converted
 *   2026-11-01T13:45:00          ISO 8601 without an offset: UTC, as the seed says
 *   2026-11-01                   a date: that day's 00:00 UTC
 *
 * Anything else (an impossible date such as 2026-02-30, hour 24, a word) is not read as a guess.
 */
import { dayNumber, isIsoDate } from '../monthly-close/iso-date.ts';

const pattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** The accepted forms, for messages. */
export const instantForms =
  'YYYY-MM-DD HH:MM:SS (UTC), ISO 8601 such as 2026-11-01T00:00:00Z or 2026-11-01T01:00:00+01:00, or a date YYYY-MM-DD (00:00 UTC)';

/** The instant a text names, as ISO 8601 in UTC with milliseconds; undefined when it names none. */
export const parseInstant = (text: string): string | undefined => {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  // A space joins date and time only in the seed's form, which has no zone of its own.
  if (text.charAt(10) === ' ' && zone !== undefined) return undefined;
  const [h, mi, s] = [hour ?? '00', minute ?? '00', second].map(Number) as [number, number, number];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const offsetMinutes = offsetOf(zone);
  if (offsetMinutes === undefined) return undefined;
  const date = `${year}-${month}-${day}`;
  // An impossible date (2026-02-30, month 13) is refused, not rolled over into another.
  if (!isIsoDate(date)) return undefined;
  const at = new Date(dayNumber(date) * 86_400_000);
  at.setUTCHours(h, mi - offsetMinutes, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
  return at.toISOString();
};

/** Minutes east of UTC; none given is UTC; an offset beyond ±23:59 names no zone. */
const offsetOf = (zone: string | undefined): number | undefined => {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
};
