import { DateTime } from 'luxon';
import { ABSENCE_REASONS, AbsenceReason } from '../absences/absence.entity';
import type { LasThresholds as LasLimits } from './working-time-settings.repository';

/**
 * LAS days (Lagen om anställningsskydd): a municipality counts each substitute's days of employment, by
 * form, because long temporary employment turns into a permanent one. Pure: the days come from the
 * bookings (and from the earlier system), the rules and their limits are here.
 */

/** vikariat: standing in for someone absent; sava: särskild visstidsanställning (any other need). */
export const LAS_FORMS = ['vikariat', 'sava'] as const;
export type LasForm = (typeof LAS_FORMS)[number];

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

/**
 * The rules a count is held to (API: thresholds[].rule):
 * - sava_conversion: more than lasSavaConversionDays sava days within five years (LAS 5 a §);
 * - vikariat_conversion: more than lasVikariatConversionDays vikariat days within five years (LAS 5 a §);
 * - preferential_rehire: more than lasRehireDays days of either form within three years, or more than
 *   lasRehireSavaDays sava days within three years (LAS 25 §): two thresholds of the same rule.
 */
export const LAS_RULES = ['sava_conversion', 'vikariat_conversion', 'preferential_rehire'] as const;
export type LasRule = (typeof LAS_RULES)[number];

/** How near a count is to one rule's limit. The limit is passed at limitDays + 1 days, when remaining is below 0. */
export interface LasThreshold {
  rule: LasRule;
  limitDays: number;
  days: number;
  /** limitDays − days: 0 means the next day passes the limit; below 0, it is passed by that many days. */
  remaining: number;
}

export interface LasWarning {
  rule: LasRule;
  remaining: number;
  /** In English; the pages say it in Swedish from rule and remaining. */
  message: string;
}

export interface LasAssessment extends LasCount {
  thresholds: LasThreshold[];
  warnings: LasWarning[];
}

/** The day the month rule for sava took effect (LAS 5 a § as of 2022-10-01): earlier months count day by day. */
export const SAVA_MONTH_RULE_FROM = '2022-10-01';

/** An absence for sickness, parental leave, study leave or vacation opens a vikariat; anything else a sava. */
export function lasFormOf(reason: AbsenceReason): LasForm {
  return reason === 'other' ? 'sava' : 'vikariat';
}

/** The absence reasons that open a sava, for queries that decide the form in SQL. */
export const SAVA_REASONS: readonly AbsenceReason[] = ABSENCE_REASONS.filter((reason) => lasFormOf(reason) === 'sava');

/**
 * Counts the days up to and including `asOf` (YYYY-MM-DD): a date counts once per form however many shifts
 * start on it; for sava (LAS 5 a §), a calendar month from October 2022 on with three or more sava days also
 * counts every day between its first and last one. The windows are the five and three years that end on
 * `asOf`: the dates after the same date five or three years earlier (after 28 February from a 29 February).
 */
export function countLasDays(days: readonly EmploymentDay[], asOf: string): LasCount {
  const { savaDays3y: _, ...count } = tally(days, asOf);
  return count;
}

/** The count, the thresholds of the rules, and a warning for each threshold with fewer than `limits.lasWarningDays` left. */
export function assessLasDays(days: readonly EmploymentDay[], asOf: string, limits: LasLimits): LasAssessment {
  const counted = tally(days, asOf);
  const thresholds = thresholdsOf(counted, limits);
  const { savaDays3y: _, ...count } = counted;
  return { ...count, thresholds: thresholds.map(({ basis: __, ...t }) => t), warnings: warningsOf(thresholds, limits.lasWarningDays) };
}

/** The first day of the month five years before `asOf`: a query from there holds every day the count needs. */
export function lasDaysNeededFrom(asOf: string): string {
  return DateTime.fromISO(asOf, { zone: 'utc' }).minus({ years: 5 }).startOf('month').toISODate()!;
}

type Tally = LasCount & { savaDays3y: number };

