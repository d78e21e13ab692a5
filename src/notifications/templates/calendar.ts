import { createEvents, EventAttributes } from 'ics';
import { sortShifts } from './format-time';
import { oneLine, VacancyFacts } from './vacancy-facts';

export const ICS_PRODUCT_ID = '-//Vikariebanken//Bokningar//SV';

/** Suffix that makes a shift's UID globally unique (RFC 5545 recommends "@" and a domain-like part). */
const UID_DOMAIN = 'vikariebanken';

const MAX_LINE_OCTETS = 75;

/**
 * Re-folds content lines at 75 octets (RFC 5545 3.1). The ics package folds at 75 characters,
 * which is too long for lines with å ä ö; this never splits a UTF-8 sequence.
 */
function foldByOctets(ics: string): string {
  const logical: string[] = [];
  for (const line of ics.split('\r\n')) {
    if (/^[ \t]/.test(line) && logical.length > 0) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  if (logical[logical.length - 1] === '') logical.pop();
  const out: string[] = [];
  for (const line of logical) {
    let current = '';
    let octets = 0;
    for (const ch of line) {
      const size = Buffer.byteLength(ch, 'utf8');
      if (octets + size > MAX_LINE_OCTETS) {
        out.push(current);
        current = ' ';
        octets = 1;
      }
      current += ch;
      octets += size;
    }
    out.push(current);
  }
  return out.join('\r\n') + '\r\n';
}

export interface Person {
  name: string;
  email: string;
}

/** Who sends the invitation (Vikariebanken) and who is booked: what lets a calendar match a later cancellation. */
export interface CalendarParties {
  organizer: Person;
  attendee: Person;
}

/** The iTIP method and the Content-Type of a booking's .ics. */
export function icsContentType(cancelled: boolean): string {
  return `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'REQUEST'}`;
}

/**
 * An iCalendar file for a booking: one VEVENT per shift, times in UTC, title "Vikariat: <unit>", the unit's
 * address as location. Each event's UID is "<booking id>-<shift start ms>@vikariebanken", stable for the
 * booking. With the parties it is an invitation (METHOD:REQUEST, SEQUENCE:0, organizer and attendee), and
 * `cancelled` makes it the cancellation of the same events (METHOD:CANCEL, SEQUENCE:1, STATUS:CANCELLED),
 * so that the events leave the substitute's calendar. Throws when there is no shift or when the ics package
 * rejects the input.
 */
export function bookingIcs(input: VacancyFacts & { uid: string /* booking id */; parties?: CalendarParties; cancelled?: boolean }): string {
  if (input.shifts.length === 0) throw new Error('bookingIcs: a booking needs at least one shift');
  const unit = oneLine(input.unitName);
  const address = oneLine(input.unitAddress);
  const qualification = oneLine(input.qualificationName);

  const events: EventAttributes[] = sortShifts(input.shifts).map((shift) => ({
    uid: `${input.uid}-${shift.start.getTime()}@${UID_DOMAIN}`,
    start: shift.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: shift.end.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `Vikariat: ${unit}`,
    ...(address ? { location: address } : {}),
    description: `Vikariat som ${qualification} på ${unit}. Bokat via Vikariebanken.`,
    status: input.cancelled ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: input.cancelled ? 'FREE' : 'BUSY',
    transp: input.cancelled ? 'TRANSPARENT' : 'OPAQUE',
    ...(input.parties
      ? {
          sequence: input.cancelled ? 1 : 0,
          organizer: { name: input.parties.organizer.name, email: input.parties.organizer.email },
          attendees: [{ name: input.parties.attendee.name, email: input.parties.attendee.email, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }],
        }
      : {}),
  }));

  const method = input.parties ? (input.cancelled ? 'CANCEL' : 'REQUEST') : 'PUBLISH';
  const { error, value } = createEvents(events, { productId: ICS_PRODUCT_ID, method, calName: 'Vikariebanken' });
  if (error) throw error;
  if (!value) throw new Error('bookingIcs: the ics package returned no calendar');
  return foldByOctets(value);
}

/** The organizer of the invitations: the address mail is sent from (MAIL_FROM, "Name <address>" or an address). */
export function organizerOf(mailFrom: string): Person {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailFrom);
  return match ? { name: match[1].replace(/^"|"$/g, '') || 'Vikariebanken', email: match[2] } : { name: 'Vikariebanken', email: mailFrom.trim() };
}
