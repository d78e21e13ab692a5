import { SERVICE_AREAS, type ServiceArea } from '../organisation/service-area';
import { hoursBooked, isFilled, round2, tally, type VacancyFact } from './vacancy-counts';

/** What the report needs of the programme: its budget and its allocations, each with its hourly cost if set. */
export interface ProgrammeBudget {
  budgetSek: number;
  allocations: readonly { serviceArea: ServiceArea; amountSek: number; hourlyCostSek: number | null }[];
}

export interface ServiceAreaReport {
  serviceArea: ServiceArea;
  /** Allocated to the service area; 0 when it has no allocation. */
  budgetSek: number;
  vacancies: number;
  filled: number;
  hoursFilled: number;
  /** hoursFilled × the allocation's hourly cost, to the öre; 0 without an hourly cost. */
  costSek: number;
}

export interface ProgrammeReport {
  vacancies: number;
  filled: number;
  fillRate: number;
  hoursFilled: number;
  /** The sum of the service areas' costs. */
  costSek: number;
  budgetSek: number;
  medianMinutesToFill: number | null;
  byServiceArea: ServiceAreaReport[];
}

/**
 * The report of a programme from the vacancies whose absence names it (cancelled ones left out): a row for
 * each service area it allocates to, and for each service area that has vacancies, in the order of SERVICE_AREAS.
 */
export function programmeReport(programme: ProgrammeBudget, facts: readonly VacancyFact[]): ProgrammeReport {
  const allocations = new Map(programme.allocations.map((a) => [a.serviceArea, a]));
  const areas = SERVICE_AREAS.filter((area) => allocations.has(area) || facts.some((f) => f.serviceArea === area));
  const byServiceArea = areas.map((serviceArea): ServiceAreaReport => {
    const inArea = facts.filter((f) => f.serviceArea === serviceArea);
    const hours = inArea.filter(isFilled).reduce((sum, f) => sum + hoursBooked(f), 0);
    const allocation = allocations.get(serviceArea);
    return {
      serviceArea,
      budgetSek: allocation?.amountSek ?? 0,
      vacancies: inArea.length,
      filled: inArea.filter(isFilled).length,
      hoursFilled: round2(hours),
      costSek: round2(hours * (allocation?.hourlyCostSek ?? 0)),
    };
  });
  const all = tally(facts);
  return {
    vacancies: all.vacancies,
    filled: all.filled,
    fillRate: all.fillRate,
    hoursFilled: all.hoursFilled,
    costSek: round2(byServiceArea.reduce((sum, area) => sum + area.costSek, 0)),
    budgetSek: programme.budgetSek,
    medianMinutesToFill: all.medianMinutesToFill,
    byServiceArea,
  };
}
