import { DateTime } from 'luxon';
import type { AbsenceReason } from '../absences/absence.entity';

/**
 * LAS days (Lagen om anställningsskydd): a municipality counts each substitute's days of employment, by
 * form, because long temporary employment turns into a permanent one. Pure: the days come from the
 * bookings (and from the earlier system), the rules are here.
 */

/** vikariat: standing in for someone absent; sava: särskild visstidsanställning (any other need). */
export type LasForm = 'vikariat' | 'sava';

export interface EmploymentDay {
  /** The local date (Europe/Stockholm) a booked shift starts on, YYYY-MM-DD. */
  date: string;
  form: LasForm;
}

export interface LasCount {
  asOf: string;
  vikariatDays5y: number;
  savaDays5y: number;
  /** Days of either form (a date counted once) within three years. */
  days3y: number;
}

/** An absence for sickness, parental leave, study leave or vacation opens a vikariat; anything else a sava. */
export function lasFormOf(reason: AbsenceReason): LasForm {
  return reason === 'other' ? 'sava' : 'vikariat';
}

/**
 * Counts the days up to and including `asOf` (YYYY-MM-DD): a date counts once per form however many shifts
 * start on it; for sava (LAS 5 a §), a calendar month with three or more sava days also counts every day
 * between its first and last one. The windows are the five and three years that end on `asOf`.
 */
export function countLasDays(days: readonly EmploymentDay[], asOf: string): LasCount {
  const until = days.filter((d) => d.date <= asOf);
  const vikariat = new Set(until.filter((d) => d.form === 'vikariat').map((d) => d.date));
  const sava = withSavaMonthsFilled(new Set(until.filter((d) => d.form === 'sava').map((d) => d.date)));
  const end = DateTime.fromISO(asOf, { zone: 'utc' });
  const after = (years: number) => end.minus({ years }).toISODate()!;
  const within = (dates: Iterable<string>, years: number) => [...dates].filter((date) => date > after(years)).length;
  return {
    asOf,
    vikariatDays5y: within(vikariat, 5),
    savaDays5y: within(sava, 5),
    days3y: within(new Set([...vikariat, ...sava]), 3),
  };
}

/** The sava dates, with every day between the first and last of a month that has three or more. */
function withSavaMonthsFilled(dates: Set<string>): Set<string> {
  const byMonth = new Map<string, string[]>();
  for (const date of dates) byMonth.set(date.slice(0, 7), [...(byMonth.get(date.slice(0, 7)) ?? []), date]);
  const filled = new Set(dates);
  for (const monthDates of byMonth.values()) {
    if (monthDates.length < 3) continue;
    monthDates.sort();
    for (let day = DateTime.fromISO(monthDates[0], { zone: 'utc' }); day.toISODate()! <= monthDates[monthDates.length - 1]; day = day.plus({ days: 1 })) {
      filled.add(day.toISODate()!);
    }
  }
  return filled;
}
