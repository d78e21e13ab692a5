import { DataSource } from 'typeorm';
import { tokenHash } from '../../src/notifications/credentials';
import type { FakeElksMessage } from '../support/fake-elks-server';
import type { Answer, JsonClient } from './http-client';
import { AVAILABLE_DAYS, QUALIFICATIONS, SeededPool } from './pool';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST_DAY = 2;

export interface PostedAbsence {
  id: string;
  vacancies: { id: string }[];
}

/**
 * The i-th absence of a run: one 8-hour shift within the pool's availability (2 to 13 days ahead, starting
 * 06:00 to 12:00 UTC), by turns each day, qualification, start and unit, so that the waves of a run spread
 * over the pool as a municipality's would rather than all asking the same few people.
 */
export function absenceRequest(i: number, pool: SeededPool) {
  const days = AVAILABLE_DAYS - FIRST_DAY;
  const today = Math.floor(Date.now() / DAY) * DAY;
  const start = new Date(today + (FIRST_DAY + (i % days)) * DAY + (6 + (Math.floor(i / (days * QUALIFICATIONS.length)) % 7)) * HOUR);
  return {
    unitId: pool.unitIds[i % pool.unitIds.length],
    reason: 'sick',
    qualification: QUALIFICATIONS[Math.floor(i / days) % QUALIFICATIONS.length],
    shifts: [{ start: start.toISOString(), end: new Date(start.getTime() + 8 * HOUR).toISOString() }],
  };
}

export function postAbsence(client: JsonClient, token: string, pool: SeededPool, i: number): Promise<Answer<PostedAbsence>> {
  return client.send<PostedAbsence>('POST', '/api/v1/absences', absenceRequest(i, pool), token);
}

/** Answers other than 201 Created, by status. */
export function refusals(answers: Answer<unknown>[]): Record<string, number> {
  const refused: Record<string, number> = {};
  for (const a of answers) if (a.status !== 201) refused[a.status] = (refused[a.status] ?? 0) + 1;
  return refused;
}

/**
 * When each vacancy's first SMS reached the local 46elks server (ms since the epoch). An SMS carries its
 * offer's link, whose token's hash finds the offer, and so the vacancy.
 */
export async function firstSmsByVacancy(db: DataSource, messages: FakeElksMessage[]): Promise<Map<string, number>> {
  const receivedAt = new Map<string, number>();
  for (const message of messages) {
    const token = /\/o\/([A-Za-z0-9_-]{43})/.exec(message.message)?.[1];
    if (token) receivedAt.set(tokenHash(token), Math.min(receivedAt.get(tokenHash(token)) ?? Infinity, message.created.getTime()));
  }
  const offers: { token_hash: string; vacancy_id: string }[] = await db.query(`SELECT token_hash, vacancy_id FROM offer WHERE token_hash = ANY ($1)`, [[...receivedAt.keys()]]);
  const first = new Map<string, number>();
  for (const { token_hash, vacancy_id } of offers) first.set(vacancy_id, Math.min(first.get(vacancy_id) ?? Infinity, receivedAt.get(token_hash)!));
  return first;
}
