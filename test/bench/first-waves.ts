import { Service } from './service';
import { sleep } from './stats';

/** How a vacancy's first wave went: when its last SMS was sent, or that it found nobody to ask. */
export interface FirstWave {
  vacancyId: string;
  /** Every SMS of wave 1 was sent; when the last of them was (database time). */
  sentAt: Date | null;
  /** No offer was made: the vacancy found no candidate. */
  noCandidates: boolean;
}

/**
 * Waits until every vacancy's first wave has been sent: counted at the local 46elks server as it arrives
 * (free), then confirmed in the database, which also knows the vacancies that found nobody and so send
 * nothing (asked every few seconds while the SMS are still coming). Answers whether it happened in time:
 * two minutes, or a tenth of a second per vacancy if that is longer.
 */
export async function waitForFirstWaves(service: Service, vacancyIds: string[], smsBefore: number): Promise<boolean> {
  const expected = smsBefore + vacancyIds.length * service.waveSize;
  const deadline = Date.now() + Math.max(120_000, vacancyIds.length * 100);
  const allSent = async () => (await firstWaves(service, vacancyIds)).every((w) => w.sentAt !== null || w.noCandidates);
  let askedAt = Date.now();
  while (Date.now() < deadline) {
    // A wave's last SMS reaches the server a moment before its row says so.
    if (service.elks.messages.length >= expected) return (await allSent()) || (await confirmed(allSent, deadline));
    if (Date.now() - askedAt > 5000) {
      if (await allSent()) return true;
      askedAt = Date.now();
    }
    await sleep(20);
  }
  return false;
}

async function confirmed(allSent: () => Promise<boolean>, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    await sleep(50);
    if (await allSent()) return true;
  }
  return false;
}

export async function firstWaves(service: Service, vacancyIds: string[]): Promise<FirstWave[]> {
  const rows: { id: string; live: boolean; sms: number; sent: number; last_sent: Date | null }[] = await service.db.query(
    `SELECT v.id, v.status IN ('open', 'offering') AS live, count(n.id)::int AS sms, count(n.sent_at)::int AS sent, max(n.sent_at) AS last_sent
       FROM vacancy v
       LEFT JOIN offer o ON o.vacancy_id = v.id AND o.wave = 1
       LEFT JOIN notification n ON n.offer_id = o.id AND n.channel = 'sms'
      WHERE v.id = ANY ($1)
      GROUP BY v.id`,
    [vacancyIds],
  );
  return rows.map((r) => ({ vacancyId: r.id, sentAt: r.sms > 0 && r.sent === r.sms ? r.last_sent : null, noCandidates: r.sms === 0 && !r.live }));
}
