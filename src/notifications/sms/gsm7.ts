import { SegmentedMessage } from 'sms-segments-calculator';

/** One SMS segment of GSM 03.38 septets. Longer texts are still sent, as a concatenated SMS. */
export const SMS_SEGMENT_SEPTETS = 160;

/** Typographic characters and their plain GSM-7 stand-ins. */
const REPLACEMENTS: Record<string, string> = {
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2013': '-', // en dash
  '\u2014': '-', // em dash
  '\u2015': '-', // horizontal bar
  '\u2212': '-', // minus sign
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u2032': "'",
  '\u00B4': "'",
  '`': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2026': '...',
  '\u2022': '*',
  '\u00B7': '*',
  '\t': ' ',
};

/** The characters of `text` outside the GSM 03.38 alphabet (basic and extension tables). */
function nonGsmCharacters(text: string): Set<string> {
  return new Set(new SegmentedMessage(text).getNonGsmCharacters());
}

/** True when the character can be sent in a GSM-7 SMS. */
export function isGsm7Char(ch: string): boolean {
  return nonGsmCharacters(ch).size === 0;
}

/**
 * Makes text safe for a GSM-7 SMS so that one odd character never turns the message into UCS-2
 * (70 characters a segment): typographic dashes and quotes become ASCII, other spaces become a
 * space, accented letters outside the alphabet lose their accent (å ä ö é ü stay), and anything
 * still outside the alphabet becomes "?".
 */
export function toGsm7(text: string): string {
  const outside = nonGsmCharacters(text);
  if (outside.size === 0) return text;
  let out = '';
  for (const ch of text) {
    if (!outside.has(ch)) out += ch;
    else if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
    else if (/\s/u.test(ch)) out += ' ';
    else {
      const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += stripped.length > 0 && nonGsmCharacters(stripped).size === 0 ? stripped : '?';
    }
  }
  return out;
}

/** Length in septets as an SMS counts it (extension characters such as € take two). Assumes GSM-7 text. */
export function gsm7Length(text: string): number {
  return new SegmentedMessage(text, 'GSM-7').messageSize / 7;
}

/** Whether the text goes as one SMS segment. */
export function fitsOneSegment(text: string): boolean {
  const message = new SegmentedMessage(text);
  return message.encodingName === 'GSM-7' && message.segmentsCount === 1;
}
