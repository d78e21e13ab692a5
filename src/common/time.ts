import { DateTime, IANAZone } from 'luxon';

export const HOUR_MS = 3_600_000;

/** Hours whose offset StockholmTime remembers at most; about eleven years of them. */
const REMEMBERED_HOURS = 100_000;

/**
 * An IANA zone for luxon that remembers the offset of each UTC hour. luxon asks Intl for the offset on every
 * conversion (formatToParts, tens of microseconds), and the worker converts times dozens of times per
 * vacancy (templates, working-time weeks, the local date of the SMS budget): that was a twentieth of its
 * CPU. An hour's offset is remembered only when the zone gives the same offset at its first and its last
 * millisecond, so an hour with a change of offset inside it (none in Stockholm since 1980, whose changes are
 * at 01:00 UTC) is asked about every time, and every answer is the zone's own.
 */
class HourlyCachedZone extends IANAZone {
  private readonly offsets = new Map<number, number>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    const known = this.offsets.get(hour);
    if (known !== undefined) return known;
    const offset = super.offset(ts);
    if (!Number.isNaN(offset) && super.offset(hour * HOUR_MS) === offset && super.offset((hour + 1) * HOUR_MS - 1) === offset) {
      if (this.offsets.size >= REMEMBERED_HOURS) this.offsets.clear();
      this.offsets.set(hour, offset);
    }
    return offset;
  }
}

/** Europe/Stockholm: what every local date and every time a person reads is in. */
export const LOCAL_ZONE: IANAZone = new HourlyCachedZone('Europe/Stockholm');

export type TimeParseResult = { ok: true; instant: Date } | { ok: false; problem: string };

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads an API time: ISO 8601 with an offset is an instant; without one it is Europe/Stockholm wall-clock
 * time. A wall-clock time skipped by the spring change does not exist, and one repeated in autumn is
 * ambiguous: both are refused rather than guessed.
 */
export function parseApiTime(input: string): TimeParseResult {
  return withinRange(parse(input));
}

/** The instants the API accepts: far enough either way for any staffing, near enough for every database and date library. */
export const EARLIEST_API_TIME = new Date('2000-01-01T00:00:00Z');
export const LATEST_API_TIME = new Date('2100-01-01T00:00:00Z');
const OUT_OF_RANGE = 'must lie between the years 2000 and 2099';

export function isWithinApiRange(instant: Date): boolean {
  return instant.getTime() >= EARLIEST_API_TIME.getTime() && instant.getTime() < LATEST_API_TIME.getTime();
}

function withinRange(result: TimeParseResult): TimeParseResult {
  return result.ok && !isWithinApiRange(result.instant) ? { ok: false, problem: OUT_OF_RANGE } : result;
}

function parse(input: string): TimeParseResult {
  if (WITH_OFFSET.test(input)) {
    const parsed = DateTime.fromISO(input, { setZone: true });
    // Real offsets lie between -12:00 and +14:00; luxon would read +99:99 as 100 hours.
    if (!parsed.isValid || Math.abs(parsed.offset) > 14 * 60) return { ok: false, problem: 'is not a valid date and time' };
    return { ok: true, instant: parsed.toJSDate() };
  }
  const match = WALL_CLOCK.exec(input);
  if (!match) {
    return { ok: false, problem: 'must be an ISO 8601 time such as 2027-01-11T07:00 (Swedish time) or 2027-01-11T06:00:00Z' };
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
  return fromWallClock({ year, month, day, hour, minute, second });
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/** The instant of a Stockholm wall-clock time, refusing times that do not exist or exist twice. */
export function fromWallClock(wall: WallClock): TimeParseResult {
  const fields = { ...wall, second: wall.second ?? 0 };
  const probe = DateTime.fromObject(fields, { zone: 'UTC' });
  if (!probe.isValid || probe.year !== fields.year || probe.month !== fields.month || probe.day !== fields.day) {
    return { ok: false, problem: 'is not a valid date and time' };
  }
  // Try each offset Stockholm uses; keep those that map back to the same wall-clock time.
  const readings = [60, 120]
    .map((offset) => DateTime.fromObject(fields, { zone: `UTC+${offset / 60}` }).setZone(LOCAL_ZONE))
    .filter((dt) => dt.hour === fields.hour && dt.minute === fields.minute && dt.day === fields.day);
  const distinct = [...new Set(readings.map((dt) => dt.toMillis()))];
  if (distinct.length === 0) {
    return { ok: false, problem: 'does not exist in Swedish time (the clocks skip that hour in spring)' };
  }
  if (distinct.length > 1) {
    return { ok: false, problem: 'happens twice in Swedish time (the clocks go back that night); add an offset such as +02:00 or +01:00' };
  }
  return { ok: true, instant: new Date(distinct[0]) };
}

/** The Swedish local date of an instant, YYYY-MM-DD. */
export function toLocalDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: LOCAL_ZONE }).toISODate()!;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD, in the years the API takes (2000 to 2099). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match || Number(match[1]) < 2000 || Number(match[1]) > 2099) return false;
  return DateTime.fromISO(value, { zone: LOCAL_ZONE }).isValid;
}
