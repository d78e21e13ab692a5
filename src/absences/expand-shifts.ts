import { DateTime } from 'luxon';
import type { ErrorDetail } from '../common/errors';
import { fromWallClock, HOUR_MS, isWithinApiRange, LOCAL_ZONE } from '../common/time';
import type { Period } from '../database/tstzrange';

export interface WeeklySchedule {
  /** First day, YYYY-MM-DD, inclusive. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  weekdays: number[];
  /** Local start, HH:mm. */
  startTime: string;
  /** Local end, HH:mm; at or before startTime means the next day (a night shift). */
  endTime: string;
}

export const MAX_SHIFT_HOURS = 24;
export const MAX_SHIFTS = 400;

export type Expansion = { ok: true; shifts: Period[] } | { ok: false; details: ErrorDetail[] };

/**
 * Expands "Mon–Fri 07:00–16:00 from 2027-01-11 to 2027-01-29" into shifts, in Swedish time, right across
 * daylight-saving changes: each shift is anchored to its own local date.
 */
export function expandSchedule(schedule: WeeklySchedule): Expansion {
  const from = DateTime.fromISO(schedule.from, { zone: LOCAL_ZONE });
  const to = DateTime.fromISO(schedule.to, { zone: LOCAL_ZONE });
  if (!from.isValid) return fail('schedule.from', 'must be a date such as 2027-01-11');
  if (!to.isValid) return fail('schedule.to', 'must be a date such as 2027-01-29');
  if (!isWithinApiRange(from.toJSDate())) return fail('schedule.from', 'must lie between the years 2000 and 2099');
  if (!isWithinApiRange(to.plus({ days: 1 }).toJSDate())) return fail('schedule.to', 'must lie between the years 2000 and 2099');
  if (to < from) return fail('schedule.to', 'must be on or after schedule.from');
  const [startHour, startMinute] = schedule.startTime.split(':').map(Number);
  const [endHour, endMinute] = schedule.endTime.split(':').map(Number);
  const overnight = endHour * 60 + endMinute <= startHour * 60 + startMinute;

  const shifts: Period[] = [];
  for (let day = from; day <= to; day = day.plus({ days: 1 })) {
    if (!schedule.weekdays.includes(day.weekday)) continue;
    const endDay = overnight ? day.plus({ days: 1 }) : day;
    const start = fromWallClock({ year: day.year, month: day.month, day: day.day, hour: startHour, minute: startMinute });
    const end = fromWallClock({ year: endDay.year, month: endDay.month, day: endDay.day, hour: endHour, minute: endMinute });
    if (!start.ok) return fail('schedule.startTime', `${start.problem} on ${day.toISODate()}`);
    if (!end.ok) return fail('schedule.endTime', `${end.problem} on ${endDay.toISODate()}`);
    shifts.push({ start: start.instant, end: end.instant });
    if (shifts.length > MAX_SHIFTS) return fail('schedule', `expands to more than ${MAX_SHIFTS} shifts; split it into several absences`);
  }
  if (shifts.length === 0) return fail('schedule', 'contains no shift: no chosen weekday falls between from and to');
  return { ok: true, shifts };
}

/** Problems with a vacancy's shifts, as API error details (empty when they are fine). */
export function shiftProblems(shifts: Period[], now: Date, field = 'shifts'): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  shifts.forEach((shift, i) => {
    const span = shift.end.getTime() - shift.start.getTime();
    if (span <= 0) details.push({ field: `${field}.${i}.end`, problem: 'must be after start' });
    else if (span > MAX_SHIFT_HOURS * HOUR_MS) details.push({ field: `${field}.${i}.end`, problem: `makes the shift longer than ${MAX_SHIFT_HOURS} hours` });
    if (shift.end.getTime() <= now.getTime()) details.push({ field: `${field}.${i}.end`, problem: 'is in the past: the shift has already ended' });
  });
  if (details.length === 0) {
    const sorted = shifts.map((s, i) => ({ ...s, i })).sort((a, b) => a.start.getTime() - b.start.getTime());
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k].start < sorted[k - 1].end) {
        details.push({ field: `${field}.${sorted[k].i}`, problem: `overlaps ${field}.${sorted[k - 1].i}` });
      }
    }
  }
  return details;
}

function fail(field: string, problem: string): Expansion {
  return { ok: false, details: [{ field, problem }] };
}
