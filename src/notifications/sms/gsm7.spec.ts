import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { fitsOneSegment, gsm7Length, toGsm7 } from './gsm7';

describe('GSM 03.38 helpers', () => {
  it('keeps Swedish letters and replaces typographic characters', () => {
    expect(toGsm7('Åsa Öberg – ”Lärare” … naïve Łódź\u00a0x')).toBe('Åsa Öberg - "Lärare" ... naive ?odz x');
  });

  it('composes a letter and its combining accent, and drops an accent with nothing to sit on', () => {
    expect(toGsm7('Se\u0301bastien Mu\u0308ller x\u0301')).toBe('Sébastien Müller x');
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

describe('GSM 03.38 helpers against sms-segments-calculator', () => {
  // The library measures graphemes; a CR LF pair is one grapheme of two characters, which it takes for UCS-2
  // although both are GSM-7. SMS texts are single lines (oneLine), so that pair is left out here, and so are
  // combining accents, which toGsm7 now composes where the library's version left them in (tested above).
  const pool = [...'@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà\n\r\f^{}\\[~]|€', 'ç', 'Ł', 'ó', '–', '”', '…', '\u00a0', '\t', '😀', '\u001b', 'Ж'];
  const text = fc.array(fc.constantFrom(...pool), { maxLength: 200 }).map((chars) => chars.join('')).filter((t) => !t.includes('\r\n'));

  it('agree on one segment and on the characters outside the alphabet', () => {
    fc.assert(
      fc.property(text, (t) => {
        const message = new SegmentedMessage(t);
        expect(fitsOneSegment(t)).toBe(message.encodingName === 'GSM-7' && message.segmentsCount === 1);
        expect(toGsm7(t)).toBe(toGsm7WithLibrary(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('agree on the length of texts that fit one segment', () => {
    fc.assert(
      fc.property(text, (t) => {
        fc.pre(fitsOneSegment(t));
        expect(gsm7Length(t)).toBe(new SegmentedMessage(t, 'GSM-7').messageSize / 7);
      }),
    );
  });
});

/** toGsm7 as it was written on the library, for comparison. */
function toGsm7WithLibrary(text: string): string {
  const outside = (s: string) => new Set(new SegmentedMessage(s).getNonGsmCharacters());
  const replacements: Record<string, string> = { '–': '-', '”': '"', '…': '...', '\t': ' ' };
  const out = outside(text);
  if (out.size === 0) return text;
  let result = '';
  for (const ch of text) {
    if (!out.has(ch)) result += ch;
    else if (ch in replacements) result += replacements[ch];
    else if (/\s/u.test(ch)) result += ' ';
    else {
      const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
      result += stripped.length > 0 && outside(stripped).size === 0 ? stripped : '?';
    }
  }
  return result;
}
