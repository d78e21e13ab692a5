/**
 * A vacancy's life, declared once: open (no offer yet) -> offering (offers out) -> filled (booked) |
 * unfilled (no candidate and no pending offer left, or its first shift has started) | cancelled.
 * A cancelled booking takes filled back to open (and a rematch starts), or to unfilled once it has begun.
 * Staff may still book an unfilled vacancy by hand until it starts.
 */
export const VACANCY_STATUSES = ['open', 'offering', 'filled', 'unfilled', 'cancelled'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

export const VACANCY_TRANSITIONS: Record<VacancyStatus, readonly VacancyStatus[]> = {
  // offering -> offering: a later wave.
  open: ['offering', 'filled', 'unfilled', 'cancelled'],
  offering: ['offering', 'filled', 'unfilled', 'cancelled'],
  filled: ['open', 'unfilled', 'cancelled'],
  // unfilled -> filled: staff book by hand someone matching could not find, before the vacancy starts.
  unfilled: ['filled', 'cancelled'],
  cancelled: [],
};

/** Statuses in which matching still works on the vacancy (waves, offers). */
export const LIVE_STATUSES: readonly VacancyStatus[] = ['open', 'offering'];

export const isLive = (status: VacancyStatus) => LIVE_STATUSES.includes(status);

/**
 * The statuses a vacancy may be in for a change to apply: those that may move to the new status, or, for a
 * change that keeps the status (rescheduling the next wave), the live ones.
 */
export function statusesAllowingChange(to: VacancyStatus | undefined): VacancyStatus[] {
  if (to === undefined) return [...LIVE_STATUSES];
  return VACANCY_STATUSES.filter((from) => VACANCY_TRANSITIONS[from].includes(to));
}

export class IllegalTransitionError extends Error {
  constructor(what: string, id: string, to: string) {
    super(`The ${what} ${id} cannot become ${to} from its current status`);
  }
}
