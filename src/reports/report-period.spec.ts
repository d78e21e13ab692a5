import { daysBetween, isLocalDate, isMonth, localDates, localMonth, periodProblems } from './report-period';

describe('isLocalDate', () => {
  it('takes real dates written YYYY-MM-DD', () => {
    expect(['2027-01-31', '2028-02-29', '2000-01-01', '2099-12-31'].map(isLocalDate)).toEqual([true, true, true, true]);
  });

  it('refuses dates that do not exist, other spellings, other years and non-strings', () => {
    const refused = ['2027-02-29', '2027-13-01', '2027-00-10', '2027-1-5', '27-01-05', '2027-01-05T00:00', ' 2027-01-05', '1999-12-31', '2100-01-01', '', 20270105, null, undefined];
    expect(refused.filter(isLocalDate)).toEqual([]);
  });
});

describe('isMonth', () => {
  it('takes YYYY-MM with a month from 01 to 12', () => {
    expect(['2027-01', '2027-12', '2000-06'].map(isMonth)).toEqual([true, true, true]);
    expect(['2027-13', '2027-00', '2027-1', '2027-01-01', '1999-12', 'mars', '', 202701, undefined].filter(isMonth)).toEqual([]);
  });
});

describe('periodProblems', () => {
  it('accepts one day, and up to 366 days apart', () => {
    expect(periodProblems('2027-03-01', '2027-03-01')).toEqual([]);
    expect(periodProblems('2028-01-01', '2029-01-01')).toEqual([]);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
  });

  it('names `to` when it is before `from` or too far after it', () => {
    expect(periodProblems('2027-03-02', '2027-03-01')).toEqual([{ field: 'to', problem: 'must be on or after from (2027-03-02)' }]);
    // 2027 has 365 days: 2028-01-02 is the 366th day after 2027-01-01, 2028-01-03 the 367th.
    expect(periodProblems('2027-01-01', '2028-01-02')).toEqual([]);
    expect(periodProblems('2027-01-01', '2028-01-03')).toEqual([{ field: 'to', problem: 'must be at most 366 days after from; 2027-01-01 to 2028-01-03 is 367 days apart' }]);
  });
});

describe('local periods', () => {
  it('run from local midnight to local midnight after the last date', () => {
    expect(localDates('2027-01-11', '2027-01-12')).toEqual({ start: new Date('2027-01-10T23:00:00Z'), end: new Date('2027-01-12T23:00:00Z') });
    // Summer time: midnight is 22:00 UTC.
    expect(localDates('2027-07-01', '2027-07-01')).toEqual({ start: new Date('2027-06-30T22:00:00Z'), end: new Date('2027-07-01T22:00:00Z') });
  });

  it('give the day the clocks go forward 23 hours', () => {
    const { start, end } = localDates('2026-03-29', '2026-03-29');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it('give a month from its first local midnight to the next month\'s', () => {
    expect(localMonth('2026-03')).toEqual({ start: new Date('2026-02-28T23:00:00Z'), end: new Date('2026-03-31T22:00:00Z') });
    expect(localMonth('2026-12')).toEqual({ start: new Date('2026-11-30T23:00:00Z'), end: new Date('2026-12-31T23:00:00Z') });
  });
});
