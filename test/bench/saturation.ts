import { PostedAbsence, postAbsence, refusals } from './absences';
import { CpuSplit, cpuSplit, limitingResource } from './cpu';
import { firstWaves, waitForFirstWaves } from './first-waves';
import type { Answer } from './http-client';
import { QueueDepth, sampleQueueDepth } from './queue-depth';
import { Service } from './service';
import { Summary, summarize } from './stats';
import { StatementFigures, statementFigures } from './statements';

export interface SaturationResult {
  seconds: number;
  concurrency: number;
  absences: number;
  /** Absences the api took per second of the posting. */
  postsPerSecond: number;
  refused: Record<string, number>;
  post: Summary;
  vacancies: number;
  /** Vacancies whose first wave was fully sent by the end, and those that found nobody to ask. */
  firstWavesSent: number;
  noCandidates: number;
  /** Whether every first wave was sent before the bench stopped waiting. */
  drained: boolean;
  /** The figure: vacancies whose first wave was fully sent while the absences came in, per second. */
  firstWavesPerSecond: number;
  /** After the posting stopped, until every first wave was sent; and the rate over posting and drain together. */
  drainSeconds: number;
  firstWavesPerSecondWithDrain: number;
  queue: QueueDepth;
  /** While the absences came in: how many cores each process kept busy. */
  cpuWhilePosting: CpuSplit;
  /** Posting and drain together: what each vacancy cost. */
  cpuPerVacancy: CpuSplit;
  limitedBy: string;
  statements: StatementFigures;
}

/** Absences posted as fast as the api takes them (a fixed number in flight) for a while; then how fast first waves went out. */
export async function runSaturation(service: Service, seconds: number, concurrency: number, cores: number): Promise<SaturationResult> {
  const smsBefore = service.elks.messages.length;
  const countsBefore = await service.counts();
  const sampler = sampleQueueDepth(service.config, concurrency);
  const cpuBefore = service.cpu();
  const startedAt = new Date();

  const answers = await postFlatOut(service, seconds * 1000, concurrency);
  const cpuPosted = service.cpu();
  const postedAt = new Date();
  const queue = await sampler.stop();
  const vacancyIds = answers.filter((a) => a.status === 201).flatMap((a) => a.body.vacancies.map((v) => v.id));
  const drained = await waitForFirstWaves(service, vacancyIds, smsBefore);
  const cpuDrained = service.cpu();
  const countsAfter = await service.counts();

  const waves = await firstWaves(service, vacancyIds);
  const sent = waves.filter((w) => w.sentAt !== null).map((w) => w.sentAt!.getTime());
  const postingSeconds = (postedAt.getTime() - startedAt.getTime()) / 1000;
  const lastSent = sent.reduce((latest, t) => Math.max(latest, t), postedAt.getTime());
  const whilePosting = cpuSplit(cpuBefore, cpuPosted, vacancyIds.length);
  return {
    seconds: postingSeconds,
    concurrency,
    absences: answers.length,
    postsPerSecond: answers.length / postingSeconds,
    refused: refusals(answers),
    post: summarize(answers.map((a) => a.ms)),
    vacancies: vacancyIds.length,
    firstWavesSent: sent.length,
    noCandidates: waves.filter((w) => w.noCandidates).length,
    drained,
    firstWavesPerSecond: sent.filter((t) => t <= postedAt.getTime()).length / postingSeconds,
    drainSeconds: (lastSent - postedAt.getTime()) / 1000,
    firstWavesPerSecondWithDrain: sent.length / ((lastSent - startedAt.getTime()) / 1000),
    queue,
    cpuWhilePosting: whilePosting,
    cpuPerVacancy: cpuSplit(cpuBefore, cpuDrained, vacancyIds.length),
    limitedBy: limitingResource(whilePosting, cores),
    statements: statementFigures(countsBefore, countsAfter, vacancyIds.length),
  };
}

/** `concurrency` posters, each posting again as soon as its answer comes, until the time is up. */
async function postFlatOut(service: Service, ms: number, concurrency: number): Promise<Answer<PostedAbsence>[]> {
  const until = performance.now() + ms;
  const answers: Answer<PostedAbsence>[] = [];
  const poster = async () => {
    while (performance.now() < until) answers.push(await postAbsence(service.client, service.token, service.pool, service.nextAbsence()));
  };
  await Promise.all(Array.from({ length: concurrency }, poster));
  return answers;
}
