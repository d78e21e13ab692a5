import { programmeReport } from './programme-report';
import type { VacancyFact } from './vacancy-counts';

let n = 0;
const fact = (serviceArea: VacancyFact['serviceArea'], bookedAfterMinutes: number | null, hours: number): VacancyFact => {
  const createdAt = new Date('2027-01-11T08:00:00Z');
  return {
    id: `v${++n}`,
    unitId: serviceArea,
    unitName: serviceArea,
    serviceArea,
    createdAt,
    startsAt: new Date('2027-01-12T06:00:00Z'),
    bookedAt: bookedAfterMinutes === null ? null : new Date(createdAt.getTime() + bookedAfterMinutes * 60_000),
    bookedSeconds: hours * 3600,
  };
};

describe('programmeReport', () => {
  const programme = {
    budgetSek: 1_000_000,
    allocations: [
      { serviceArea: 'utbildning' as const, amountSek: 600_000, hourlyCostSek: 312.5 },
      { serviceArea: 'kost' as const, amountSek: 400_000, hourlyCostSek: null },
    ],
  };

  it('counts, prices the booked hours at each area\'s hourly cost, and adds an area that has vacancies but no allocation', () => {
    const facts = [fact('utbildning', 30, 7.5), fact('utbildning', null, 0), fact('vard_omsorg', 90, 8), fact('utbildning', 60, 8)];
    expect(programmeReport(programme, facts)).toEqual({
      vacancies: 4,
      filled: 3,
      fillRate: 0.75,
      hoursFilled: 23.5,
      // utbildning: 15.5 h × 312.50 = 4843.75; vård och omsorg has no allocation, so no hourly cost.
      costSek: 4843.75,
      budgetSek: 1_000_000,
      medianMinutesToFill: 60,
      byServiceArea: [
        { serviceArea: 'utbildning', budgetSek: 600_000, vacancies: 3, filled: 2, hoursFilled: 15.5, costSek: 4843.75 },
        { serviceArea: 'vard_omsorg', budgetSek: 0, vacancies: 1, filled: 1, hoursFilled: 8, costSek: 0 },
        { serviceArea: 'kost', budgetSek: 400_000, vacancies: 0, filled: 0, hoursFilled: 0, costSek: 0 },
      ],
    });
  });

  it('reports a programme without vacancies as zeros, a fill rate of 0 and no median', () => {
    expect(programmeReport({ budgetSek: 5, allocations: [] }, [])).toEqual({
      vacancies: 0,
      filled: 0,
      fillRate: 0,
      hoursFilled: 0,
      costSek: 0,
      budgetSek: 5,
      medianMinutesToFill: null,
      byServiceArea: [],
    });
  });
});
