import { DateTime } from 'luxon';
import { brokenRule, DEFAULT_WORKING_TIME, hoursWithin, longestFreeStretch, monthsTouched, weeksTouched } from './working-time';

const at = (wall: string) => DateTime.fromISO(wall, { zone: 'Europe/Stockholm' }).toJSDate();
const shift = (start: string, end: string) => ({ start: at(start), end: at(end) });
const booked = (start: string, end: string, bookingId = 'b1') => ({ ...shift(start, end), bookingId });
const HOUR = 3_600_000;

describe('working-time rules', () => {
  it('refuses overlapping shifts, and shifts of different bookings closer than the daily rest', () => {
    const day = [booked('2027-01-11T07:00', '2027-01-11T16:00')];
    expect(brokenRule(day, [shift('2027-01-11T15:00', '2027-01-11T20:00')], DEFAULT_WORKING_TIME)).toBe('OVERLAP');
    // 16:00 to 02:59 the next night is 10 h 59 min.
    expect(brokenRule(day, [shift('2027-01-12T02:59', '2027-01-12T06:00')], DEFAULT_WORKING_TIME)).toBe('DAILY_REST');
    expect(brokenRule(day, [shift('2027-01-12T03:00', '2027-01-12T06:00')], DEFAULT_WORKING_TIME)).toBeNull();
    expect(brokenRule(day, [shift('2027-01-12T03:00', '2027-01-12T06:00')], { ...DEFAULT_WORKING_TIME, dailyRestHours: 12 })).toBe('DAILY_REST');
  });

  it('needs 36 free hours in each calendar week, Monday to Monday', () => {
    // Booked Mon–Fri 07–19; adding Saturday 07–19 leaves at most Sat 19:00 to Mon 00:00: 29 h.
    const week = ['11', '12', '13', '14', '15'].map((d) => booked(`2027-01-${d}T07:00`, `2027-01-${d}T19:00`, `b${d}`));
    expect(brokenRule(week, [shift('2027-01-16T07:00', '2027-01-16T19:00')], DEFAULT_WORKING_TIME)).toBe('WEEKLY_REST');
    // Without Saturday, Fri 19:00 to Mon 00:00 is 53 h.
    expect(brokenRule(week.slice(0, 4), [shift('2027-01-15T07:00', '2027-01-15T19:00')], DEFAULT_WORKING_TIME)).toBeNull();
    // Sunday 00–12 instead leaves Fri 19:00 to Sun 00:00 (29 h) and Sun 12:00 to Mon 00:00 (12 h).
    expect(brokenRule(week, [shift('2027-01-17T00:00', '2027-01-17T12:00')], DEFAULT_WORKING_TIME)).toBe('WEEKLY_REST');
  });

  it('measures the weekly rest in elapsed hours across a DST change', () => {
    // Spring 2027: the clocks go forward on Sunday 28 March. Sat 12:00 to Mon 00:00 is 36 wall-clock hours
    // but 35 elapsed; in autumn (31 October 2027) it is 37.
    const spring = [booked('2027-03-22T00:00', '2027-03-27T12:00')];
    expect(longestFreeStretch(spring, weeksTouched(spring)[0]) / HOUR).toBe(35);
    expect(brokenRule([], [shift('2027-03-22T00:00', '2027-03-27T12:00')], DEFAULT_WORKING_TIME)).toBe('WEEKLY_REST');
    expect(brokenRule([], [shift('2027-10-25T00:00', '2027-10-30T12:00')], DEFAULT_WORKING_TIME)).toBeNull();
    expect(weeksTouched(spring)[0].end.getTime() - weeksTouched(spring)[0].start.getTime()).toBe(167 * HOUR);
  });

  it('caps the hours of each calendar month, splitting a night shift over the month end', () => {
    const month = Array.from({ length: 19 }, (_, i) => booked(`2027-01-${String(i + 4).padStart(2, '0')}T07:00`, `2027-01-${String(i + 4).padStart(2, '0')}T15:30`, `b${i}`));
    expect(hoursWithin(month, monthsTouched(month)[0])).toBe(161.5);
    // 22:00 on 31 January to 06:00 on 1 February: 2 h in January (163.5), 6 h in February.
    const night = shift('2027-01-31T22:00', '2027-02-01T06:00');
    expect(monthsTouched([night]).length).toBe(2);
    expect(brokenRule(month, [night], DEFAULT_WORKING_TIME)).toBeNull();
    expect(brokenRule(month, [night], { ...DEFAULT_WORKING_TIME, monthlyHourCap: 163 })).toBe('MONTHLY_CAP');
    expect(brokenRule(month, [shift('2027-01-30T07:00', '2027-01-30T11:00')], DEFAULT_WORKING_TIME)).toBe('MONTHLY_CAP');
  });

  it('keeps a shift that ends at midnight in its own week and month', () => {
    const sunday = shift('2027-01-31T16:00', '2027-02-01T00:00');
    expect(monthsTouched([sunday]).map((m) => DateTime.fromJSDate(m.start, { zone: 'Europe/Stockholm' }).toISODate())).toEqual(['2027-01-01']);
    expect(weeksTouched([sunday]).map((w) => DateTime.fromJSDate(w.start, { zone: 'Europe/Stockholm' }).toISODate())).toEqual(['2027-01-25']);
  });
});
