import { DateTime } from 'luxon';
import { assessLasDays, countLasDays, EmploymentDay, lasDaysNeededFrom, lasFormOf, SAVA_REASONS } from './las-days';
import { DEFAULT_WORKING_TIME_SETTINGS } from './working-time-settings.repository';

const v = (date: string): EmploymentDay => ({ date, form: 'vikariat' });
const s = (date: string): EmploymentDay => ({ date, form: 'sava' });

/** `count` consecutive days of one form, from `from` on. */
const run = (form: (date: string) => EmploymentDay, from: string, count: number): EmploymentDay[] =>
  Array.from({ length: count }, (_, i) => form(DateTime.fromISO(from, { zone: 'utc' }).plus({ days: i }).toISODate()!));

/** The default limits: 365 sava and 731 vikariat days in five years; 365 days, or 274 sava days, in three; warn 30 days before. */
const LIMITS = DEFAULT_WORKING_TIME_SETTINGS;

describe('LAS days', () => {
  it('opens a vikariat for an absent employee and a sava for any other need', () => {
    expect(['sick', 'parental', 'study_leave', 'vacation'].map((r) => lasFormOf(r as never))).toEqual(['vikariat', 'vikariat', 'vikariat', 'vikariat']);
    expect(lasFormOf('other')).toBe('sava');
    expect(SAVA_REASONS).toEqual(['other']);
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

  it('takes the three-year window from a 29 February to the day after 28 February', () => {
    expect(countLasDays([v('2025-02-28'), v('2025-03-01'), v('2028-02-29')], '2028-02-29').days3y).toBe(2);
    // From 28 February 2029 the five years start on the leap day 2024; from 1 March 2029, on 2 March 2024.
    expect(countLasDays([v('2024-02-28'), v('2024-02-29'), v('2024-03-01')], '2029-02-28').vikariatDays5y).toBe(2);
    expect(countLasDays([v('2024-02-28'), v('2024-02-29'), v('2024-03-01'), v('2024-03-02')], '2029-03-01').vikariatDays5y).toBe(1);
  });

  it('fills a sava month only from October 2022, when LAS 5 a § took effect', () => {
    expect(countLasDays([s('2022-09-01'), s('2022-09-15'), s('2022-09-30')], '2022-12-31').savaDays5y).toBe(3);
    expect(countLasDays([s('2022-10-01'), s('2022-10-15'), s('2022-10-31')], '2022-12-31').savaDays5y).toBe(31);
  });

  it('counts the filled days of a sava month only inside the window, while the month’s days before it still decide the fill', () => {
    const days = [s('2023-05-02'), s('2023-05-08'), s('2023-05-20')];
    // The window starts on 2023-05-11: the 11th to the 20th of the filled month count, ten days.
    expect(countLasDays(days, '2028-05-10').savaDays5y).toBe(10);
    expect(lasDaysNeededFrom('2028-05-10')).toBe('2023-05-01');
    expect(lasDaysNeededFrom('2028-02-29')).toBe('2023-02-01');
  });

  describe('thresholds and warnings', () => {
    it('gives each rule its limit, the days that count for it and what remains', () => {
      const assessed = assessLasDays([...run(v, '2027-01-01', 10), ...run(s, '2027-03-01', 2)], '2027-12-31', LIMITS);
      expect(assessed).toEqual({
        asOf: '2027-12-31',
        vikariatDays5y: 10,
        savaDays5y: 2,
        days3y: 12,
        thresholds: [
          { rule: 'sava_conversion', limitDays: 365, days: 2, remaining: 363 },
          { rule: 'vikariat_conversion', limitDays: 731, days: 10, remaining: 721 },
          { rule: 'preferential_rehire', limitDays: 365, days: 12, remaining: 353 },
          { rule: 'preferential_rehire', limitDays: 274, days: 2, remaining: 272 },
        ],
        warnings: [],
      });
    });

    it('warns for sava_conversion with fewer than lasWarningDays left, and not with exactly that many', () => {
      // Two sava days a month never fill: 120 days in five years, counted one by one.
      const twoAMonth = run(s, '2023-01-01', 5 * 365).filter((d) => Number(d.date.slice(8)) <= 2);
      expect(assessLasDays(twoAMonth, '2027-12-31', LIMITS).thresholds[0]).toEqual({ rule: 'sava_conversion', limitDays: 365, days: 120, remaining: 245 });
      const conversion = (count: number) => assessLasDays(run(s, '2027-01-01', count), '2027-12-31', LIMITS).warnings.find((w) => w.rule === 'sava_conversion');
      expect(conversion(335)).toBeUndefined();
      expect(conversion(336)).toEqual({ rule: 'sava_conversion', remaining: 29, message: '29 days left to sava_conversion (more than 365 sava days within five years).' });
    });

    it('warns for vikariat_conversion near 731 vikariat days in five years, and says when the limit is reached and passed', () => {
      const days = run(v, '2025-01-01', 731);
      const last = days[days.length - 1].date;
      expect(assessLasDays(days.slice(0, 701), last, LIMITS).warnings.find((w) => w.rule === 'vikariat_conversion')).toBeUndefined();
      expect(assessLasDays(days.slice(0, 702), last, LIMITS).warnings.find((w) => w.rule === 'vikariat_conversion')).toMatchObject({ remaining: 29 });
      expect(assessLasDays(days, last, LIMITS).warnings.find((w) => w.rule === 'vikariat_conversion')).toEqual({
        rule: 'vikariat_conversion',
        remaining: 0,
        message: 'No days left to vikariat_conversion (more than 731 vikariat days within five years): the next day passes the limit.',
      });
      const dayAfter = DateTime.fromISO(last).plus({ days: 1 }).toISODate()!;
      const passed = assessLasDays([...days, v(dayAfter)], dayAfter, LIMITS);
      expect(passed.thresholds[1]).toEqual({ rule: 'vikariat_conversion', limitDays: 731, days: 732, remaining: -1 });
      expect(passed.warnings.find((w) => w.rule === 'vikariat_conversion')).toEqual({ rule: 'vikariat_conversion', remaining: -1, message: 'vikariat_conversion is passed by 1 day (more than 731 vikariat days within five years).' });
    });

    it('counts preferential_rehire over days of either form in three years, a date with both forms once', () => {
      const days = [...run(v, '2027-01-01', 200), ...run(s, '2027-08-01', 100), ...run(s, '2027-01-01', 50)];
      // 200 vikariat days from 1 January, 150 sava days of which 50 on vikariat dates: 300 dates, 150 sava days.
      const assessed = assessLasDays(days, '2027-12-31', LIMITS);
      expect(assessed.days3y).toBe(300);
      expect(assessed.thresholds.slice(2)).toEqual([
        { rule: 'preferential_rehire', limitDays: 365, days: 300, remaining: 65 },
        { rule: 'preferential_rehire', limitDays: 274, days: 150, remaining: 124 },
      ]);
      expect(assessLasDays(run(v, '2025-06-01', 340), '2027-12-31', LIMITS).warnings).toEqual([
        { rule: 'preferential_rehire', remaining: 25, message: '25 days left to preferential_rehire (more than 365 days of employment within three years).' },
      ]);
    });

    it('holds sava days alone to the second preferential_rehire limit (274 in three years), warning by it when it is near', () => {
      const assessed = assessLasDays([...run(s, '2026-01-01', 260), ...run(v, '2027-06-01', 20)], '2027-12-31', LIMITS);
      expect(assessed.thresholds.slice(2)).toEqual([
        { rule: 'preferential_rehire', limitDays: 365, days: 280, remaining: 85 },
        { rule: 'preferential_rehire', limitDays: 274, days: 260, remaining: 14 },
      ]);
      expect(assessed.warnings).toEqual([
        { rule: 'preferential_rehire', remaining: 14, message: '14 days left to preferential_rehire (more than 274 sava days within three years).' },
      ]);
      // Sava days count for both limits: near both, both warn, the nearer first.
      const both = assessLasDays(run(s, '2026-01-01', 350), '2027-12-31', LIMITS);
      expect(both.warnings.map((w) => [w.rule, w.remaining])).toEqual([
        ['preferential_rehire', -76],
        ['sava_conversion', 15],
        ['preferential_rehire', 15],
      ]);
      expect(both.warnings[0].message).toBe('preferential_rehire is passed by 76 days (more than 274 sava days within three years).');
    });

    it('uses the municipality’s own limits and margin, and lists the nearest warning first', () => {
      const days = [...run(s, '2027-01-01', 20), ...run(v, '2027-02-01', 40)];
      const limits = { ...LIMITS, lasWarningDays: 10, lasSavaConversionDays: 25, lasVikariatConversionDays: 45, lasRehireDays: 500, lasRehireSavaDays: 400 };
      expect(assessLasDays(days, '2027-12-31', limits).warnings.map((w) => [w.rule, w.remaining])).toEqual([
        ['sava_conversion', 5],
        ['vikariat_conversion', 5],
      ]);
      expect(assessLasDays(days, '2027-12-31', { ...limits, lasWarningDays: 0 }).warnings).toEqual([]);
    });

    it('counts what a booking would add as of its last day, and leaves out days after asOf', () => {
      const booked = run(v, '2027-01-01', 330);
      const vacancy = run(v, '2027-12-01', 10);
      expect(assessLasDays(booked, '2027-11-30', LIMITS).warnings).toEqual([]);
      expect(assessLasDays([...booked, ...vacancy], '2027-12-10', LIMITS).warnings).toEqual([expect.objectContaining({ rule: 'preferential_rehire', remaining: 25 })]);
      expect(assessLasDays([...booked, ...vacancy], '2027-11-30', LIMITS).warnings).toEqual([]);
    });
  });
});
