import type { ServiceArea } from '../organisation/service-area';

/**
 * What the reports count, one vacancy at a time, and the counting itself. Pure: the repository reads these
 * facts, the functions here turn them into numbers. Cancelled vacancies never get here.
 */
export interface VacancyFact {
  id: string;
  unitId: string;
  unitName: string;
  /** The service area of the vacancy's unit. */
  serviceArea: ServiceArea;
  createdAt: Date;
  /** Start of the first shift. */
  startsAt: Date;
  /** When its confirmed booking was made; null when it has none (not filled). */
  bookedAt: Date | null;
  /** Elapsed seconds of the shifts booked by that booking; 0 when not filled. */
  bookedSeconds: number;
}

export interface Tally {
  vacancies: number;
  filled: number;
  unfilled: number;
  /** filled / vacancies; 0 when there are no vacancies. */
  fillRate: number;
  /** Median minutes from a filled vacancy's creation to its booking; null when none is filled. */
  medianMinutesToFill: number | null;
  hoursFilled: number;
}

const MINUTE_MS = 60_000;

/** Rounds away the noise of floating point: hours and kronor to two decimals. */
export const round2 = (value: number) => Math.round((value + Number.EPSILON) * 100) / 100;

/** The middle value, or the mean of the two middle ones; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const isFilled = (fact: VacancyFact): fact is VacancyFact & { bookedAt: Date } => fact.bookedAt !== null;

/** Minutes from the vacancy's creation to its booking; null when not filled. Never negative. */
export function minutesToFill(fact: VacancyFact): number | null {
  return fact.bookedAt === null ? null : Math.max(0, (fact.bookedAt.getTime() - fact.createdAt.getTime()) / MINUTE_MS);
}

/** Booked hours of a filled vacancy, elapsed (a night the clocks change counts what the clock on the wall does not). */
export const hoursBooked = (fact: VacancyFact) => fact.bookedSeconds / 3600;

/** Counts a set of vacancies. */
export function tally(facts: readonly VacancyFact[]): Tally {
  const filled = facts.filter(isFilled);
  const minutes = median(filled.map((f) => minutesToFill(f)!));
  return {
    vacancies: facts.length,
    filled: filled.length,
    unfilled: facts.length - filled.length,
    fillRate: facts.length === 0 ? 0 : filled.length / facts.length,
    medianMinutesToFill: minutes === null ? null : round2(minutes),
    hoursFilled: round2(filled.reduce((sum, f) => sum + hoursBooked(f), 0)),
  };
}
