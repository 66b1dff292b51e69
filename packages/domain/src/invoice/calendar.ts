/**
 * Invoice days are Danish calendar days. The seeds store them as the UTC instant at which the day
 * begins in Copenhagen: 1 January 2015 is "2014-12-31T23:00:00.000Z" (CET, +01:00), 1 July would be
 * "…T22:00:00.000Z" (CEST, +02:00). The time zone's rules come from the runtime's ICU data, which
 * Node ships in full.
 */
export const DANISH_TIME_ZONE = 'Europe/Copenhagen';

/**
 * Asking ICU for a zone's offset (formatToParts) costs tens of microseconds, and an invoice of
 * 10,000 dated lines reads 20,000 dates, nearly all of them the same few days: one offset is
 * asked per zone and minute (offsets change on whole minutes), one start per zone and day, and the
 * rest is arithmetic. The caches hold at most `cachedAnswers` entries each, then start again, so no
 * run of different dates can grow them without bound.
 */
const cachedAnswers = 50_000;
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const dayStarts = new Map<string, number>();

const remember = <V>(cache: Map<string, V>, key: string, compute: () => V): V => {
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (cache.size >= cachedAnswers) cache.clear();
  const value = compute();
  cache.set(key, value);
  return value;
};

const offsetFormatter = (timeZone: string): Intl.DateTimeFormat => {
  let made = offsetFormatters.get(timeZone);
  if (!made) {
    made = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, made);
  }
  return made;
};

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: the UTC date of its wall-clock time. */
export const localDate = (instant: Date, timeZone = DANISH_TIME_ZONE): string =>
  new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000).toISOString().slice(0, 10);

/** The instant at which the calendar day (YYYY-MM-DD) begins in a time zone. */
export const startOfLocalDate = (date: string, timeZone = DANISH_TIME_ZONE): Date => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not an ISO date: ${date}`);
  return new Date(
    remember(dayStarts, `${timeZone} ${date}`, () => {
      const midnightAsUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
      // Midnight local is midnight UTC minus the zone's offset at that instant. The offset is first
      // guessed at midnight UTC, then taken again at the found instant, which settles it on the days
      // the clocks change (Denmark changes at 02:00/03:00, never across midnight).
      const guess = midnightAsUtc - offsetMinutes(new Date(midnightAsUtc), timeZone) * 60_000;
      return midnightAsUtc - offsetMinutes(new Date(guess), timeZone) * 60_000;
    }),
  );
};

/** The instant at which the day containing `now` began in a time zone: "today" for an invoice. */
export const startOfDay = (now: Date, timeZone = DANISH_TIME_ZONE): Date =>
  startOfLocalDate(localDate(now, timeZone), timeZone);

/** The zone's offset from UTC at an instant, in minutes (+60 for CET). */
const offsetMinutes = (instant: Date, timeZone: string): number =>
  remember(offsets, `${timeZone} ${Math.floor(instant.getTime() / 60_000)}`, () => {
    const name = offsetFormatter(timeZone)
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value;
    // "GMT+01:00", "GMT-03:30", or "GMT" for UTC itself.
    if (name === 'GMT') return 0;
    const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name ?? '');
    if (!match) throw new RangeError(`Unexpected time zone offset ${name} for ${timeZone}`);
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === '-' ? -minutes : minutes;
  });
