import { median, minutesToFill, round2, tally, type VacancyFact } from './vacancy-counts';

const at = (iso: string) => new Date(iso);

/** A vacancy made at 08:00, starting the next day; booked `bookedAfterMinutes` later for `hours` hours, or not filled. */
function fact(bookedAfterMinutes: number | null, hours = 0): VacancyFact {
  const createdAt = at('2027-01-11T08:00:00Z');
  return {
    id: `v${Math.random()}`,
    unitId: 'u1',
    unitName: 'Vrinnevihemmet',
    serviceArea: 'vard_omsorg',
    createdAt,
    startsAt: at('2027-01-12T06:00:00Z'),
    bookedAt: bookedAfterMinutes === null ? null : new Date(createdAt.getTime() + bookedAfterMinutes * 60_000),
    bookedSeconds: hours * 3600,
  };
}

describe('median', () => {
  it('is null for nothing, the middle value for an odd count, the mean of the middle two for an even one', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, 5, 12])).toBe(12);
    expect(median([45, 30, 5, 120])).toBe(37.5);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('minutesToFill', () => {
  it('runs from creation to booking, null when not filled, never below zero', () => {
    expect(minutesToFill(fact(90))).toBe(90);
    expect(minutesToFill(fact(null))).toBeNull();
    expect(minutesToFill(fact(-5))).toBe(0);
  });
});

describe('tally', () => {
  it('counts filled and unfilled, the fill rate, the median minutes and the booked hours', () => {
    // Filled after 10, 30 and 60 minutes (median 30) for 8 + 7.5 + 7 hours; two not filled.
    expect(tally([fact(10, 8), fact(null), fact(60, 7), fact(30, 7.5), fact(null)])).toEqual({
      vacancies: 5,
      filled: 3,
      unfilled: 2,
      fillRate: 0.6,
      medianMinutesToFill: 30,
      hoursFilled: 22.5,
    });
  });

  it('gives a fill rate of 0 and no median for no vacancies, and for none filled', () => {
    expect(tally([])).toEqual({ vacancies: 0, filled: 0, unfilled: 0, fillRate: 0, medianMinutesToFill: null, hoursFilled: 0 });
    expect(tally([fact(null)])).toMatchObject({ vacancies: 1, filled: 0, fillRate: 0, medianMinutesToFill: null });
  });

  it('rounds hours and minutes to two decimals', () => {
    expect(tally([fact(1 / 3, 1 / 3)])).toMatchObject({ medianMinutesToFill: 0.33, hoursFilled: 0.33 });
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(round2(2.675)).toBe(2.68);
  });
});
