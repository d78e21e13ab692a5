import { fitsOneSegment, toGsm7 } from '../sms/gsm7';
import { formatDateTime, formatShift, formatWeekday, ShiftPeriod, sortShifts, summariseShifts, toLocal } from './format-time';
import { assertHttpUrl, midSentence, oneLine, passWord, VacancyFacts } from './vacancy-facts';

/** The Swedish SMS texts: GSM-7 only, and one segment wherever shortening a name can make them fit. */

function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 3)).join('').trimEnd() + '...';
}

/**
 * The longest form of `value` (at least `min` characters, shortened with "...") for which render() fits in
 * one SMS; null if even the shortest does not fit.
 */
function fitValue(render: (value: string) => string, value: string, min: number): string | null {
  const full = render(value);
  if (fitsOneSegment(full)) return full;
  for (let k = [...value].length - 1; k >= min; k--) {
    const candidate = render(truncate(value, k));
    if (fitsOneSegment(candidate)) return candidate;
  }
  return null;
}

/** Shift summary for an SMS: "3 pass 11-13 jan", or the single shift itself "mån 11 jan 07:00-16:00". */
function shiftSummary(shifts: readonly ShiftPeriod[]): string {
  const sorted = sortShifts(shifts);
  if (sorted.length === 1) return formatShift(sorted[0], { dash: '-' });
  return summariseShifts(sorted, { dash: '-' });
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

/**
 * "Vikariat Hagaskolan, lärare, 3 pass 11-13 jan. Svara senast tors 14 jan 14:00: <link>"
 * Kept to one segment where possible: a long unit name is shortened, then the qualification is left out.
 * The link is never shortened. Pass `now` (the sending time) to allow the shorter deadline "tors 14:00".
 */
export function offerSms(v: VacancyFacts & { link: string; expiresAt: Date; now?: Date }): string {
  const link = assertHttpUrl(v.link);
  const unit = toGsm7(oneLine(v.unitName));
  const qualification = toGsm7(midSentence(oneLine(v.qualificationName)));
  const tail = `${shiftSummary(v.shifts)}. Svara senast ${formatSmsDeadline(v.expiresAt, v.now)}: ${link}`;
  const render = (u: string, q: string | null) => `Vikariat ${u}${q ? `, ${q}` : ''}, ${tail}`;
  return (
    fitValue((u) => render(u, qualification), unit, 20) ??
    fitValue((u) => render(u, null), unit, 10) ??
    render(truncate(unit, 10), null)
  );
}

/**
 * "Du är bokad: Hagaskolan, lärare, 3 pass 11-13 jan. Adress: Storgatan 1. Välkommen!"
 * Shortened to one segment where possible (address first, then the unit name).
 */
export function bookingConfirmationSms(v: VacancyFacts): string {
  const unit = toGsm7(oneLine(v.unitName));
  const qualification = toGsm7(midSentence(oneLine(v.qualificationName)));
  const address = toGsm7(oneLine(v.unitAddress));
  const summary = shiftSummary(v.shifts);
  const render = (u: string, a: string) => `Du är bokad: ${u}, ${qualification}, ${summary}.${a ? ` Adress: ${a}.` : ''} Välkommen!`;
  return (
    fitValue((a) => render(unit, a), address, Math.min(address.length, 20)) ??
    fitValue((u) => render(u, ''), unit, 10) ??
    render(truncate(unit, 10), '')
  );
}

/** To a booked substitute: the vacancy (or its absence) was cancelled, so the booking is off. */
export function vacancyCancelledSms(v: VacancyFacts): string {
  const unit = toGsm7(oneLine(v.unitName));
  const render = (u: string) => `Avbokat: vikariatet på ${u}, ${shiftSummary(v.shifts)}, är inställt. Du behöver inte komma på ${passWord(v.shifts.length)}.`;
  return fitValue(render, unit, 10) ?? render(truncate(unit, 10));
}

/**
 * To a booked substitute whose booking the unit (or the staffing team) cancelled. The vacancy itself stays
 * and is offered to others, so the text must not say that it is cancelled.
 */
export function bookingCancelledSms(v: VacancyFacts): string {
  const unit = toGsm7(oneLine(v.unitName));
  const render = (u: string) => `Avbokat: din bokning på ${u}, ${shiftSummary(v.shifts)}, är avbokad. Du behöver inte komma på ${passWord(v.shifts.length)}.`;
  return fitValue(render, unit, 10) ?? render(truncate(unit, 10));
}

/** A sign-in code; the code itself is put in at send time (see credentials.ts). */
export function signInCodeSms(code: string): string {
  return `Din kod till Vikariebanken är ${code}. Den gäller i 10 minuter. Dela den inte med någon.`;
}

/** To a number already registered, when someone signs up with it again. */
export function alreadyRegisteredSms(pagesLink: string): string {
  return `Du är redan anmäld till Vikariebanken. Logga in med ditt mobilnummer på ${assertHttpUrl(pagesLink)}`;
}
