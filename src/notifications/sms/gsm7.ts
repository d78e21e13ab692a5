/** One SMS segment of GSM 03.38 septets. Longer texts are still sent, as a concatenated SMS. */
export const SMS_SEGMENT_SEPTETS = 160;

/**
 * The GSM 03.38 alphabet as Unicode: the basic table (one septet each; ESC left out, it is no character)
 * and the extension table (two septets each: ESC and the character). Looked up here rather than through
 * sms-segments-calculator, which splits every text into graphemes first: the SMS templates measure their
 * text several times while they shorten a name, once per wave of offers, and that library was a tenth of
 * the worker's CPU. gsm7.spec.ts holds the two to the same answers.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';
const SEPTETS = new Map<string, number>([...[...BASIC].map((ch) => [ch, 1] as const), ...[...EXTENSION].map((ch) => [ch, 2] as const)]);

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
  const outside = new Set<string>();
  for (const ch of text) if (!SEPTETS.has(ch)) outside.add(ch);
  return outside;
}

/** True when the character can be sent in a GSM-7 SMS. */
export function isGsm7Char(ch: string): boolean {
  return nonGsmCharacters(ch).size === 0;
}

/**
 * Makes text safe for a GSM-7 SMS so that one odd character never turns the message into UCS-2
 * (70 characters a segment): typographic dashes and quotes become ASCII, other spaces become a
 * space, accented letters outside the alphabet lose their accent (å ä ö é ü stay, also when typed as
 * a letter and a combining accent), and anything still outside the alphabet becomes "?".
 */
export function toGsm7(text: string): string {
  let outside = nonGsmCharacters(text);
  if (outside.size === 0) return text;
  // A letter typed as a letter and a combining accent ("e" + "´") is the composed letter ("é") where there is one.
  text = text.normalize('NFC');
  outside = nonGsmCharacters(text);
  let out = '';
  for (const ch of text) {
    if (!outside.has(ch)) out += ch;
    else if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
    else if (/\s/u.test(ch)) out += ' ';
    else if (/^\p{M}$/u.test(ch)) continue;
    else {
      const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += stripped.length > 0 && nonGsmCharacters(stripped).size === 0 ? stripped : '?';
    }
  }
  return out;
}

/** Length in septets as an SMS counts it (extension characters such as € take two); NaN for text outside GSM-7. */
export function gsm7Length(text: string): number {
  let septets = 0;
  for (const ch of text) septets += SEPTETS.get(ch) ?? Number.NaN;
  return septets;
}

/** Whether the text goes as one SMS segment (GSM-7, at most 160 septets). */
export function fitsOneSegment(text: string): boolean {
  // A text this long cannot fit, whatever it holds: no need to read it all.
  return text.length <= SMS_SEGMENT_SEPTETS && gsm7Length(text) <= SMS_SEGMENT_SEPTETS;
}
