import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { HOUR_MS, LOCAL_ZONE, parseApiTime } from './time';

const iso = (input: string) => {
  const result = parseApiTime(input);
  if (!result.ok) throw new Error(result.problem);
  return result.instant.toISOString();
};

describe('parseApiTime', () => {
  it('reads wall-clock time as Stockholm time, winter and summer', () => {
    expect(iso('2027-01-11T07:00')).toBe('2027-01-11T06:00:00.000Z');
    expect(iso('2027-06-11T07:00')).toBe('2027-06-11T05:00:00.000Z');
  });

  it('keeps an explicit offset or Z', () => {
    expect(iso('2027-03-28T01:30:00+01:00')).toBe('2027-03-28T00:30:00.000Z');
    expect(iso('2027-03-28T01:30:00Z')).toBe('2027-03-28T01:30:00.000Z');
    expect(iso('2027-10-31T02:30:00+02:00')).toBe('2027-10-31T00:30:00.000Z');
    expect(iso('2027-10-31T02:30:00+01:00')).toBe('2027-10-31T01:30:00.000Z');
  });

  it('refuses the hour skipped on the last Sunday of March', () => {
    const result = parseApiTime('2027-03-28T02:30');
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('does not exist') });
  });

  it('refuses the hour repeated on the last Sunday of October without an offset', () => {
    const result = parseApiTime('2027-10-31T02:30');
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('add an offset') });
  });

  it('reads the hours around the changes unambiguously', () => {
    expect(iso('2027-03-28T01:59')).toBe('2027-03-28T00:59:00.000Z');
    expect(iso('2027-03-28T03:00')).toBe('2027-03-28T01:00:00.000Z');
    expect(iso('2027-10-31T01:59')).toBe('2027-10-30T23:59:00.000Z');
    expect(iso('2027-10-31T03:00')).toBe('2027-10-31T02:00:00.000Z');
  });

  it('refuses offsets no place on earth has, and instants outside 2000-2099', () => {
    expect(parseApiTime('2027-01-01T00:00:00+99:99')).toEqual({ ok: false, problem: 'is not a valid date and time' });
    expect(parseApiTime('2027-01-01T00:00:00+14:00').ok).toBe(true);
    expect(parseApiTime('0000-01-01T00:00:00Z')).toEqual({ ok: false, problem: expect.stringContaining('2000') });
    expect(parseApiTime('9999-12-31T23:00:00Z')).toEqual({ ok: false, problem: expect.stringContaining('2099') });
    expect(parseApiTime('2099-12-31T22:00').ok).toBe(true);
  });

  it.each(['2027-02-30T07:00', '2027-13-01T07:00', 'tomorrow', '2027-01-11', '2027-01-11T25:00', '2027-01-11 07:00', ''])(
    'refuses %p',
    (input) => {
      expect(parseApiTime(input).ok).toBe(false);
    },
  );
});

describe('LOCAL_ZONE', () => {
  const plain = IANAZone.create('Europe/Stockholm');

  it('gives the offset Intl gives, at every instant, across the changes of offset', () => {
    const changes = [Date.UTC(2027, 2, 28, 1), Date.UTC(2027, 9, 31, 1)];
    for (const change of changes) for (let ms = change - 2 * HOUR_MS; ms <= change + 2 * HOUR_MS; ms += 15 * 60_000 - 1) expect(LOCAL_ZONE.offset(ms)).toBe(plain.offset(ms));
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        // Twice: the second answer is the remembered one.
        expect(LOCAL_ZONE.offset(ms)).toBe(plain.offset(ms));
        expect(LOCAL_ZONE.offset(ms)).toBe(plain.offset(ms));
      }),
      { numRuns: 5000 },
    );
  });

  it('is the same zone to luxon as the name', () => {
    const at = new Date('2027-03-28T00:59:59.999Z');
    expect(DateTime.fromJSDate(at, { zone: LOCAL_ZONE }).toISO()).toBe(DateTime.fromJSDate(at, { zone: 'Europe/Stockholm' }).toISO());
    expect(DateTime.fromJSDate(at, { zone: LOCAL_ZONE }).plus({ hours: 1 }).toISO()).toBe('2027-03-28T03:59:59.999+02:00');
    expect(LOCAL_ZONE.equals(plain)).toBe(true);
  });
});
