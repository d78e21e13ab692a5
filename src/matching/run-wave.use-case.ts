import { Injectable, Logger } from '@nestjs/common';
import { AbsencesService, VacancyDescription, VacancyRecord } from '../absences/absences.service';
import { isLive } from '../absences/vacancy-status';
import { Database } from '../database/database';
import { UnitOfWork } from '../database/unit-of-work';
import { NotificationsService } from '../notifications/notifications.service';
import { managerUnfilledEmail } from '../notifications/templates/emails';
import { OffersService, TakenCandidate } from '../offers/offers.service';
import { OrganisationService } from '../organisation/organisation.service';
import { OutboxService } from '../outbox/outbox.service';
import { HandlesJob, Sweep } from '../queue/job-handlers';
import { JobQueue } from '../queue/job-queue';
import { JobPayloads, waveJobId } from '../queue/jobs';
import { CandidateSearch, candidatesFreeAt, findCandidates } from './candidate-query';
import { MatchingSettingsService } from './matching-settings.service';
import { RankedCandidate, rankCandidates } from './rank-candidates';
import { planWave, waveMayGoAt } from './wave-plan';

export type WaveTrigger = { vacancyId: string; outboxId: string } | { vacancyId: string; wave: number };

export type WaveOutcome = 'sent' | 'waiting' | 'unfilled' | 'skipped';

/** Searches for a wave when rivals took the best candidates first; each round reads further down the ranking. */
const MAX_SEARCH_ROUNDS = 4;
/** Read beyond the wave's size (twice it, and these), so that rivals taking the best do not need a second search. */
const SPARE_CANDIDATES = 3;
/** When rivals took every pick of every round, the wave tries again this soon. */
const RETRY_AFTER_RIVALS_MS = 5000;

/**
 * Sends a vacancy's next wave of offers, in one unit of work. Idempotent: an outbox trigger runs once (its
 * row is marked done in the same unit of work), and a wave trigger runs only if the vacancy has sent exactly
 * the waves before it.
 */
@Injectable()
export class RunWave {
  private readonly logger = new Logger(RunWave.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly db: Database,
    private readonly absences: AbsencesService,
    private readonly offers: OffersService,
    private readonly organisation: OrganisationService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly settings: MatchingSettingsService,
    private readonly jobs: JobQueue,
  ) {}

  @HandlesJob('match')
  match({ vacancyId, outboxId }: JobPayloads['match']): Promise<WaveOutcome> {
    return this.run({ vacancyId, outboxId });
  }

  @HandlesJob('wave')
  wave({ vacancyId, wave }: JobPayloads['wave']): Promise<WaveOutcome> {
    return this.run({ vacancyId, wave });
  }

  /** Waves whose delayed job Redis lost, and vacancies whose first shift has begun, from next_wave_at. */
  @Sweep('schedule due waves')
  async scheduleDue(now = new Date()): Promise<void> {
    for (const due of await this.absences.dueForWave(now)) {
      const at = due.nextWaveAt ?? now;
      const wave = due.waveCount + 1;
      await this.jobs.addSoon('wave', { municipalityId: due.municipalityId, vacancyId: due.id, wave }, { jobId: waveJobId(due.id, wave, at), runAt: at });
    }
  }

  run(trigger: WaveTrigger): Promise<WaveOutcome> {
    return this.uow.run(async () => {
      const locked = await this.absences.lockDescribedVacancy(trigger.vacancyId);
      if ('outboxId' in trigger && !(await this.outbox.markDone(trigger.outboxId))) return 'skipped';
      if (!locked || !isLive(locked.vacancy.status)) return 'skipped';
      const { vacancy, description } = locked;
      const now = new Date();
      const notDue = vacancy.nextWaveAt !== null && vacancy.nextWaveAt > now && vacancy.startsAt > now;
      if ('wave' in trigger && (trigger.wave !== vacancy.waveCount + 1 || notDue)) return 'skipped';
      // A (re)match finding a wave already out, with the next not yet due, leaves it to that wave's schedule.
      if ('outboxId' in trigger && notDue && (await this.offers.countLivePending(vacancy.id, now)) > 0) return 'skipped';
      return this.sendWave(vacancy, description, now);
    });
  }

