import { mergeWindows, subtractWindow } from './availability';

const p = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });
const iso = (ws: { start: Date; end: Date }[]) => ws.map((w) => `${w.start.toISOString()}/${w.end.toISOString()}`);

describe('mergeWindows', () => {
  it('merges overlapping and touching windows and sorts them', () => {
    const merged = mergeWindows([
      p('2027-01-12T06:00:00Z', '2027-01-12T16:00:00Z'),
      p('2027-01-11T06:00:00Z', '2027-01-11T12:00:00Z'),
      p('2027-01-11T12:00:00Z', '2027-01-11T16:00:00Z'),
      p('2027-01-12T08:00:00Z', '2027-01-12T10:00:00Z'),
      p('2027-01-12T15:00:00Z', '2027-01-12T20:00:00Z'),
    ]);
    expect(iso(merged)).toEqual([
      '2027-01-11T06:00:00.000Z/2027-01-11T16:00:00.000Z',
      '2027-01-12T06:00:00.000Z/2027-01-12T20:00:00.000Z',
    ]);
  });

  it('keeps separate windows apart and does not mutate its input', () => {
    const input = [p('2027-01-11T06:00:00Z', '2027-01-11T07:00:00Z'), p('2027-01-11T07:00:01Z', '2027-01-11T08:00:00Z')];
    expect(mergeWindows(input)).toHaveLength(2);
    expect(mergeWindows([])).toEqual([]);
    const touching = [p('2027-01-11T06:00:00Z', '2027-01-11T07:00:00Z'), p('2027-01-11T07:00:00Z', '2027-01-11T08:00:00Z')];
    mergeWindows(touching);
    expect(touching[0].end.toISOString()).toBe('2027-01-11T07:00:00.000Z');
  });
});

describe('subtractWindow', () => {
  const at = (h: number) => new Date(Date.UTC(2027, 0, 11, h));
  const w = (a: number, b: number) => ({ start: at(a), end: at(b) });

  it('splits a window around a period inside it, trims one it overlaps and drops one it covers', () => {
    expect(subtractWindow([w(6, 18)], w(10, 12))).toEqual([w(6, 10), w(12, 18)]);
    expect(subtractWindow([w(6, 18)], w(4, 8))).toEqual([w(8, 18)]);
    expect(subtractWindow([w(6, 18), w(20, 22)], w(5, 19))).toEqual([w(20, 22)]);
  });

  it('leaves windows it does not touch, also those that only meet it', () => {
    expect(subtractWindow([w(6, 10)], w(10, 12))).toEqual([w(6, 10)]);
  });
});
