import { ValueTransformer } from 'typeorm';

export interface Period {
  start: Date;
  end: Date;
}

/** Formats a [start, end) period as a PostgreSQL tstzrange literal. */
export function toRangeLiteral(period: Period): string {
  return `[${period.start.toISOString()},${period.end.toISOString()})`;
}

/**
 * Parses PostgreSQL's text form of a bounded tstzrange, e.g. `["2026-03-29 05:00:00+00","2026-03-29 13:00:00+00")`.
 * Only half-open bounded ranges are stored (enforced by CHECK constraints).
 */
export function parseRangeLiteral(text: string): Period {
  const match = /^[[(]"?([^",]+)"?,"?([^",]+)"?[\])]$/.exec(text);
  if (!match) throw new Error(`Unexpected tstzrange value: ${text}`);
  return { start: parsePgTimestamp(match[1]), end: parsePgTimestamp(match[2]) };
}

function parsePgTimestamp(text: string): Date {
  // "2026-03-29 05:00:00+00" or "2026-03-29 05:00:00.123+00:30"
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Unexpected timestamp in tstzrange: ${text}`);
  return date;
}

export const TstzRangeTransformer: ValueTransformer = {
  to: (value: Period | null | undefined) => (value ? toRangeLiteral(value) : value),
  from: (value: string | null) => (value ? parseRangeLiteral(value) : value),
};
