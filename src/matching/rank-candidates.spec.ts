import fc from 'fast-check';
import { Candidate, rankCandidates } from './rank-candidates';

const c = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  substituteId: id,
  preferred: false,
  workedHere: false,
  recentHours: 0,
  verifiedAt: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

describe('rankCandidates', () => {
  it('puts preferred first, then continuity, then fewest recent hours, then earliest verified, then id', () => {
    const ranked = rankCandidates([
      c('f', { verifiedAt: new Date('2026-06-01T00:00:00Z') }),
      c('e'),
      c('d', { recentHours: 5 }),
      c('c', { workedHere: true, recentHours: 40 }),
      c('b', { preferred: true, recentHours: 100 }),
      c('a', { verifiedAt: new Date('2026-06-01T00:00:00Z') }),
    ]);
    expect(ranked.map((r) => r.substituteId)).toEqual(['b', 'c', 'e', 'a', 'f', 'd']);
    expect(ranked[0]).toMatchObject({ rank: 1, reason: expect.arrayContaining(['preferred by the unit']) });
  });

  it('is a total order: the same set in any order ranks the same', () => {
    const candidate = fc.record({
      substituteId: fc.uuid(),
      preferred: fc.boolean(),
      workedHere: fc.boolean(),
      recentHours: fc.integer({ min: 0, max: 200 }),
      verifiedAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (x) => x.substituteId, maxLength: 30 }), (list) => {
        const forward = rankCandidates(list).map((r) => r.substituteId);
        const backward = rankCandidates([...list].reverse()).map((r) => r.substituteId);
        expect(forward).toEqual(backward);
      }),
    );
  });
});