  private async sendWave(vacancy: VacancyRecord, description: VacancyDescription, now: Date): Promise<WaveOutcome> {
    if (vacancy.startsAt <= now) {
      await this.offers.withdrawPending(vacancy.id);
      return this.markUnfilled(vacancy, description, 'started');
    }
    const settings = await this.settings.view(vacancy.municipalityId);
    const mayGoAt = waveMayGoAt(settings, vacancy.startsAt, now);
    if (mayGoAt > now) {
      await this.absences.changeVacancy(vacancy, { nextWaveAt: mayGoAt });
      return 'waiting';
    }
    const { dailyRestHours, weeklyRestHours, monthlyHourCap } = settings;
    const plan = planWave(settings, vacancy.startsAt, now);
    const search: CandidateSearch = {
      municipalityId: vacancy.municipalityId,
      vacancyId: vacancy.id,
      unitId: vacancy.unitId,
      district: description.district,
      qualificationCode: vacancy.qualificationCode,
      shifts: description.shifts,
      rules: { dailyRestHours, weeklyRestHours, monthlyHourCap },
      now,
      limit: plan.size,
    };
    const { wave, contended } = await this.freeCandidates(search);
    if (wave.length === 0) {
      // Nobody new to ask now: look again in a moment if rivals kept taking the picks; else when the
      // vacancy's own offers still out expire, or when someone holding a rival wave's offer at the time is
      // free again. With none of these, nobody is left.
      const ownOut = (await this.offers.countLivePending(vacancy.id, now)) > 0 ? await this.offers.earliestPendingExpiry(vacancy.id) : null;
      const retryAt = contended ? new Date(now.getTime() + RETRY_AFTER_RIVALS_MS) : earliest(ownOut, await candidatesFreeAt(this.db.manager, search));
      if (!retryAt) return this.markUnfilled(vacancy, description, 'no_candidates');
      await this.absences.changeVacancy(vacancy, { nextWaveAt: retryAt });
      return 'waiting';
    }
    await this.absences.changeVacancy(vacancy, { status: 'offering', waveCount: vacancy.waveCount + 1, nextWaveAt: plan.nextWaveAt });
    // Last: it claims the wave's SMS on the municipality's budget row, held from then until the commit.
    await this.offers.createWave(description, wave, vacancy.waveCount + 1, plan.expiresAt);
    this.logger.log(`Vacancy ${vacancy.id}: wave ${vacancy.waveCount + 1} offered to ${wave.length}`);
    return 'sent';
  }

  /**
   * The best candidates, up to the wave's size, whom no other wave is offering an overlapping time. Waves
   * for overlapping shifts (a morning's many absences) run side by side and rank the same people first:
   * each reads some spare candidates, passes over those a rival has locked or just offered, and searches
   * further down the ranking if it must, so that it still sends a full wave (rather than none, or calling
   * the vacancy unfilled while the pool has people left). `contended`: rivals held some it tried and nobody
   * else was left, so it is worth trying again soon.
   */
  private async freeCandidates(search: CandidateSearch): Promise<{ wave: TakenCandidate<RankedCandidate>[]; contended: boolean }> {
    const wave: TakenCandidate<RankedCandidate>[] = [];
    const passed = new Set<string>();
    let lost = 0;
    for (let round = 0; round < MAX_SEARCH_ROUNDS; round++) {
      const want = search.limit - wave.length;
      const limit = passed.size + want * 2 + SPARE_CANDIDATES;
      const found = rankCandidates(await findCandidates(this.db.manager, { ...search, limit })).slice(0, limit);
      const fresh = found.filter((c) => !passed.has(c.substituteId));
      const taken = await this.offers.takeFree(fresh, want, search.shifts);
      for (const c of fresh.slice(0, taken.tried)) passed.add(c.substituteId);
      wave.push(...taken.free);
      lost += taken.lost;
      if (wave.length === search.limit) return { wave, contended: false };
      // Nobody further down: the pool is spent.
      if (found.length < limit && taken.tried === fresh.length) return { wave, contended: lost > 0 };
    }
    return { wave, contended: true };
  }

  private async markUnfilled(vacancy: VacancyRecord, description: VacancyDescription, reason: 'no_candidates' | 'started'): Promise<WaveOutcome> {
    await this.absences.changeVacancy(vacancy, { status: 'unfilled', nextWaveAt: null });
    await this.notifications.queue(
      this.notifications.toEachEmail({
        municipalityId: vacancy.municipalityId,
        kind: 'manager_unfilled',
        key: `vacancy:${vacancy.id}:unfilled:${vacancy.waveCount}`,
        recipients: await this.organisation.managerEmails(vacancy.unitId),
        email: managerUnfilledEmail({ ...description, reason }),
      }),
    );
    return 'unfilled';
  }
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a < b ? a : b;
}