function tally(days: readonly EmploymentDay[], asOf: string): Tally {
  const until = days.filter((d) => d.date <= asOf);
  const vikariat = new Set(until.filter((d) => d.form === 'vikariat').map((d) => d.date));
  const sava = withSavaMonthsFilled(new Set(until.filter((d) => d.form === 'sava').map((d) => d.date)));
  const end = DateTime.fromISO(asOf, { zone: 'utc' });
  const within = (dates: Iterable<string>, years: number) => {
    const after = end.minus({ years }).toISODate()!;
    return [...dates].filter((date) => date > after).length;
  };
  return {
    asOf,
    vikariatDays5y: within(vikariat, 5),
    savaDays5y: within(sava, 5),
    days3y: within(new Set([...vikariat, ...sava]), 3),
    savaDays3y: within(sava, 3),
  };
}

/** The sava dates, with every day between the first and last of a month (from October 2022) that has three or more. */
function withSavaMonthsFilled(dates: Set<string>): Set<string> {
  const byMonth = new Map<string, string[]>();
  for (const date of dates) {
    if (date < SAVA_MONTH_RULE_FROM) continue;
    const month = byMonth.get(date.slice(0, 7));
    if (month) month.push(date);
    else byMonth.set(date.slice(0, 7), [date]);
  }
  const filled = new Set(dates);
  for (const [month, monthDates] of byMonth) {
    if (monthDates.length < 3) continue;
    const dayNumbers = monthDates.map((date) => Number(date.slice(8)));
    for (let day = Math.min(...dayNumbers); day <= Math.max(...dayNumbers); day++) filled.add(`${month}-${String(day).padStart(2, '0')}`);
  }
  return filled;
}

/** What a threshold counts, for its message. */
type Basis = { what: 'sava days' | 'vikariat days' | 'days of employment'; years: 'five' | 'three' };

/**
 * The thresholds, in the order of LAS_RULES. preferential_rehire is reached in either of two ways, so it has
 * two rows: days of either form within three years against lasRehireDays, then sava days alone within three
 * years against lasRehireSavaDays. Each row always counts the same thing, so a client can tell them apart by
 * their place (the sava one is last) and by limitDays.
 */
function thresholdsOf(count: Tally, limits: LasLimits): (LasThreshold & { basis: Basis })[] {
  const row = (rule: LasRule, limitDays: number, days: number, basis: Basis) => ({ rule, limitDays, days, remaining: limitDays - days, basis });
  return [
    row('sava_conversion', limits.lasSavaConversionDays, count.savaDays5y, { what: 'sava days', years: 'five' }),
    row('vikariat_conversion', limits.lasVikariatConversionDays, count.vikariatDays5y, { what: 'vikariat days', years: 'five' }),
    row('preferential_rehire', limits.lasRehireDays, count.days3y, { what: 'days of employment', years: 'three' }),
    row('preferential_rehire', limits.lasRehireSavaDays, count.savaDays3y, { what: 'sava days', years: 'three' }),
  ];
}

/** A warning for each threshold with fewer than `warningDays` remaining (a passed limit too), nearest first. */
function warningsOf(thresholds: (LasThreshold & { basis: Basis })[], warningDays: number): LasWarning[] {
  return thresholds
    .filter((t) => t.remaining < warningDays)
    .sort((a, b) => a.remaining - b.remaining)
    .map((t) => ({ rule: t.rule, remaining: t.remaining, message: messageOf(t) }));
}

function messageOf(t: LasThreshold & { basis: Basis }): string {
  const limit = `more than ${t.limitDays} ${t.basis.what} within ${t.basis.years} years`;
  const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
  if (t.remaining > 0) return `${days(t.remaining)} left to ${t.rule} (${limit}).`;
  if (t.remaining === 0) return `No days left to ${t.rule} (${limit}): the next day passes the limit.`;
  return `${t.rule} is passed by ${days(-t.remaining)} (${limit}).`;
}
