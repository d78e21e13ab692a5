import { countLasDays, EmploymentDay, lasFormOf } from './las-days';

const v = (date: string): EmploymentDay => ({ date, form: 'vikariat' });
const s = (date: string): EmploymentDay => ({ date, form: 'sava' });

describe('LAS days', () => {
  it('opens a vikariat for an absent employee and a sava for any other need', () => {
    expect(['sick', 'parental', 'study_leave', 'vacation'].map((r) => lasFormOf(r as never))).toEqual(['vikariat', 'vikariat', 'vikariat', 'vikariat']);
    expect(lasFormOf('other')).toBe('sava');
  });

  it('counts a date once however many shifts start on it, and a night shift on the date it starts', () => {
    // Two shifts on 3 March, and a night shift from 4 to 5 March (counted on the 4th only).
    expect(countLasDays([v('2027-03-03'), v('2027-03-03'), v('2027-03-04')], '2027-12-31')).toEqual({ asOf: '2027-12-31', vikariatDays5y: 2, savaDays5y: 0, days3y: 2 });
  });

  it('counts up to and including asOf, and days booked later once asOf reaches them', () => {
    const days = [v('2027-03-03'), v('2027-03-10')];
    expect(countLasDays(days, '2027-03-09').vikariatDays5y).toBe(1);
    expect(countLasDays(days, '2027-03-10').vikariatDays5y).toBe(2);
  });

  it('fills a month with three or more sava days from the first to the last', () => {
    expect(countLasDays([s('2027-05-02'), s('2027-05-10'), s('2027-05-20')], '2027-12-31').savaDays5y).toBe(19);
    // Two in a month: only those two.
    expect(countLasDays([s('2027-06-02'), s('2027-06-28')], '2027-12-31').savaDays5y).toBe(2);
    // Three across a month's end are two months of fewer than three.
    expect(countLasDays([s('2027-07-30'), s('2027-07-31'), s('2027-08-01')], '2027-12-31').savaDays5y).toBe(3);
  });

  it('counts a date with both forms once in the three years', () => {
    const count = countLasDays([v('2027-09-01'), s('2027-09-01'), s('2027-09-02')], '2027-12-31');
    expect(count).toMatchObject({ vikariatDays5y: 1, savaDays5y: 2, days3y: 2 });
  });

  it('leaves out days older than the windows, at their exact edges', () => {
    const days = [v('2022-12-31'), v('2023-01-01'), v('2024-12-31'), v('2025-01-01')];
    // Five years back from 2027-12-31 ends on 2022-12-31, three years back on 2024-12-31: those dates fall outside.
    expect(countLasDays(days, '2027-12-31')).toMatchObject({ vikariatDays5y: 3, days3y: 1 });
  });

  it('takes leap years as the calendar has them', () => {
    // 29 Feb 2028 minus five years is 28 Feb 2023: 1 March 2023 is inside, 28 Feb 2023 is not.
    expect(countLasDays([v('2023-02-28'), v('2023-03-01'), v('2028-02-29')], '2028-02-29').vikariatDays5y).toBe(2);
    // A sava month of February in a leap year fills to the 29th.
    expect(countLasDays([s('2028-02-01'), s('2028-02-15'), s('2028-02-29')], '2028-03-31').savaDays5y).toBe(29);
  });
});
