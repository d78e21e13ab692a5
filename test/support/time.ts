import { DateTime } from 'luxon';

const ZONE = 'Europe/Stockholm';

/** The instant `h` hours from now, as ISO 8601 in UTC. */
export const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** Swedish wall-clock time `days` from today at `time` (HH:mm), as the API takes it: 2027-01-11T07:00. */
export const local = (days: number, time: string) => `${DateTime.now().setZone(ZONE).plus({ days }).toISODate()}T${time}`;

/** The UTC instant of a Swedish wall-clock time, as the API answers it. */
export const utc = (wall: string) => DateTime.fromISO(wall, { zone: ZONE }).toUTC().toISO();

/** A day shift 07:00–16:00 Swedish time, `days` from today. */
export const dayShift = (days: number) => ({ start: local(days, '07:00'), end: local(days, '16:00') });
