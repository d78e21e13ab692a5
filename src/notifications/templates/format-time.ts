import { DateTime } from 'luxon';
import { LOCAL_ZONE } from '../../common/time';

/** Every time a person reads is shown in this zone, whatever the server's zone. */
export const DISPLAY_ZONE = LOCAL_ZONE;

export interface ShiftPeriod {
  start: Date;
  end: Date;
}

/** En dash for email and web; SMS uses a plain hyphen (the en dash is not in GSM 03.38). */
export const EN_DASH = '\u2013';

export interface DashOptions {
  /** The dash between times and dates; defaults to the en dash. */
  dash?: string;
}

/** More shifts than this are cut down to SHIFT_LIST_HEAD lines and a "… och N pass till" line. */
export const SHIFT_LIST_MAX = 5;
export const SHIFT_LIST_HEAD = 3;

// Fixed abbreviations rather than Intl's: CLDR's Swedish short months carry a period and irregular
// forms ("jan.", "mars", "juni"), while the house style is three letters without a period ("jan",
// "mar", "jun"). The weekday forms are the same as CLDR's ("mån", "tors", ...). Keeping both tables
// here also makes texts independent of the ICU version the runtime ships.
const WEEKDAYS = ['mån', 'tis', 'ons', 'tors', 'fre', 'lör', 'sön']; // luxon weekday 1 (Monday) .. 7
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** The instant as local Stockholm time (Swedish locale). Throws on an invalid Date. */
export function toLocal(d: Date): DateTime {
  const dt = DateTime.fromJSDate(d, { zone: DISPLAY_ZONE }).setLocale('sv');
  if (!dt.isValid) throw new RangeError(`Invalid date: ${String(d)}`);
  return dt;
}

function dayLabel(dt: DateTime): string {
  return `${WEEKDAYS[dt.weekday - 1]} ${dt.day} ${MONTHS[dt.month - 1]}`;
}

function timeLabel(dt: DateTime): string {
  return dt.toFormat('HH:mm');
}

/** "tors" */
export function formatWeekday(d: Date): string {
  return WEEKDAYS[toLocal(d).weekday - 1];
}

/** "mån 11 jan" */
export function formatDay(d: Date): string {
  return dayLabel(toLocal(d));
}

/** "tors 14 jan kl. 14:00" */
export function formatDateTime(d: Date): string {
  const dt = toLocal(d);
  return `${dayLabel(dt)} kl. ${timeLabel(dt)}`;
}

/**
 * One shift in local time:
 * - within one day: "mån 11 jan 07:00–16:00"
 * - ending at the following midnight: "mån 11 jan 16:00–24:00"
 * - across midnight: "fre 27 mar 22:00 – lör 28 mar 07:00"
 */
export function formatShift(shift: ShiftPeriod, options: DashOptions = {}): string {
  const dash = options.dash ?? EN_DASH;
  const start = toLocal(shift.start);
  const end = toLocal(shift.end);
  if (start.hasSame(end, 'day')) {
    return `${dayLabel(start)} ${timeLabel(start)}${dash}${timeLabel(end)}`;
  }
  const endsAtNextMidnight =
    end.hour === 0 && end.minute === 0 && end.second === 0 && end.millisecond === 0 && start.plus({ days: 1 }).hasSame(end, 'day');
  if (endsAtNextMidnight && end > start) {
    return `${dayLabel(start)} ${timeLabel(start)}${dash}24:00`;
  }
  return `${dayLabel(start)} ${timeLabel(start)} ${dash} ${dayLabel(end)} ${timeLabel(end)}`;
}

/** Shifts in chronological order (a copy; the input is left as it is). */
export function sortShifts<T extends ShiftPeriod>(shifts: readonly T[]): T[] {
  return [...shifts].sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
}

export interface ShiftListOptions extends DashOptions {
  /** Lists longer than this are shortened; defaults to SHIFT_LIST_MAX. Use Infinity for all. */
  max?: number;
  /** How many lines a shortened list keeps; defaults to SHIFT_LIST_HEAD. */
  head?: number;
}

/**
 * One line per shift, in order. More than `max` (5) shifts: the first `head` (3) and then
 * "… och N pass till".
 */
export function formatShiftLines(shifts: readonly ShiftPeriod[], options: ShiftListOptions = {}): string[] {
  const max = options.max ?? SHIFT_LIST_MAX;
  const head = Math.min(options.head ?? SHIFT_LIST_HEAD, max);
  const sorted = sortShifts(shifts);
  const lines = (list: ShiftPeriod[]) => list.map((s) => formatShift(s, options));
  if (sorted.length <= max) return lines(sorted);
  return [...lines(sorted.slice(0, head)), `\u2026 och ${sorted.length - head} pass till`];
}

/** formatShiftLines joined by newlines. */
export function formatShifts(shifts: readonly ShiftPeriod[], options: ShiftListOptions = {}): string {
  return formatShiftLines(shifts, options).join('\n');
}

/**
 * A short summary for SMS and subjects:
 * - "1 pass mån 11 jan 07:00–16:00"
 * - "3 pass 11–13 jan", "2 pass 11 jan" (same day), "4 pass 30 jan–2 feb",
 *   "3 pass 30 dec 2027–2 jan 2028" (the year only when the period crosses one)
 * The period runs from the first start to the last end (an end at midnight belongs to the day before).
 */
export function summariseShifts(shifts: readonly ShiftPeriod[], options: DashOptions = {}): string {
  const dash = options.dash ?? EN_DASH;
  const sorted = sortShifts(shifts);
  if (sorted.length === 0) return 'inga pass';
  if (sorted.length === 1) return `1 pass ${formatShift(sorted[0], options)}`;

  const first = toLocal(sorted[0].start);
  const lastEndMs = Math.max(...sorted.map((s) => s.end.getTime()));
  let last = toLocal(new Date(Math.max(lastEndMs - 1, sorted[0].start.getTime())));
  if (last < first) last = first;

  const n = sorted.length;
  const month = (dt: DateTime) => MONTHS[dt.month - 1];
  if (first.hasSame(last, 'day')) return `${n} pass ${first.day} ${month(first)}`;
  if (first.hasSame(last, 'month')) return `${n} pass ${first.day}${dash}${last.day} ${month(last)}`;
  if (first.hasSame(last, 'year')) return `${n} pass ${first.day} ${month(first)}${dash}${last.day} ${month(last)}`;
  return `${n} pass ${first.day} ${month(first)} ${first.year}${dash}${last.day} ${month(last)} ${last.year}`;
}
