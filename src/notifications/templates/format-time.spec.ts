import {
  formatDateTime,
  formatDay,
  formatShift,
  formatShiftLines,
  formatShifts,
  summariseShifts,
  toLocal,
} from './format-time';

const shift = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

/** Monday 11 Jan 2027 07:00-16:00 local (CET, UTC+1) and the following days. */
const day = (d: number) => shift(`2027-01-${String(d).padStart(2, '0')}T06:00:00Z`, `2027-01-${String(d).padStart(2, '0')}T15:00:00Z`);

describe('formatShift', () => {
  it('shows a day shift in Stockholm time', () => {
    expect(formatShift(day(11))).toBe('mån 11 jan 07:00–16:00');
  });

  it('uses Swedish weekday abbreviations for the whole week', () => {
    expect([11, 12, 13, 14, 15, 16, 17].map((d) => formatShift(day(d)).split(' ')[0])).toEqual([
      'mån',
      'tis',
      'ons',
      'tors',
      'fre',
      'lör',
      'sön',
    ]);
  });

  it('uses three-letter months without a period', () => {
    const months = Array.from({ length: 12 }, (_, i) => formatDay(new Date(Date.UTC(2027, i, 15, 10))).split(' ')[2]);
    expect(months).toEqual(['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']);
  });

  it('shows a night shift across midnight with both days', () => {
    // 2026-03-27 is a Friday; still winter time (CET).
    expect(formatShift(shift('2026-03-27T21:00:00Z', '2026-03-28T06:00:00Z'))).toBe('fre 27 mar 22:00 – lör 28 mar 07:00');
  });

  it('is right across the spring-forward change (28 Mar 2027, 02:00 CET -> 03:00 CEST)', () => {
    expect(formatShift(shift('2027-03-27T21:00:00Z', '2027-03-28T05:00:00Z'))).toBe('lör 27 mar 22:00 – sön 28 mar 07:00');
  });

  it('is right across the fall-back change (31 Oct 2027, 03:00 CEST -> 02:00 CET)', () => {
    // 22:00 CEST is 20:00Z; 07:00 CET is 06:00Z: a ten-hour night shown as 22:00-07:00.
    expect(formatShift(shift('2027-10-30T20:00:00Z', '2027-10-31T06:00:00Z'))).toBe('lör 30 okt 22:00 – sön 31 okt 07:00');
    // The day after: plain CET.
    expect(formatShift(shift('2027-11-01T06:00:00Z', '2027-11-01T15:00:00Z'))).toBe('mån 1 nov 07:00–16:00');
    // The day before: CEST, UTC+2.
    expect(formatShift(shift('2027-10-29T05:00:00Z', '2027-10-29T14:00:00Z'))).toBe('fre 29 okt 07:00–16:00');
  });

  it('shows a shift that ends at midnight as ending 24:00', () => {
    expect(formatShift(shift('2027-01-11T15:00:00Z', '2027-01-11T23:00:00Z'))).toBe('mån 11 jan 16:00–24:00');
  });

  it('takes another dash for SMS', () => {
    expect(formatShift(day(11), { dash: '-' })).toBe('mån 11 jan 07:00-16:00');
    expect(formatShift(shift('2027-03-27T21:00:00Z', '2027-03-28T05:00:00Z'), { dash: '-' })).toBe(
      'lör 27 mar 22:00 - sön 28 mar 07:00',
    );
  });

  it('does not depend on the process time zone', () => {
    expect(toLocal(new Date('2027-07-01T10:00:00Z')).toFormat('HH:mm')).toBe('12:00');
  });

  it('throws on an invalid date', () => {
    expect(() => formatShift({ start: new Date('nope'), end: new Date() })).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('writes weekday, date and time with "kl."', () => {
    expect(formatDateTime(new Date('2027-01-14T13:00:00Z'))).toBe('tors 14 jan kl. 14:00');
    expect(formatDateTime(new Date('2027-07-01T05:30:00Z'))).toBe('tors 1 jul kl. 07:30');
  });
});

describe('formatShifts', () => {
  it('writes one line per shift, in time order', () => {
    expect(formatShifts([day(13), day(11), day(12)])).toBe(
      'mån 11 jan 07:00–16:00\ntis 12 jan 07:00–16:00\nons 13 jan 07:00–16:00',
    );
  });

  it('keeps five shifts whole', () => {
    expect(formatShiftLines([11, 12, 13, 14, 15].map(day))).toHaveLength(5);
  });

  it('cuts more than five shifts to three and a count', () => {
    expect(formatShifts([11, 12, 13, 14, 15, 18].map(day))).toBe(
      'mån 11 jan 07:00–16:00\ntis 12 jan 07:00–16:00\nons 13 jan 07:00–16:00\n… och 3 pass till',
    );
  });

  it('lists everything when asked to', () => {
    expect(formatShiftLines([11, 12, 13, 14, 15, 18].map(day), { max: Infinity })).toHaveLength(6);
  });

  it('does not reorder the caller’s array', () => {
    const input = [day(13), day(11)];
    formatShifts(input);
    expect(input[0]).toEqual(day(13));
  });
});

describe('summariseShifts', () => {
  it('shows a single shift in full', () => {
    expect(summariseShifts([day(11)])).toBe('1 pass mån 11 jan 07:00–16:00');
  });

  it('shows a range of days in one month', () => {
    expect(summariseShifts([day(11), day(12), day(13)])).toBe('3 pass 11–13 jan');
    expect(summariseShifts([day(11), day(12), day(13)], { dash: '-' })).toBe('3 pass 11-13 jan');
  });

  it('shows two shifts on one day', () => {
    expect(
      summariseShifts([shift('2027-01-11T06:00:00Z', '2027-01-11T10:00:00Z'), shift('2027-01-11T13:00:00Z', '2027-01-11T17:00:00Z')]),
    ).toBe('2 pass 11 jan');
  });

  it('shows a range across months', () => {
    expect(summariseShifts([shift('2027-01-29T06:00:00Z', '2027-01-29T15:00:00Z'), shift('2027-02-02T06:00:00Z', '2027-02-02T15:00:00Z')])).toBe(
      '2 pass 29 jan–2 feb',
    );
  });

  it('shows years when the range crosses New Year', () => {
    expect(summariseShifts([shift('2027-12-30T06:00:00Z', '2027-12-30T15:00:00Z'), shift('2028-01-03T06:00:00Z', '2028-01-03T15:00:00Z')])).toBe(
      '2 pass 30 dec 2027–3 jan 2028',
    );
  });

  it('ends the range on the day the last night shift ends', () => {
    const nights = [11, 12].map((d) => shift(`2027-01-${d}T21:00:00Z`, `2027-01-${d + 1}T06:00:00Z`));
    expect(summariseShifts(nights)).toBe('2 pass 11–13 jan');
  });

  it('does not count a shift ending at midnight into the next day', () => {
    const evenings = [11, 12].map((d) => shift(`2027-01-${d}T15:00:00Z`, `2027-01-${d}T23:00:00Z`));
    expect(summariseShifts(evenings)).toBe('2 pass 11–12 jan');
  });

  it('uses local dates around the DST change', () => {
    expect(summariseShifts([shift('2027-03-27T21:00:00Z', '2027-03-28T05:00:00Z'), shift('2027-03-28T20:00:00Z', '2027-03-29T05:00:00Z')])).toBe(
      '2 pass 27–29 mar',
    );
  });
});
