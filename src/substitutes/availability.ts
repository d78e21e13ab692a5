import type { Period } from '../database/tstzrange';

/** Sorts windows and merges those that overlap or touch, so that each stored window is maximal. */
export function mergeWindows(windows: Period[]): Period[] {
  const sorted = [...windows].sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Period[] = [];
  for (const window of sorted) {
    const last = merged[merged.length - 1];
    if (last && window.start.getTime() <= last.end.getTime()) {
      if (window.end > last.end) last.end = window.end;
    } else {
      merged.push({ start: window.start, end: window.end });
    }
  }
  return merged;
}
