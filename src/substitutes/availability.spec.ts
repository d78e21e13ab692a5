import { mergeWindows } from './availability';

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
