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

/** The windows with `period` taken out of them (a window split in two where the period falls inside it). */
export function subtractWindow(windows: Period[], period: Period): Period[] {
  return windows.flatMap((w) => {
    if (period.end <= w.start || period.start >= w.end) return [w];
    return [
      ...(period.start > w.start ? [{ start: w.start, end: period.start }] : []),
      ...(period.end < w.end ? [{ start: period.end, end: w.end }] : []),
    ];
  });
}
