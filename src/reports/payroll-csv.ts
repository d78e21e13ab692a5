import { DateTime } from 'luxon';
import { LOCAL_ZONE } from '../common/time';
import { SERVICE_AREA_NAMES, type ServiceArea } from '../organisation/service-area';

/**
 * The payroll file: CSV as Swedish Excel opens it by double-click. UTF-8 with a byte-order mark (without it
 * Excel reads Windows-1252 and garbles å, ä, ö), `;` between fields (`,` is the decimal sign), decimal
 * commas, CRLF line ends, and a field quoted when it holds `;`, `"` or a line break. Pure.
 */

export const PAYROLL_HEADER = ['Vikarie-id', 'Namn', 'Enhet', 'Verksamhet', 'Behörighet', 'Datum', 'Start', 'Slut', 'Timmar', 'Program'] as const;

/** One booked shift of a confirmed booking, as the repository reads it. */
export interface PayrollShift {
  substituteId: string;
  /** Null once the substitute is erased. */
  firstName: string | null;
  lastName: string | null;
  unitName: string;
  serviceArea: ServiceArea;
  /** The qualification's name, e.g. Undersköterska. */
  qualification: string;
  start: Date;
  end: Date;
  /** The programme of the absence, or null. */
  programme: string | null;
}

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[;"\r\n]/;
/** What Excel would read as the start of a formula (CSV injection): such a field gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A shift split into what a payroll row shows: its local date and clock times, and its elapsed hours. */
export interface ShiftParts {
  /** The local date the shift starts on, YYYY-MM-DD. */
  date: string;
  /** Local HH:MM. */
  start: string;
  /** Local HH:MM; on the next day for a night shift. */
  end: string;
  /** Elapsed hours: a night shift as the clocks go forward is an hour shorter than its clock times say. */
  hours: number;
}

export function splitShift(start: Date, end: Date): ShiftParts {
  const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: LOCAL_ZONE });
  return {
    date: local(start).toFormat('yyyy-MM-dd'),
    start: local(start).toFormat('HH:mm'),
    end: local(end).toFormat('HH:mm'),
    hours: (end.getTime() - start.getTime()) / 3_600_000,
  };
}

/** Hours with a decimal comma and at most two decimals: 7,5 and 8 and 7,25. */
export function formatHours(hours: number): string {
  const rounded = Math.round((hours + Number.EPSILON) * 100) / 100;
  return String(rounded).replace('.', ',');
}

/** One field: neutralised if Excel would take it for a formula, quoted (quotes doubled) if it needs to be. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: the byte-order mark, then each row ended by CRLF. */
export function encodeCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => `${row.map(csvField).join(';')}\r\n`).join('');
}

/** The payroll row of a shift; an erased substitute by id only. */
export function payrollRow(shift: PayrollShift): string[] {
  const parts = splitShift(shift.start, shift.end);
  const name = [shift.firstName, shift.lastName].filter((part): part is string => Boolean(part)).join(' ');
  return [
    shift.substituteId,
    name,
    shift.unitName,
    SERVICE_AREA_NAMES[shift.serviceArea],
    shift.qualification,
    parts.date,
    parts.start,
    parts.end,
    formatHours(parts.hours),
    shift.programme ?? '',
  ];
}

/** The file for a month's shifts, header first, rows in the order given. */
export function payrollCsv(shifts: readonly PayrollShift[]): string {
  return encodeCsv([PAYROLL_HEADER, ...shifts.map(payrollRow)]);
}
