import { firstSmsByVacancy, PostedAbsence, postAbsence, refusals } from './absences';
import { CpuSplit, cpuSplit } from './cpu';
import { waitForFirstWaves } from './first-waves';
import type { Answer } from './http-client';
import { QueueDepth, sampleQueueDepth } from './queue-depth';
import { Service } from './service';
import { sleepUntil, Summary, summarize } from './stats';
import { StatementFigures, statementFigures } from './statements';

export interface SteadyRateResult {
  rate: number;
  seconds: number;
  absences: number;
  /** Answers other than 201, by status. */
  refused: Record<string, number>;
  vacancies: number;
  /** Vacancies whose SMS reached the local 46elks server, and those whose did not. */
  withSms: number;
  missing: number;
  /** Whether every vacancy's first wave was sent before the bench stopped waiting. */
  drained: boolean;
  /** The POST's round trip. */
  post: Summary;
  /** From the POST's answer to the vacancy's first SMS at the 46elks server (the target). */
  firstSms: Summary;
  /** From the POST's request to the first SMS. */
  firstSmsFromRequest: Summary;
  /** The first SMS by slice of the run (TIMELINE_SLICES, by when the POST was answered): where the tail sits. */
  firstSmsTimeline: Summary[];
  /** Database times: the absence's row to its first offer (matching), an offer to its SMS sent (delivery). */
  matching: Summary;
  delivery: Summary;
  queue: QueueDepth;
  /** From the first POST until the last vacancy's SMS arrived. */
  cpu: CpuSplit;
  statements: StatementFigures;
}

/** Absences posted at a steady rate for a while; each timed to its first SMS. */
export async function runSteadyRate(service: Service, rate: number, seconds: number): Promise<SteadyRateResult> {
  const total = Math.max(1, Math.round(rate * seconds));
  const smsBefore = service.elks.messages.length;
  const countsBefore = await service.counts();
  // No growth: the last third of the run no deeper than the first by a tenth of a second's arrivals (at least 2 jobs).
  const sampler = sampleQueueDepth(service.config, Math.max(2, rate / 10));
  const cpuBefore = service.cpu();

  const answers = await postAtRate(service, rate, total);
  const queue = await sampler.stop();
  const posted = answers.filter((a) => a.status === 201);
  const vacancies = posted.flatMap((a) => a.body.vacancies.map((v) => ({ id: v.id, sentAt: a.sentAt, answeredAt: a.answeredAt })));
  const drained = await waitForFirstWaves(service, vacancies.map((v) => v.id), smsBefore);
  const cpuAfter = service.cpu();
  const countsAfter = await service.counts();

  const firstSms = await firstSmsByVacancy(service.db, service.elks.messages.slice(smsBefore));
  const timed = vacancies.filter((v) => firstSms.has(v.id));
  return {
    rate,
    seconds,
    absences: total,
    refused: refusals(answers),
    vacancies: vacancies.length,
    withSms: timed.length,
    missing: vacancies.length - timed.length,
    drained,
    post: summarize(answers.map((a) => a.ms)),
    firstSms: summarize(timed.map((v) => firstSms.get(v.id)! - v.answeredAt)),
    firstSmsFromRequest: summarize(timed.map((v) => firstSms.get(v.id)! - v.sentAt)),
    firstSmsTimeline: timeline(timed.map((v) => ({ at: v.answeredAt, ms: firstSms.get(v.id)! - v.answeredAt }))),
    ...(await stages(service, vacancies.map((v) => v.id))),
    queue,
    cpu: cpuSplit(cpuBefore, cpuAfter, vacancies.length),
    statements: statementFigures(countsBefore, countsAfter, vacancies.length),
  };
}

const TIMELINE_SLICES = 6;

function timeline(points: { at: number; ms: number }[]): Summary[] {
  if (points.length === 0) return [];
  const start = Math.min(...points.map((p) => p.at));
  const span = Math.max(...points.map((p) => p.at)) - start + 1;
  const slices: number[][] = Array.from({ length: TIMELINE_SLICES }, () => []);
  for (const p of points) slices[Math.floor(((p.at - start) / span) * TIMELINE_SLICES)].push(p.ms);
  return slices.map(summarize);
}

async function postAtRate(service: Service, rate: number, total: number): Promise<Answer<PostedAbsence>[]> {
  const began = performance.now();
  const requests: Promise<Answer<PostedAbsence>>[] = [];
  for (let i = 0; i < total; i++) {
    await sleepUntil(began + (i * 1000) / rate);
    requests.push(postAbsence(service.client, service.token, service.pool, service.nextAbsence()));
  }
  return Promise.all(requests);
}

/** Where the time goes, from the rows' own timestamps. */
async function stages(service: Service, vacancyIds: string[]): Promise<{ matching: Summary; delivery: Summary }> {
  const [row]: { matching: number[]; delivery: number[] }[] = await service.db.query(
    `SELECT array(SELECT extract(epoch FROM min(o.created_at) - v.created_at) * 1000 FROM vacancy v JOIN offer o ON o.vacancy_id = v.id
                   WHERE v.id = ANY ($1) GROUP BY v.id, v.created_at) AS matching,
            array(SELECT extract(epoch FROM n.sent_at - o.created_at) * 1000 FROM notification n JOIN offer o ON o.id = n.offer_id
                   WHERE o.vacancy_id = ANY ($1) AND n.channel = 'sms' AND n.sent_at IS NOT NULL) AS delivery`,
    [vacancyIds],
  );
  return { matching: summarize(row.matching.map(Number)), delivery: summarize(row.delivery.map(Number)) };
}
