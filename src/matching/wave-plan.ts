import { DateTime } from 'luxon';
import { LOCAL_ZONE } from '../common/time';

/** One band of lead time (time until the first shift starts) and how offers go out within it. */
export interface WaveBand {
  /** The band applies when the first shift starts within this many minutes. */
  maxLeadMinutes: number;
  waveSize: number;
  /** Minutes between waves. */
  spacingMinutes: number;
  /** Minutes an offer stays open (never past the first shift's start). */
  offerLifetimeMinutes: number;
}

export interface MatchingSettings {
  /** Ordered by maxLeadMinutes; the last band covers everything beyond. */
  bands: WaveBand[];
  /** Non-urgent waves (first shift more than `urgentWithinMinutes` ahead) wait for daytime. */
  quietHours: { start: string; end: string };
  urgentWithinMinutes: number;
}

export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  bands: [
    { maxLeadMinutes: 3 * 60, waveSize: 15, spacingMinutes: 5, offerLifetimeMinutes: 30 },
    { maxLeadMinutes: 24 * 60, waveSize: 8, spacingMinutes: 30, offerLifetimeMinutes: 120 },
    { maxLeadMinutes: 7 * 24 * 60, waveSize: 4, spacingMinutes: 3 * 60, offerLifetimeMinutes: 12 * 60 },
    { maxLeadMinutes: Number.MAX_SAFE_INTEGER, waveSize: 3, spacingMinutes: 6 * 60, offerLifetimeMinutes: 24 * 60 },
  ],
  quietHours: { start: '21:00', end: '07:00' },
  urgentWithinMinutes: 24 * 60,
};

export interface WavePlan {
  size: number;
  /** When the wave after this one is due. */
  nextWaveAt: Date;
  /** When the offers of this wave expire. */
  expiresAt: Date;
}

/** Size, spacing and offer lifetime of the wave sent `now` for a vacancy whose first shift starts at `startsAt`. */
export function planWave(settings: MatchingSettings, startsAt: Date, now: Date): WavePlan {
  const leadMinutes = (startsAt.getTime() - now.getTime()) / 60_000;
  const band = settings.bands.find((b) => leadMinutes <= b.maxLeadMinutes) ?? settings.bands[settings.bands.length - 1];
  const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
  const expiresAt = new Date(Math.min(minutes(band.offerLifetimeMinutes).getTime(), startsAt.getTime()));
  const nextWaveAt = new Date(Math.min(minutes(band.spacingMinutes).getTime(), startsAt.getTime()));
  return { size: band.waveSize, nextWaveAt, expiresAt };
}

/**
 * When a wave may go out: at once if urgent or outside quiet hours, otherwise when quiet hours end
 * (Europe/Stockholm wall-clock time).
 */
export function waveMayGoAt(settings: MatchingSettings, startsAt: Date, now: Date): Date {
  const urgent = startsAt.getTime() - now.getTime() <= settings.urgentWithinMinutes * 60_000;
  if (urgent) return now;
  const local = DateTime.fromJSDate(now, { zone: LOCAL_ZONE });
  const [startHour, startMinute] = settings.quietHours.start.split(':').map(Number);
  const [endHour, endMinute] = settings.quietHours.end.split(':').map(Number);
  const minuteOfDay = local.hour * 60 + local.minute;
  const quietStart = startHour * 60 + startMinute;
  const quietEnd = endHour * 60 + endMinute;
  const wraps = quietStart > quietEnd;
  const inQuiet = wraps ? minuteOfDay >= quietStart || minuteOfDay < quietEnd : minuteOfDay >= quietStart && minuteOfDay < quietEnd;
  if (!inQuiet) return now;
  const endDay = wraps && minuteOfDay >= quietStart ? local.plus({ days: 1 }) : local;
  return endDay.set({ hour: endHour, minute: endMinute, second: 0, millisecond: 0 }).toJSDate();
}
