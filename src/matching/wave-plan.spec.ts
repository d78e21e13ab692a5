import { DEFAULT_MATCHING_SETTINGS as S, planWave, waveMayGoAt } from './wave-plan';

const now = new Date('2027-01-11T10:00:00Z'); // 11:00 in Stockholm
const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe('planWave', () => {
  it('sends wide waves minutes apart when the shift starts within 3 hours', () => {
    const plan = planWave(S, inMinutes(90), now);
    expect(plan.size).toBe(15);
    expect(plan.nextWaveAt).toEqual(inMinutes(5));
    expect(plan.expiresAt).toEqual(inMinutes(30));
  });

  it('sends small waves hours apart when the shift is days ahead', () => {
    const plan = planWave(S, inMinutes(10 * 24 * 60), now);
    expect(plan.size).toBe(3);
    expect(plan.nextWaveAt).toEqual(inMinutes(6 * 60));
    expect(plan.expiresAt).toEqual(inMinutes(24 * 60));
  });

  it('never lets an offer outlive the start of the first shift', () => {
    const plan = planWave(S, inMinutes(10), now);
    expect(plan.expiresAt).toEqual(inMinutes(10));
    expect(plan.nextWaveAt).toEqual(inMinutes(5));
  });
});

describe('waveMayGoAt', () => {
  it('sends urgent waves at once, even at night', () => {
    const night = new Date('2027-01-11T23:30:00Z'); // 00:30 local
    expect(waveMayGoAt(S, new Date(night.getTime() + 6 * 3_600_000), night)).toEqual(night);
  });

  it('holds non-urgent waves until 07:00 Swedish time, across daylight saving', () => {
    const lateEvening = new Date('2027-03-27T21:30:00Z'); // 22:30 local, the night the clocks go forward
    const startsAt = new Date('2027-04-05T05:00:00Z');
    expect(waveMayGoAt(S, startsAt, lateEvening)).toEqual(new Date('2027-03-28T05:00:00Z')); // 07:00 CEST
    const earlyMorning = new Date('2027-01-12T04:00:00Z'); // 05:00 local
    expect(waveMayGoAt(S, startsAt, earlyMorning)).toEqual(new Date('2027-01-12T06:00:00Z'));
  });

  it('sends non-urgent waves at once in daytime', () => {
    expect(waveMayGoAt(S, inMinutes(5 * 24 * 60), now)).toEqual(now);
  });
});
