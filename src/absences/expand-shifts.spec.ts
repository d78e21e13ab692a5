import { expandSchedule, shiftProblems } from './expand-shifts';

const iso = (shifts: { start: Date; end: Date }[]) => shifts.map((s) => [s.start.toISOString(), s.end.toISOString()]);

describe('expandSchedule', () => {
  it('expands weekdays 07:00-16:00 over three weeks in winter time', () => {
    const result = expandSchedule({ from: '2027-01-11', to: '2027-01-29', weekdays: [1, 2, 3, 4, 5], startTime: '07:00', endTime: '16:00' });
    if (!result.ok) throw new Error('expected ok');
    expect(result.shifts).toHaveLength(15);
    expect(iso(result.shifts)[0]).toEqual(['2027-01-11T06:00:00.000Z', '2027-01-11T15:00:00.000Z']);
    expect(iso(result.shifts)[14]).toEqual(['2027-01-29T06:00:00.000Z', '2027-01-29T15:00:00.000Z']);
  });

  it('keeps local hours across the spring change: 07:00 is 06:00Z before and 05:00Z after', () => {
    const result = expandSchedule({ from: '2027-03-26', to: '2027-03-29', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '07:00', endTime: '16:00' });
    if (!result.ok) throw new Error('expected ok');
    expect(iso(result.shifts).map(([start]) => start)).toEqual([
      '2027-03-26T06:00:00.000Z',
      '2027-03-27T06:00:00.000Z',
      '2027-03-28T05:00:00.000Z',
      '2027-03-29T05:00:00.000Z',
    ]);
  });

  it('makes a night shift over the spring change one hour shorter, and over the autumn change one hour longer', () => {
    const spring = expandSchedule({ from: '2027-03-27', to: '2027-03-27', weekdays: [6], startTime: '22:00', endTime: '07:00' });
    const autumn = expandSchedule({ from: '2027-10-30', to: '2027-10-30', weekdays: [6], startTime: '22:00', endTime: '07:00' });
    if (!spring.ok || !autumn.ok) throw new Error('expected ok');
    expect(iso(spring.shifts)).toEqual([['2027-03-27T21:00:00.000Z', '2027-03-28T05:00:00.000Z']]);
    expect(iso(autumn.shifts)).toEqual([['2027-10-30T20:00:00.000Z', '2027-10-31T06:00:00.000Z']]);
  });

  it('refuses a start time that does not exist on a day of the schedule', () => {
    const result = expandSchedule({ from: '2027-03-27', to: '2027-03-29', weekdays: [7], startTime: '02:30', endTime: '10:00' });
    expect(result).toEqual({ ok: false, details: [{ field: 'schedule.startTime', problem: expect.stringContaining('2027-03-28') }] });
  });

  it('refuses an empty or reversed range', () => {
    expect(expandSchedule({ from: '2027-01-11', to: '2027-01-10', weekdays: [1], startTime: '07:00', endTime: '16:00' }).ok).toBe(false);
    expect(expandSchedule({ from: '2027-01-12', to: '2027-01-13', weekdays: [1], startTime: '07:00', endTime: '16:00' }).ok).toBe(false);
  });
});

describe('shiftProblems', () => {
  const now = new Date('2027-01-01T00:00:00Z');
  const at = (h: number) => new Date(now.getTime() + h * 3_600_000);

  it('accepts ordered, future, non-overlapping shifts', () => {
    expect(shiftProblems([{ start: at(10), end: at(18) }, { start: at(34), end: at(42) }], now)).toEqual([]);
  });

  it('names each problem', () => {
    expect(shiftProblems([{ start: at(10), end: at(9) }], now)).toEqual([{ field: 'shifts.0.end', problem: 'must be after start' }]);
    expect(shiftProblems([{ start: at(10), end: at(35) }], now)[0].problem).toContain('longer than 24 hours');
    expect(shiftProblems([{ start: at(-10), end: at(-2) }], now)[0].problem).toContain('already ended');
    expect(shiftProblems([{ start: at(10), end: at(18) }, { start: at(17), end: at(20) }], now)).toEqual([
      { field: 'shifts.1', problem: 'overlaps shifts.0' },
    ]);
  });

  it('allows exactly 24 hours and touching shifts', () => {
    expect(shiftProblems([{ start: at(10), end: at(34) }, { start: at(34), end: at(40) }], now)).toEqual([]);
  });
});
