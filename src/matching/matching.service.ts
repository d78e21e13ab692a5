import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AbsencesService, VacancyDescription } from '../absences/absences.service';
import { Vacancy } from '../absences/vacancy.entity';
import { AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { managerUnfilledEmail } from '../notifications/templates/messages';
import { OffersService } from '../offers/offers.service';
import { OrganisationService } from '../organisation/organisation.service';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { OutboxService } from '../outbox/outbox.service';
import { WaveScheduler } from '../queue/wave-scheduler';
import { findCandidates } from './candidate-query';
import { MatchingSettingsService } from './matching-settings.service';
import { rankCandidates } from './rank-candidates';
import { planWave, waveMayGoAt } from './wave-plan';

export type WaveTrigger = { vacancyId: string; outboxId: string } | { vacancyId: string; wave: number };

export type WaveOutcome = 'sent' | 'waiting' | 'unfilled' | 'skipped';

/** What a wave did, the work it left to publish, and the wave to schedule next (if any). */
interface WaveResult {
  outcome: WaveOutcome;
  rows: OutboxEntry[];
  next?: { wave: number; at: Date };
}

const SKIPPED: WaveResult = { outcome: 'skipped', rows: [] };

/**
 * Sends a vacancy's next wave of offers. Idempotent: an outbox trigger runs once (its row is marked done in
 * the same transaction), and a wave trigger runs only if the vacancy has sent exactly the waves before it.
 */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly absences: AbsencesService,
    private readonly offers: OffersService,
    private readonly organisation: OrganisationService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly settings: MatchingSettingsService,
    private readonly waves: WaveScheduler,
  ) {}

  async runWave(trigger: WaveTrigger): Promise<WaveOutcome> {
    const { outcome, rows, next } = await this.db.transaction(async (tx): Promise<WaveResult> => {
      const vacancy = await this.absences.lockVacancy(tx, trigger.vacancyId);
      if ('outboxId' in trigger && !(await this.outbox.claimForDone(tx, trigger.outboxId))) return SKIPPED;
      if (!vacancy || (vacancy.status !== 'open' && vacancy.status !== 'offering')) return SKIPPED;
      const now = new Date();
      const notDue = vacancy.nextWaveAt !== null && vacancy.nextWaveAt > now && vacancy.startsAt > now;
      if ('wave' in trigger && (trigger.wave !== vacancy.waveCount + 1 || notDue)) return SKIPPED;
      // A (re)match finding a wave already out, with the next not yet due, leaves it to that wave's schedule.
      if ('outboxId' in trigger && notDue && (await this.offers.countLivePending(tx, vacancy.id, now)) > 0) {
        return SKIPPED;
      }
      return this.sendWave(tx, vacancy, now);
    });
    await this.outbox.publish(rows);
    if (next) await this.waves.schedule(trigger.vacancyId, next.wave, next.at);
    return outcome;
  }

  /** Vacancies whose next wave is due (or whose first shift has started), for the sweep. */
  async dueWaves(now: Date): Promise<{ id: string; wave: number; at: Date }[]> {
    const rows: { id: string; wave_count: number; next_wave_at: Date | null }[] = await this.db.query(
      `SELECT id, wave_count, next_wave_at FROM vacancy
        WHERE status IN ('open', 'offering') AND (next_wave_at <= $1 OR starts_at <= $1)
        ORDER BY next_wave_at NULLS FIRST LIMIT 500`,
      [now],
    );
    return rows.map((r) => ({ id: r.id, wave: r.wave_count + 1, at: r.next_wave_at ?? now }));
  }

  private async sendWave(tx: EntityManager, vacancy: Vacancy, now: Date): Promise<WaveResult> {
    if (vacancy.startsAt <= now) {
      await this.offers.withdrawPending(tx, vacancy.id);
      return { outcome: 'unfilled', rows: await this.markUnfilled(tx, vacancy, 'started') };
    }
    const settings = await this.settings.get(vacancy.municipalityId, tx);
    const mayGoAt = waveMayGoAt(settings, vacancy.startsAt, now);
    if (mayGoAt > now) {
      await this.absences.updateVacancy(tx, vacancy.id, { nextWaveAt: mayGoAt });
      return { outcome: 'waiting', rows: [], next: { wave: vacancy.waveCount + 1, at: mayGoAt } };
    }
    const description = await this.absences.describe(tx, vacancy.id);
    const plan = planWave(settings, vacancy.startsAt, now);
    const candidates = await findCandidates(tx, {
      municipalityId: vacancy.municipalityId,
      vacancyId: vacancy.id,
      unitId: vacancy.unitId,
      district: description.district,
      qualificationCode: vacancy.qualificationCode,
      shifts: description.shifts,
      restHours: this.config.DAILY_REST_HOURS,
      now,
      limit: plan.size,
    });
    const wave = rankCandidates(candidates).slice(0, plan.size);
    if (wave.length === 0) {
      if ((await this.offers.countLivePending(tx, vacancy.id, now)) === 0) {
        return { outcome: 'unfilled', rows: await this.markUnfilled(tx, vacancy, 'no_candidates') };
      }
      // Nobody new to ask: look again when the offers still out expire.
      const at = await this.offers.earliestPendingExpiry(tx, vacancy.id);
      await this.absences.updateVacancy(tx, vacancy.id, { nextWaveAt: at });
      return { outcome: 'waiting', rows: [], next: at ? { wave: vacancy.waveCount + 1, at } : undefined };
    }
    const rows = await this.offers.createWave(tx, description, wave, vacancy.waveCount + 1, plan.expiresAt);
    await this.absences.updateVacancy(tx, vacancy.id, { status: 'offering', waveCount: vacancy.waveCount + 1, nextWaveAt: plan.nextWaveAt });
    this.logger.log(`Vacancy ${vacancy.id}: wave ${vacancy.waveCount + 1} offered to ${wave.length}`);
    return { outcome: 'sent', rows, next: { wave: vacancy.waveCount + 2, at: plan.nextWaveAt } };
  }

  private async markUnfilled(tx: EntityManager, vacancy: Vacancy, reason: 'no_candidates' | 'started'): Promise<OutboxEntry[]> {
    await this.absences.updateVacancy(tx, vacancy.id, { status: 'unfilled', nextWaveAt: null });
    const description: VacancyDescription = await this.absences.describe(tx, vacancy.id);
    const email = managerUnfilledEmail({ unitName: description.unitName, unitAddress: description.unitAddress, qualificationName: description.qualificationName, shifts: description.shifts, reason });
    const managers = await this.organisation.managerEmails(vacancy.unitId, tx);
    return this.notifications.queue(
      tx,
      managers.map((recipient) => ({
        municipalityId: vacancy.municipalityId,
        kind: 'manager_unfilled',
        dedupeKey: `vacancy:${vacancy.id}:unfilled:${vacancy.waveCount}:${recipient}`,
        channel: 'email' as const,
        recipient,
        subject: email.subject,
        body: email.text,
        html: email.html,
      })),
    );
  }
}
