import { DateTime } from 'luxon';
import type { ErrorDetail } from '../common/errors';
import { LOCAL_ZONE } from '../common/time';

export { isLocalDate } from '../common/time';

/**
 * The periods reports are asked for, in Swedish local time: a run of local dates (from and to inclusive) or
 * a calendar month. Pure: the instants they begin and end at, and what is wrong with a request for one.
 */

/** The longest period a fill-rate report covers: a year, leap day included. */
export const MAX_PERIOD_DAYS = 366;

const MONTH = /^(\d{4})-(\d{2})$/;
/** The years the API takes, as for times (see common/time.ts). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** A half-open span of instants [start, end). */
export interface Instants {
  start: Date;
  end: Date;
}

/** Whether `value` is a month written YYYY-MM, in the years 2000 to 2099. */
export function isMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = MONTH.exec(value);
  return match !== null && Number(match[1]) >= FIRST_YEAR && Number(match[1]) <= LAST_YEAR && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** What is wrong with a period of two valid dates: `to` before `from`, or more than MAX_PERIOD_DAYS apart. */
export function periodProblems(from: string, to: string): ErrorDetail[] {
  if (to < from) return [{ field: 'to', problem: `must be on or after from (${from})` }];
  const days = daysBetween(from, to);
  if (days > MAX_PERIOD_DAYS) return [{ field: 'to', problem: `must be at most ${MAX_PERIOD_DAYS} days after from; ${from} to ${to} is ${days} days apart` }];
  return [];
}

/** Whole days from one date to another (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

/** From local midnight starting `from` to local midnight ending `to`: 23 or 25 hours on the days the clocks change. */
export function localDates(from: string, to: string): Instants {
  return {
    start: DateTime.fromISO(from, { zone: LOCAL_ZONE }).startOf('day').toJSDate(),
    end: DateTime.fromISO(to, { zone: LOCAL_ZONE }).plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

/** The local calendar month `month` (YYYY-MM). */
export function localMonth(month: string): Instants {
  const start = DateTime.fromISO(`${month}-01`, { zone: LOCAL_ZONE }).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}
