/** What the candidate query knows about one eligible substitute. */
export interface Candidate {
  substituteId: string;
  preferred: boolean;
  workedHere: boolean;
  /** Booked hours in the last 28 days. */
  recentHours: number;
  /** When the required qualification was verified. */
  verifiedAt: Date;
}

export interface RankedCandidate extends Candidate {
  rank: number;
  reason: string[];
}

/**
 * Orders candidates: the unit's preferred substitutes, then those who have worked at the unit before
 * (continuity), then the fewest booked hours in the last 28 days (fair spread), then the earliest verified
 * (the required qualification), then id, so that the order is total and the same on every run.
 */
export function rankCandidates(candidates: Candidate[]): RankedCandidate[] {
  return [...candidates]
    .sort(
      (a, b) =>
        Number(b.preferred) - Number(a.preferred) ||
        Number(b.workedHere) - Number(a.workedHere) ||
        a.recentHours - b.recentHours ||
        a.verifiedAt.getTime() - b.verifiedAt.getTime() ||
        (a.substituteId < b.substituteId ? -1 : a.substituteId > b.substituteId ? 1 : 0),
    )
    .map((c, i) => ({ ...c, rank: i + 1, reason: explain(c) }));
}

function explain(c: Candidate): string[] {
  return [
    ...(c.preferred ? ['preferred by the unit'] : []),
    ...(c.workedHere ? ['has worked at the unit'] : []),
    `${Math.round(c.recentHours * 10) / 10} booked hours in the last 28 days`,
    `verified ${c.verifiedAt.toISOString().slice(0, 10)}`,
  ];
}
