import { offerToken } from '../../src/notifications/credentials';
import type { TestApp } from './test-app';

/** The tokens of a vacancy's offers, rebuilt from their ids as a delivery would. */
export async function offerTokens(t: TestApp, vacancyId: string): Promise<Map<string, string>> {
  const rows: { id: string; substitute_id: string }[] = await t.db.query('SELECT id, substitute_id FROM offer WHERE vacancy_id = $1', [vacancyId]);
  return new Map(rows.map((r) => [r.substitute_id, offerToken(t.config.offerTokenSecret, r.id)]));
}

/** One band for every lead time, no quiet hours: waves of exactly `waveSize`, long-lived offers. */
export const flatSettings = (waveSize: number) => ({
  bands: [{ maxLeadMinutes: 100_000_000, waveSize, spacingMinutes: 600, offerLifetimeMinutes: 600 }],
  quietHours: { start: '00:00', end: '00:00' },
  urgentWithinMinutes: 100_000_000,
});
