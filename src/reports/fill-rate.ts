import { DateTime } from 'luxon';
import { LOCAL_ZONE } from '../common/time';
import { SERVICE_AREAS } from '../organisation/service-area';
import { tally, type Tally, type VacancyFact } from './vacancy-counts';

/** How a fill-rate report groups its vacancies. */
export const FILL_RATE_GROUPINGS = ['leadTime', 'weekday', 'serviceArea', 'unit'] as const;
export type FillRateGrouping = (typeof FILL_RATE_GROUPINGS)[number];

/** Time from a vacancy's creation to its first shift, in bands: under 3 hours, 3 to 24, 1 to 3 days, more. */
export const LEAD_TIME_BANDS = ['under_3h', '3h_24h', '1d_3d', 'over_3d'] as const;
export type LeadTimeBand = (typeof LEAD_TIME_BANDS)[number];

const HOUR_MS = 3_600_000;

/** The band of a lead time; each band includes its lower bound (exactly 3 hours is 3h_24h). A vacancy made after its start is under_3h. */
export function leadTimeBand(createdAt: Date, startsAt: Date): LeadTimeBand {
  const hours = (startsAt.getTime() - createdAt.getTime()) / HOUR_MS;
  if (hours < 3) return 'under_3h';
  if (hours < 24) return '3h_24h';
  if (hours < 72) return '1d_3d';
  return 'over_3d';
}

/** ISO weekday of an instant in Swedish local time: 1 is Monday, 7 Sunday. */
export function localWeekday(instant: Date): number {
  return DateTime.fromJSDate(instant, { zone: LOCAL_ZONE }).weekday;
}

export interface FillRateRow extends Omit<Tally, 'hoursFilled'> {
  /** A lead-time band, an ISO weekday ("1" = Monday), a service area or a unit id. */
  group: string;
  /** The unit's name, when grouped by unit. */
  label?: string;
}

interface Group {
  key: string;
  /** Sorts the groups: the order of the bands, weekdays and service areas; units by name (then id). */
  order: number | string;
  label?: string;
}

const byOrder = (a: Group, b: Group) =>
  typeof a.order === 'number' && typeof b.order === 'number' ? a.order - b.order : String(a.order).localeCompare(String(b.order), 'sv') || a.key.localeCompare(b.key);

function groupOf(fact: VacancyFact, grouping: FillRateGrouping): Group {
  switch (grouping) {
    case 'leadTime': {
      const band = leadTimeBand(fact.createdAt, fact.startsAt);
      return { key: band, order: LEAD_TIME_BANDS.indexOf(band) };
    }
    case 'weekday': {
      const weekday = localWeekday(fact.startsAt);
      return { key: String(weekday), order: weekday };
    }
    case 'serviceArea':
      return { key: fact.serviceArea, order: SERVICE_AREAS.indexOf(fact.serviceArea) };
    case 'unit':
      return { key: fact.unitId, order: fact.unitName, label: fact.unitName };
  }
}

/** One row per group that has vacancies, in the natural order of the grouping. */
export function fillRateRows(facts: readonly VacancyFact[], grouping: FillRateGrouping): FillRateRow[] {
  const groups = new Map<string, { group: Group; facts: VacancyFact[] }>();
  for (const fact of facts) {
    const group = groupOf(fact, grouping);
    const entry = groups.get(group.key) ?? { group, facts: [] };
    entry.facts.push(fact);
    groups.set(group.key, entry);
  }
  return [...groups.values()]
    .sort((a, b) => byOrder(a.group, b.group))
    .map(({ group, facts: members }) => {
      const { vacancies, filled, unfilled, fillRate, medianMinutesToFill } = tally(members);
      return { group: group.key, ...(group.label === undefined ? {} : { label: group.label }), vacancies, filled, unfilled, fillRate, medianMinutesToFill };
    });
}
