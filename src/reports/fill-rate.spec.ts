import { fillRateRows, leadTimeBand, localWeekday } from './fill-rate';
import type { VacancyFact } from './vacancy-counts';

const HOUR = 3_600_000;

describe('leadTimeBand', () => {
  const start = new Date('2027-01-11T06:00:00Z');
  const madeBefore = (hours: number) => leadTimeBand(new Date(start.getTime() - hours * HOUR), start);

  it('puts each lower bound in the band it starts', () => {
    expect([0, 2.99, 3, 23.99, 24, 71.99, 72, 500].map(madeBefore)).toEqual(['under_3h', 'under_3h', '3h_24h', '3h_24h', '1d_3d', '1d_3d', 'over_3d', 'over_3d']);
  });

  it('counts a vacancy made after its start as under 3 hours', () => {
    expect(madeBefore(-2)).toBe('under_3h');
  });
});

describe('localWeekday', () => {
  it('is the Swedish weekday, 1 for Monday: late Sunday evening UTC is already Monday in Sweden', () => {
    expect(localWeekday(new Date('2027-01-10T23:30:00Z'))).toBe(1);
    expect(localWeekday(new Date('2027-01-10T22:30:00Z'))).toBe(7);
    // Summer time: 22:30 UTC on a Sunday is 00:30 Monday.
    expect(localWeekday(new Date('2027-06-06T22:30:00Z'))).toBe(1);
  });
});

describe('fillRateRows', () => {
  let n = 0;
  const fact = (unit: [string, string], area: VacancyFact['serviceArea'], leadHours: number, startsAt: string, bookedAfterMinutes: number | null): VacancyFact => {
    const start = new Date(startsAt);
    const createdAt = new Date(start.getTime() - leadHours * HOUR);
    return {
      id: `v${++n}`,
      unitId: unit[0],
      unitName: unit[1],
      serviceArea: area,
      createdAt,
      startsAt: start,
      bookedAt: bookedAfterMinutes === null ? null : new Date(createdAt.getTime() + bookedAfterMinutes * 60_000),
      bookedSeconds: bookedAfterMinutes === null ? 0 : 8 * 3600,
    };
  };
  const orebro: [string, string] = ['u-2', 'Öbergska skolan'];
  const alby: [string, string] = ['u-1', 'Albyhemmet'];
  // Monday 2027-01-11 and Wednesday 2027-01-13, 07:00 Swedish time.
  const facts = [
    fact(alby, 'vard_omsorg', 1, '2027-01-11T06:00:00Z', 20),
    fact(alby, 'vard_omsorg', 100, '2027-01-11T06:00:00Z', null),
    fact(orebro, 'utbildning', 30, '2027-01-13T06:00:00Z', 40),
    fact(orebro, 'utbildning', 2, '2027-01-13T06:00:00Z', 60),
  ];

  it('groups by lead-time band, in band order, leaving out bands without vacancies', () => {
    expect(fillRateRows(facts, 'leadTime')).toEqual([
      { group: 'under_3h', vacancies: 2, filled: 2, unfilled: 0, fillRate: 1, medianMinutesToFill: 40 },
      { group: '1d_3d', vacancies: 1, filled: 1, unfilled: 0, fillRate: 1, medianMinutesToFill: 40 },
      { group: 'over_3d', vacancies: 1, filled: 0, unfilled: 1, fillRate: 0, medianMinutesToFill: null },
    ]);
  });

  it('groups by local weekday as "1" to "7"', () => {
    expect(fillRateRows(facts, 'weekday').map((r) => [r.group, r.vacancies, r.filled])).toEqual([
      ['1', 2, 1],
      ['3', 2, 2],
    ]);
  });

  it('groups by service area in the order of the service areas', () => {
    expect(fillRateRows(facts, 'serviceArea').map((r) => [r.group, r.vacancies, r.fillRate])).toEqual([
      ['utbildning', 2, 1],
      ['vard_omsorg', 2, 0.5],
    ]);
  });

  it('groups by unit id, labelled and sorted by the unit name in Swedish order (Ö after A)', () => {
    expect(fillRateRows(facts, 'unit')).toEqual([
      { group: 'u-1', label: 'Albyhemmet', vacancies: 2, filled: 1, unfilled: 1, fillRate: 0.5, medianMinutesToFill: 20 },
      { group: 'u-2', label: 'Öbergska skolan', vacancies: 2, filled: 2, unfilled: 0, fillRate: 1, medianMinutesToFill: 50 },
    ]);
  });

  it('answers no rows for no vacancies', () => {
    expect(fillRateRows([], 'unit')).toEqual([]);
  });
});
