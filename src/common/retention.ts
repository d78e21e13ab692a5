const DAY_MS = 24 * 3600 * 1000;

/** The instant `days` before `now`: what is older is past its retention. */
export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/**
 * Runs `step` (which removes up to `batch` rows and says how many) until a step finds fewer: big removals
 * go in short statements rather than one long lock. The total removed.
 */
export async function inBatches(batch: number, step: (batch: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (let n = batch; n === batch; total += n) n = await step(batch);
  return total;
}
