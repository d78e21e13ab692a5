import { fitsOneSegment, gsm7Length, toGsm7 } from './gsm7';

describe('GSM 03.38 helpers', () => {
  it('keeps Swedish letters and replaces typographic characters', () => {
    expect(toGsm7('Åsa Öberg – ”Lärare” … naïve Łódź\u00a0x')).toBe('Åsa Öberg - "Lärare" ... naive ?odz x');
  });

  it('counts extension characters as two septets', () => {
    expect(gsm7Length('a€[')).toBe(5);
  });

  it('knows when a text needs a second segment or another alphabet', () => {
    expect(fitsOneSegment('x'.repeat(160))).toBe(true);
    expect(fitsOneSegment('x'.repeat(161))).toBe(false);
    expect(fitsOneSegment(`${'x'.repeat(159)}€`)).toBe(false);
    expect(fitsOneSegment('Vikariat – lärare')).toBe(false);
  });
});
