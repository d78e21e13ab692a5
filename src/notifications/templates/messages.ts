import { escapeHtml } from '../../common/html';
import { formatDateTime, formatShift, formatWeekday, formatShiftLines, sortShifts, summariseShifts, toLocal, ShiftPeriod } from './format-time';

/** What every message says about a vacancy. */
export interface VacancyView {
  unitName: string;
  unitAddress: string | null;
  qualificationName: string;
  shifts: { start: Date; end: Date }[];
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** One SMS segment of GSM 03.38 septets. Longer texts are still sent, as a concatenated SMS. */
export const SMS_SEGMENT_SEPTETS = 160;

const SENDER_NAME = 'Vikariebanken';

// ---------------------------------------------------------------------------------------------
// GSM 03.38

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the extension table: each costs two septets. */
const GSM7_EXTENSION = '^{}\\[~]|€';
const GSM7_BASIC_SET = new Set(GSM7_BASIC);
const GSM7_EXTENSION_SET = new Set(GSM7_EXTENSION);

const GSM7_REPLACEMENTS: Record<string, string> = {
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

/** True when the character can be sent in a GSM-7 SMS (basic or extension table). */
export function isGsm7Char(ch: string): boolean {
  return GSM7_BASIC_SET.has(ch) || GSM7_EXTENSION_SET.has(ch);
}

/**
 * Makes text safe for a GSM-7 SMS so that one odd character never turns the message into UCS-2
 * (70 characters a segment): typographic dashes and quotes become ASCII, other spaces become a
 * space, accented letters outside the alphabet lose their accent (å ä ö é ü stay), and anything
 * still outside the alphabet becomes "?".
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text) {
    if (isGsm7Char(ch)) out += ch;
    else if (ch in GSM7_REPLACEMENTS) out += GSM7_REPLACEMENTS[ch];
    else if (/\s/u.test(ch)) out += ' ';
    else {
      const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += stripped.length > 0 && [...stripped].every(isGsm7Char) ? stripped : '?';
    }
  }
  return out;
}

/** Length in septets as an SMS counts it (extension characters take two). Assumes GSM-7 text. */
export function gsm7Length(text: string): number {
  let n = 0;
  for (const ch of text) n += GSM7_EXTENSION_SET.has(ch) ? 2 : 1;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Collapses line breaks and runs of whitespace: names go into one-line texts and headers. */
function oneLine(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** "Lärare" -> "lärare" for use mid-sentence; acronyms ("IT-tekniker", "BUS") are left alone. */
export function midSentence(name: string): string {
  const chars = [...name];
  if (chars.length >= 2 && chars[1] === chars[1].toLocaleLowerCase('sv') && chars[1] !== chars[1].toLocaleUpperCase('sv')) {
    return chars[0].toLocaleLowerCase('sv') + chars.slice(1).join('');
  }
  return name;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 3)).join('').trimEnd() + '...';
}

/**
 * The longest form of `value` (at least `min` characters, shortened with "...") for which
 * render() fits in one SMS; null if even the shortest does not fit.
 */
function fitValue(render: (value: string) => string, value: string, min: number): string | null {
  const full = render(value);
  if (gsm7Length(full) <= SMS_SEGMENT_SEPTETS) return full;
  for (let k = [...value].length - 1; k >= min; k--) {
    const candidate = render(truncate(value, k));
    if (gsm7Length(candidate) <= SMS_SEGMENT_SEPTETS) return candidate;
  }
  return null;
}

function assertHttpUrl(link: string): string {
  if (!/^https?:\/\/[^\s"'<>]+$/i.test(link)) throw new Error('Message link must be an absolute http(s) URL');
  return link;
}

/** Shift summary for an SMS: "3 pass 11-13 jan", or the single shift itself "mån 11 jan 07:00-16:00". */
function smsShiftSummary(shifts: readonly ShiftPeriod[]): string {
  if (shifts.length === 1) return formatShift(shifts[0], { dash: '-' });
  return summariseShifts(shifts, { dash: '-' });
}

/**
 * The answer deadline for an SMS. With `now` and a deadline less than six days ahead, the weekday
 * is enough ("tors 14:00"); otherwise the date is given too ("tors 14 jan 14:00").
 */
export function formatSmsDeadline(expiresAt: Date, now?: Date): string {
  const end = toLocal(expiresAt);
  const time = end.toFormat('HH:mm');
  if (now) {
    const start = toLocal(now);
    // Rounded: a day across a DST change is 23 or 25 hours long.
    const daysAhead = Math.round(end.startOf('day').diff(start.startOf('day'), 'days').days);
    if (expiresAt.getTime() >= now.getTime() && daysAhead < 6) {
      return `${daysAhead === 0 ? 'i dag' : formatWeekday(expiresAt)} ${time}`;
    }
  }
  return formatDateTime(expiresAt).replace(' kl. ', ' ');
}

// --- email layout ---

const COLOR_TEXT = '#1a1a1a';
const COLOR_MUTED = '#4a4a4a';
const COLOR_BUTTON = '#1d5c2e'; // white on this: 7.6:1

function emailDocument(title: string, bodyHtml: string): string {
  return (
    '<!DOCTYPE html>\n' +
    '<html lang="sv">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${escapeHtml(title)}</title>\n</head>\n` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">\n` +
    `<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;` +
    `font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:${COLOR_TEXT};">\n` +
    bodyHtml +
    `<p style="margin:24px 0 0;color:${COLOR_MUTED};">Hälsningar<br>${escapeHtml(SENDER_NAME)}</p>\n` +
    '</div>\n</body>\n</html>\n'
  );
}

function p(html: string): string {
  return `<p style="margin:0 0 16px;">${html}</p>\n`;
}

function detailsHtml(rows: [string, string | null][]): string {
  const items = rows
    .filter((row): row is [string, string] => oneLine(row[1]) !== '')
    .map(([label, value]) => `<strong>${escapeHtml(label)}:</strong> ${escapeHtml(oneLine(value))}`);
  return p(items.join('<br>\n'));
}

function detailsText(rows: [string, string | null][]): string {
  return rows
    .filter((row): row is [string, string] => oneLine(row[1]) !== '')
    .map(([label, value]) => `${label}: ${oneLine(value)}`)
    .join('\n');
}

function shiftsHtml(lines: string[]): string {
  return `<ul style="margin:0 0 16px;padding-left:24px;">\n${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>\n`;
}

function shiftsText(lines: string[]): string {
  return lines.map((l) => `• ${l}`).join('\n');
}

function vacancyRows(v: VacancyView): [string, string | null][] {
  return [
    ['Enhet', v.unitName],
    ['Adress', v.unitAddress],
    ['Kompetens', v.qualificationName],
  ];
}

/** "Hagaskolan, 3 pass 11–13 jan": the tail of a subject line. */
function subjectTail(v: VacancyView): string {
  return `${oneLine(v.unitName)}, ${summariseShifts(v.shifts)}`;
}

function passWord(count: number): string {
  return count === 1 ? 'passet' : 'passen';
}

// ---------------------------------------------------------------------------------------------
// Offers

/**
 * "Vikariat Hagaskolan, lärare, 3 pass 11-13 jan. Svara senast tors 14 jan 14:00: <link>"
 * Kept to one GSM-7 segment (160) where possible: a long unit name is shortened, then the
 * qualification is left out. The link is never shortened. Pass `now` (the sending time) to allow
 * the shorter deadline "tors 14:00".
 */
export function offerSms(v: VacancyView & { link: string; expiresAt: Date; now?: Date }): string {
  const link = assertHttpUrl(v.link);
  const unit = toGsm7(oneLine(v.unitName));
  const qualification = toGsm7(midSentence(oneLine(v.qualificationName)));
  const tail = `${smsShiftSummary(sortShifts(v.shifts))}. Svara senast ${formatSmsDeadline(v.expiresAt, v.now)}: ${link}`;
  const render = (u: string, q: string | null) => `Vikariat ${u}${q ? `, ${q}` : ''}, ${tail}`;
  return (
    fitValue((u) => render(u, qualification), unit, 20) ??
    fitValue((u) => render(u, null), unit, 10) ??
    render(truncate(unit, 10), null)
  );
}

export function offerEmail(v: VacancyView & { link: string; expiresAt: Date; firstName: string }): EmailMessage {
  const link = assertHttpUrl(v.link);
  const unit = oneLine(v.unitName);
  const qualification = midSentence(oneLine(v.qualificationName));
  const lines = formatShiftLines(v.shifts);
  const truncated = lines.length < v.shifts.length;
  const deadline = formatDateTime(v.expiresAt);
  const count = v.shifts.length;
  const whole =
    count > 1 ? `Vikariatet består av ${count} pass och bokas som helhet: svarar du ja tar du alla pass.` : null;
  const greeting = `Hej ${oneLine(v.firstName)}!`;
  const intro = `Du erbjuds ett vikariat som ${qualification} på ${unit}.`;

  const subject = `Erbjudande om vikariat: ${subjectTail(v)}`;
  const text = [
    greeting,
    '',
    intro,
    '',
    detailsText(vacancyRows(v)),
    '',
    `${count === 1 ? 'Pass' : 'Passen'}:`,
    shiftsText(lines),
    ...(truncated ? ['Alla pass visas när du öppnar länken.'] : []),
    '',
    ...(whole ? [whole, ''] : []),
    `Svara senast ${deadline}:`,
    link,
    '',
    'Hälsningar',
    SENDER_NAME,
    '',
  ].join('\n');

  const html = emailDocument(
    subject,
    p(escapeHtml(greeting)) +
      p(escapeHtml(intro)) +
      detailsHtml(vacancyRows(v)) +
      p(`<strong>${count === 1 ? 'Pass' : 'Passen'}:</strong>`) +
      shiftsHtml(lines) +
      (truncated ? p('Alla pass visas när du öppnar länken.') : '') +
      (whole ? p(escapeHtml(whole)) : '') +
      p(`<strong>Svara senast ${escapeHtml(deadline)}.</strong>`) +
      `<p style="margin:0 0 24px;"><a href="${escapeHtml(link)}" style="display:inline-block;padding:14px 24px;` +
      `background:${COLOR_BUTTON};color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px;">` +
      'Svara på erbjudandet</a></p>\n' +
      p(
        `Fungerar inte knappen? Öppna den här länken: <a href="${escapeHtml(link)}" style="color:#0b4f8a;">${escapeHtml(link)}</a>`,
      ),
  );
  return { subject, text, html };
}

// ---------------------------------------------------------------------------------------------
// Bookings

/**
 * "Du är bokad: Hagaskolan, lärare, 3 pass 11-13 jan. Adress: Storgatan 1. Välkommen!"
 * Shortened to one segment where possible (address first, then the unit name).
 */
export function bookingConfirmationSms(v: VacancyView): string {
  const unit = toGsm7(oneLine(v.unitName));
  const qualification = toGsm7(midSentence(oneLine(v.qualificationName)));
  const address = toGsm7(oneLine(v.unitAddress));
  const summary = smsShiftSummary(sortShifts(v.shifts));
  const render = (u: string, a: string) => `Du är bokad: ${u}, ${qualification}, ${summary}.${a ? ` Adress: ${a}.` : ''} Välkommen!`;
  return (
    fitValue((a) => render(unit, a), address, Math.min(address.length, 20)) ??
    fitValue((u) => render(u, ''), unit, 10) ??
    render(truncate(unit, 10), '')
  );
}

export function bookingConfirmationEmail(
  v: VacancyView & { firstName: string; /** Say that the shifts are in the attached .ics file. */ calendarAttached?: boolean },
): EmailMessage {
  const unit = oneLine(v.unitName);
  const qualification = midSentence(oneLine(v.qualificationName));
  const lines = formatShiftLines(v.shifts, { max: Infinity });
  const greeting = `Hej ${oneLine(v.firstName)}!`;
  const intro = `Tack! Du är bokad som ${qualification} på ${unit}.`;
  const calendar = v.calendarAttached ? `${lines.length === 1 ? 'Passet' : 'Passen'} finns också i den bifogade kalenderfilen.` : null;
  const cancel = 'Kan du inte komma? Avboka så snart som möjligt, så hinner vi hitta en annan vikarie.';

  const subject = `Bokningsbekräftelse: ${subjectTail(v)}`;
  const text = [
    greeting,
    '',
    intro,
    '',
    detailsText(vacancyRows(v)),
    '',
    `${lines.length === 1 ? 'Ditt pass' : 'Dina pass'}:`,
    shiftsText(lines),
    '',
    ...(calendar ? [calendar, ''] : []),
    cancel,
    '',
    'Hälsningar',
    SENDER_NAME,
    '',
  ].join('\n');
  const html = emailDocument(
    subject,
    p(escapeHtml(greeting)) +
      p(escapeHtml(intro)) +
      detailsHtml(vacancyRows(v)) +
      p(`<strong>${lines.length === 1 ? 'Ditt pass' : 'Dina pass'}:</strong>`) +
      shiftsHtml(lines) +
      (calendar ? p(escapeHtml(calendar)) : '') +
      p(escapeHtml(cancel)),
  );
  return { subject, text, html };
}

/** To the unit's manager: the vacancy has been filled. */
export function managerBookedEmail(v: VacancyView & { substituteName: string }): EmailMessage {
  const unit = oneLine(v.unitName);
  const qualification = midSentence(oneLine(v.qualificationName));
  const lines = formatShiftLines(v.shifts);
  const intro = `${oneLine(v.substituteName)} har tackat ja och är bokad som ${qualification} på ${unit}.`;

  const subject = `Vikariatet är tillsatt: ${subjectTail(v)}`;
  const text = [
    'Hej!',
    '',
    intro,
    '',
    detailsText([['Vikarie', v.substituteName], ...vacancyRows(v)]),
    '',
    `${v.shifts.length === 1 ? 'Pass' : 'Passen'}:`,
    shiftsText(lines),
    '',
    'Hälsningar',
    SENDER_NAME,
    '',
  ].join('\n');
  const html = emailDocument(
    subject,
    p('Hej!') +
      p(escapeHtml(intro)) +
      detailsHtml([['Vikarie', v.substituteName], ...vacancyRows(v)]) +
      p(`<strong>${v.shifts.length === 1 ? 'Pass' : 'Passen'}:</strong>`) +
      shiftsHtml(lines),
  );
  return { subject, text, html };
}

/** To the unit's manager: nobody could be found (no candidates left), or the first shift has begun. */
export function managerUnfilledEmail(v: VacancyView & { reason: 'no_candidates' | 'started' }): EmailMessage {
  const unit = oneLine(v.unitName);
  const qualification = midSentence(oneLine(v.qualificationName));
  const lines = formatShiftLines(v.shifts);
  const paragraphs =
    v.reason === 'started'
      ? [
          `Vikariatet som ${qualification} på ${unit} har inte tillsatts, och det första passet har redan börjat.`,
          'Vi skickar inga fler erbjudanden för det här vikariatet. Du behöver ordna bemanningen på annat sätt.',
        ]
      : [
          `Vi har inte hittat någon vikarie till vikariatet som ${qualification} på ${unit}.`,
          'Alla tillgängliga vikarier med rätt kompetens har fått erbjudandet eller kan inte ta det, och det finns inga fler att fråga. Du behöver ordna bemanningen på annat sätt.',
        ];

  const subject = `Vikariatet är inte tillsatt: ${subjectTail(v)}`;
  const text = [
    'Hej!',
    '',
    ...paragraphs.flatMap((para) => [para, '']),
    detailsText(vacancyRows(v)),
    '',
    `${v.shifts.length === 1 ? 'Pass' : 'Passen'}:`,
    shiftsText(lines),
    '',
    'Hälsningar',
    SENDER_NAME,
    '',
  ].join('\n');
  const html = emailDocument(
    subject,
    p('Hej!') +
      paragraphs.map((para) => p(escapeHtml(para))).join('') +
      detailsHtml(vacancyRows(v)) +
      p(`<strong>${v.shifts.length === 1 ? 'Pass' : 'Passen'}:</strong>`) +
      shiftsHtml(lines),
  );
  return { subject, text, html };
}

/** To a booked substitute: the vacancy (or its absence) was cancelled, so the booking is off. */
export function vacancyCancelledSms(v: VacancyView): string {
  const unit = toGsm7(oneLine(v.unitName));
  const summary = smsShiftSummary(sortShifts(v.shifts));
  const pass = v.shifts.length === 1 ? 'passet' : 'passen';
  const render = (u: string) => `Avbokat: vikariatet på ${u}, ${summary}, är inställt. Du behöver inte komma på ${pass}.`;
  return fitValue(render, unit, 10) ?? render(truncate(unit, 10));
}

export function vacancyCancelledEmail(v: VacancyView & { firstName: string }): EmailMessage {
  const intro = `Vikariatet som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)} är inställt, och din bokning är därför avbokad.`;
  return cancellationEmail(v, `Avbokat: ditt vikariat på ${subjectTail(v)}`, intro);
}

/**
 * To a booked substitute whose booking the unit (or the staffing team) cancelled. The vacancy itself stays
 * and is offered to others, so the text must not say that it is cancelled.
 */
export function bookingCancelledSms(v: VacancyView): string {
  const unit = toGsm7(oneLine(v.unitName));
  const summary = smsShiftSummary(sortShifts(v.shifts));
  const pass = passWord(v.shifts.length);
  const render = (u: string) => `Avbokat: din bokning på ${u}, ${summary}, är avbokad. Du behöver inte komma på ${pass}.`;
  return fitValue(render, unit, 10) ?? render(truncate(unit, 10));
}

export function bookingCancelledEmail(v: VacancyView & { firstName: string; reason: string }): EmailMessage {
  const intro = `Din bokning som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)} är avbokad.`;
  const reason = v.reason.trim() === '' ? 'ingen angiven' : v.reason.trim();
  return cancellationEmail(v, `Avbokat: din bokning på ${subjectTail(v)}`, intro, reason);
}

/** To a booked substitute who no longer has to come: every cancelled shift, and the reason when there is one. */
function cancellationEmail(v: VacancyView & { firstName: string }, subject: string, intro: string, reason?: string): EmailMessage {
  const lines = formatShiftLines(v.shifts, { max: Infinity });
  const greeting = `Hej ${oneLine(v.firstName)}!`;
  const notice = `Du behöver inte komma på ${passWord(v.shifts.length)} nedan. Tack för att du ställde upp, och välkommen att svara på nya erbjudanden.`;
  const heading = `${v.shifts.length === 1 ? 'Avbokat pass' : 'Avbokade pass'}:`;
  const text = [
    greeting,
    '',
    intro,
    ...(reason === undefined ? [] : [`Anledning: ${reason}`, '']),
    notice,
    '',
    heading,
    shiftsText(lines),
    '',
    'Hälsningar',
    SENDER_NAME,
    '',
  ].join('\n');
  const html = emailDocument(
    subject,
    p(escapeHtml(greeting)) +
      p(escapeHtml(intro)) +
      // The reason is free text: keep its line breaks, escaped.
      (reason === undefined ? '' : p(`<strong>Anledning:</strong> ${escapeHtml(reason).replace(/\r?\n/g, '<br>\n')}`)) +
      p(escapeHtml(notice)) +
      p(`<strong>${heading}</strong>`) +
      shiftsHtml(lines),
  );
  return { subject, text, html };
}

/** To the unit's manager: the booked substitute cancelled and a new search has started. */
export function bookingCancelledManagerEmail(v: VacancyView & { substituteName: string; reason: string }): EmailMessage {
  const unit = oneLine(v.unitName);
  const qualification = midSentence(oneLine(v.qualificationName));
  const lines = formatShiftLines(v.shifts);
  const reason = v.reason.trim() === '' ? 'ingen angiven' : v.reason.trim();
  const intro = `${oneLine(v.substituteName)} har avbokat vikariatet som ${qualification} på ${unit}.`;
  const next = 'Vi har börjat söka en ny vikarie och meddelar dig när vikariatet är tillsatt.';

  const subject = `Vikarien har avbokat: ${subjectTail(v)}`;
  const text = [
    'Hej!',
    '',
    intro,
    `Anledning: ${reason}`,
    '',
    next,
    '',
    detailsText(vacancyRows(v)),
    '',
    `${v.shifts.length === 1 ? 'Pass' : 'Passen'}:`,
    shiftsText(lines),
    '',
    'Hälsningar',
    SENDER_NAME,
    '',
  ].join('\n');
  const html = emailDocument(
    subject,
    p('Hej!') +
      p(escapeHtml(intro)) +
      // The reason is free text: keep its line breaks, escaped.
      p(`<strong>Anledning:</strong> ${escapeHtml(reason).replace(/\r?\n/g, '<br>\n')}`) +
      p(escapeHtml(next)) +
      detailsHtml(vacancyRows(v)) +
      p(`<strong>${v.shifts.length === 1 ? 'Pass' : 'Passen'}:</strong>`) +
      shiftsHtml(lines),
  );
  return { subject, text, html };
}
