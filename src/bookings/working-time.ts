import { DateTime } from 'luxon';
import { LOCAL_ZONE } from '../common/time';

/**
 * The working-time rules a booking must keep (API.md, Rules of the trade), per municipality, counting only
 * bookings in this service. Pure: the shifts come in, the broken rule comes out.
 */
export interface WorkingTimeRules {
  /** At least this many hours between shifts of different bookings. */
  dailyRestHours: number;
  /** In every calendar week (Monday 00:00 to Monday 00:00, local time), a stretch this long free of booked shifts. */
  weeklyRestHours: number;
  /** At most this many booked hours in a calendar month (local time); a shift over midnight at a month's end counts in each. */
  monthlyHourCap: number;
}

export const DEFAULT_WORKING_TIME: WorkingTimeRules = { dailyRestHours: 11, weeklyRestHours: 36, monthlyHourCap: 165 };

export type WorkingTimeRule = 'OVERLAP' | 'DAILY_REST' | 'WEEKLY_REST' | 'MONTHLY_CAP';

export interface Shift {
  start: Date;
  end: Date;
}

export interface BookedShift extends Shift {
  bookingId: string;
}

const HOUR_MS = 3_600_000;

/**
 * The first rule that booking `candidate` (the shifts of one vacancy) would break, given the substitute's
 * other booked shifts; null when it keeps them all. Shifts of one booking may sit close together (one
 * vacancy is one assignment); daily rest is between bookings.
 */
export function brokenRule(booked: readonly BookedShift[], candidate: readonly Shift[], rules: WorkingTimeRules): WorkingTimeRule | null {
  const restMs = rules.dailyRestHours * HOUR_MS;
  for (const shift of candidate) {
    for (const other of booked) {
      if (shift.start < other.end && other.start < shift.end) return 'OVERLAP';
    }
  }
  for (const shift of candidate) {
    for (const other of booked) {
      const gap = shift.start >= other.end ? shift.start.getTime() - other.end.getTime() : other.start.getTime() - shift.end.getTime();
      if (gap < restMs) return 'DAILY_REST';
    }
  }
  const all = [...booked, ...candidate];
  for (const week of weeksTouched(candidate)) {
    if (longestFreeStretch(all, week) < rules.weeklyRestHours * HOUR_MS) return 'WEEKLY_REST';
  }
  for (const month of monthsTouched(candidate)) {
    if (hoursWithin(all, month) > rules.monthlyHourCap + 1e-9) return 'MONTHLY_CAP';
  }
  return null;
}

/** The calendar weeks (Monday 00:00 to the next Monday 00:00, Swedish time) the shifts touch. */
export function weeksTouched(shifts: readonly Shift[]): Shift[] {
  return periodsTouched(shifts, (dt) => dt.startOf('week'), (dt) => dt.plus({ weeks: 1 }));
}

/** The calendar months (Swedish time) the shifts touch. */
export function monthsTouched(shifts: readonly Shift[]): Shift[] {
  return periodsTouched(shifts, (dt) => dt.startOf('month'), (dt) => dt.plus({ months: 1 }));
}

/** The longest stretch within `period` that no shift covers, in milliseconds (elapsed: a DST week is 167 or 169 hours). */
export function longestFreeStretch(shifts: readonly Shift[], period: Shift): number {
  const inside = shifts
    .map((s) => ({ start: Math.max(s.start.getTime(), period.start.getTime()), end: Math.min(s.end.getTime(), period.end.getTime()) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start);
  let longest = 0;
  let freeFrom = period.start.getTime();
  for (const s of inside) {
    longest = Math.max(longest, s.start - freeFrom);
    freeFrom = Math.max(freeFrom, s.end);
  }
  return Math.max(longest, period.end.getTime() - freeFrom);
}

/** Booked hours within `period` (elapsed time; a shift is cut at the period's bounds). */
export function hoursWithin(shifts: readonly Shift[], period: Shift): number {
  let ms = 0;
  for (const s of shifts) ms += Math.max(0, Math.min(s.end.getTime(), period.end.getTime()) - Math.max(s.start.getTime(), period.start.getTime()));
  return ms / HOUR_MS;
}

function periodsTouched(shifts: readonly Shift[], startOf: (dt: DateTime) => DateTime, next: (dt: DateTime) => DateTime): Shift[] {
  const found = new Map<number, Shift>();
  for (const shift of shifts) {
    // The last instant inside the shift decides the last period, so a shift ending at midnight stays in its day.
    const last = DateTime.fromMillis(shift.end.getTime() - 1, { zone: LOCAL_ZONE });
    for (let at = startOf(DateTime.fromJSDate(shift.start, { zone: LOCAL_ZONE })); at <= last; at = next(at)) {
      found.set(at.toMillis(), { start: at.toJSDate(), end: next(at).toJSDate() });
    }
  }
  return [...found.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}
