import { eventually } from './support/eventually';
import { auth, makeSubstitute, makeUnit } from './support/factories';
import { flatSettings } from './support/offers';
import { Stack, startStack } from './support/stack';
import { seedMunicipality } from './support/test-app';
import { hours } from './support/time';

/** SMS cost money: each municipality has a daily budget, and going over it is held back and told, never dropped silently. */
describe('the daily SMS budget', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ SMS_DAILY_BUDGET: '2' });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('sends SMS up to the budget, holds back the rest (their email still goes) and tells the staffing team once', async () => {
    const { t, channels } = stack;
    const admin = await seedMunicipality(t);
    await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(10)).expect(200);
    const unit = await makeUnit(t, admin.adminToken);
    const people: Awaited<ReturnType<typeof makeSubstitute>>[] = [];
    for (let i = 0; i < 4; i++) people.push(await makeSubstitute(t, admin.adminToken, { availability: [{ start: hours(1), end: hours(24 * 5) }] }));
    await t.http().post('/api/v1/absences').set(auth(admin.adminToken)).send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: hours(30), end: hours(38) }] }).expect(201);

    await eventually(async () => {
      const rows = await t.db.query(`SELECT channel, status, count(*)::int AS n FROM notification WHERE kind = 'offer' GROUP BY 1, 2 ORDER BY 1, 2`);
      expect(rows).toEqual([
        { channel: 'email', status: 'sent', n: 4 },
        { channel: 'sms', status: 'over_budget', n: 2 },
        { channel: 'sms', status: 'sent', n: 2 },
      ]);
      expect(channels.smtp.messages.filter((m) => m.to.includes(admin.adminEmail) && m.subject === 'Dagens SMS-budget är slut')).toHaveLength(1);
    }, 20_000);
    expect(channels.elks.messages.filter((m) => people.some((p) => p.phone === m.to))).toHaveLength(2);
    const [held] = await t.db.query(`SELECT last_error FROM notification WHERE status = 'over_budget' LIMIT 1`);
    expect(held.last_error).toContain('daily SMS budget');
  });
});
