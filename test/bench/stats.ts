/** Latencies in milliseconds: how many, the median, the 99th percentile and the worst. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The nearest-rank percentile of values sorted ascending; NaN for none (null in the JSON). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export const mean = (values: number[]) => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);

/** A figure as a multiple of its floor; NaN when either is missing. */
export const ratio = (value: number, floor: number) => (floor > 0 ? value / floor : Number.NaN);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until performance.now() reaches `time`; at once if it has. */
export const sleepUntil = async (time: number) => {
  const ms = time - performance.now();
  if (ms > 0) await sleep(ms);
};
