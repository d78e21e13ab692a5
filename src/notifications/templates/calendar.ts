import { createEvents, EventAttributes } from 'ics';
import { sortShifts } from './format-time';
import type { VacancyView } from './messages';

export const ICS_PRODUCT_ID = '-//Vikariebanken//Bokningar//SV';

/** Suffix that makes a shift's UID globally unique (RFC 5545 recommends "@" and a domain-like part). */
const UID_DOMAIN = 'vikariebanken';

function oneLine(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

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

/**
 * An iCalendar file for a booking: one VEVENT per shift, times in UTC, title "Vikariat: <unit>",
 * the unit's address as location. Each event's UID is "<booking id>-<shift start ms>@vikariebanken",
 * stable for the booking, so a later update or cancellation can refer to the same events.
 * Throws when there is no shift or when the ics package rejects the input.
 */
export function bookingIcs(input: VacancyView & { uid: string /* booking id */ }): string {
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
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    transp: 'OPAQUE',
  }));

  const { error, value } = createEvents(events, { productId: ICS_PRODUCT_ID, method: 'PUBLISH', calName: 'Vikariebanken' });
  if (error) throw error;
  if (!value) throw new Error('bookingIcs: the ics package returned no calendar');
  return foldByOctets(value);
}
