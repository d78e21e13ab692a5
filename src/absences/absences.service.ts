import type { VacancyStatus } from './vacancy-status';
import { Injectable } from '@nestjs/common';
import { mayAccess, visibleUnits } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { notFound } from '../common/errors';
import type { Period } from '../database/tstzrange';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboxService } from '../outbox/outbox.service';
import { JobQueue } from '../queue/job-queue';
import { waveJobId } from '../queue/jobs';
import { AbsenceRecord, AbsenceRepository } from './absence.repository';
import { ListVacanciesQuery } from './dto/list-vacancies.query';
import { AbsenceDto, VacancyDto } from './dto/vacancy.dto';
import { VacancyChange, VacancyDescription, VacancyRecord, VacancyRepository } from './vacancy.repository';

export type { VacancyDescription, VacancyRecord } from './vacancy.repository';

export type NewAbsence = Omit<AbsenceRecord, 'id' | 'cancelledAt' | 'createdAt'> & {
  /** The shifts of each vacancy to open. */
  vacancies: Period[][];
};

/** Absences and the vacancies they open: their rows, their views and every change of a vacancy's status. */
@Injectable()
export class AbsencesService {
  constructor(
    private readonly absences: AbsenceRepository,
    private readonly vacancies: VacancyRepository,
    private readonly outbox: OutboxService,
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueue,
  ) {}

  /** Inside a unit of work: stores the absence, opens its vacancies, and writes the work of matching each. */
  async open(input: NewAbsence): Promise<AbsenceDto> {
    const absence = await this.absences.insert(input);
    const vacancies = await this.vacancies.insert(absence, input.vacancies);
    await this.outbox.write(vacancies.map((v) => ({ municipalityId: v.municipalityId, kind: 'match' as const, payload: { vacancyId: v.id } })));
    const views = vacancies.map((v, i) => toVacancyDto(v, input.vacancies[i]));
    return toAbsenceDto(absence, views.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()));
  }

  async getAbsence(actor: Actor, id: string): Promise<AbsenceDto> {
    const absence = await this.absences.find(actor.municipalityId, id);
    if (!absence || !mayAccess(actor, absence)) throw notFound('The absence');
    return toAbsenceDto(absence, await this.views(await this.vacancies.ofAbsence(id)));
  }

  /** Inside a unit of work: the absence's vacancies, locked, if the actor may act on it; the absence is stamped cancelled. */
  async lockForCancelling(actor: Actor, absenceId: string): Promise<VacancyRecord[]> {
    const absence = await this.absences.find(actor.municipalityId, absenceId);
    if (!absence || !mayAccess(actor, absence)) throw notFound('The absence');
    await this.absences.markCancelled(absenceId);
    return this.vacancies.lockOfAbsence(absenceId);
  }

  async listVacancies(actor: Actor, query: ListVacanciesQuery): Promise<VacancyDto[]> {
    const unitIds = visibleUnits(actor);
    if (query.unitId && unitIds && !unitIds.includes(query.unitId)) return [];
    const vacancies = await this.vacancies.list(actor.municipalityId, { unitId: query.unitId, unitIds, status: query.status, limit: 1000 });
    return this.views(vacancies);
  }

  /** The vacancies the actor's pages list: by statuses, still running after `endsAfter`, soonest first. */
  async vacanciesForPages(actor: Actor, filter: { statuses: VacancyStatus[]; endsAfter: Date; startsBefore?: Date; limit: number; offset?: number }): Promise<VacancyDto[]> {
    return this.views(await this.vacancies.list(actor.municipalityId, { unitIds: visibleUnits(actor), ...filter }));
  }

  /** The vacancy if the actor may see it: an admin of its municipality or a manager of its unit. */
  async vacancyForActor(actor: Actor, id: string): Promise<VacancyRecord> {
    const vacancy = await this.vacancies.find(actor.municipalityId, id);
    if (!vacancy || !mayAccess(actor, vacancy)) throw notFound('The vacancy');
    return vacancy;
  }

  async vacancyView(vacancy: VacancyRecord): Promise<VacancyDto> {
    return (await this.views([vacancy]))[0];
  }

  /** Locks the vacancy's row for the unit of work; null if it does not exist. */
  lockVacancy(id: string): Promise<VacancyRecord | null> {
    return this.vacancies.lock(id);
  }

  /** Inside a unit of work: the vacancy locked, and its description; null if it does not exist. */
  lockDescribedVacancy(id: string): Promise<{ vacancy: VacancyRecord; description: VacancyDescription } | null> {
    return this.vacancies.lockDescribed(id);
  }

  /**
   * Changes a locked vacancy, as its status machine allows. Setting `nextWaveAt` also schedules that wave
   * once the unit of work commits (a delayed job; the sweep finds it from next_wave_at if Redis loses it).
   */
  async changeVacancy(vacancy: Pick<VacancyRecord, 'id' | 'municipalityId' | 'waveCount'>, change: VacancyChange): Promise<void> {
    await this.vacancies.change(vacancy.id, change);
    const at = change.nextWaveAt;
    if (at) {
      const wave = (change.waveCount ?? vacancy.waveCount) + 1;
      this.uow.afterCommit(() => this.jobs.addSoon('wave', { municipalityId: vacancy.municipalityId, vacancyId: vacancy.id, wave }, { jobId: waveJobId(vacancy.id, wave, at), runAt: at }));
    }
  }

  /** What a person reads about a vacancy: unit, address, qualification and shifts. */
  async describe(vacancyId: string): Promise<VacancyDescription> {
    const description = await this.vacancies.describe(vacancyId);
    if (!description) throw notFound('The vacancy');
    return description;
  }

  describeMany(vacancyIds: string[]): Promise<Map<string, VacancyDescription>> {
    return this.vacancies.describeMany(vacancyIds);
  }

  dueForWave(now: Date, limit = 500) {
    return this.vacancies.dueForWave(now, limit);
  }

  private async views(vacancies: VacancyRecord[]): Promise<VacancyDto[]> {
    if (vacancies.length === 0) return [];
    const shifts = await this.vacancies.shifts(vacancies.map((v) => v.id));
    return vacancies.map((v) => toVacancyDto(v, shifts.get(v.id)!));
  }
}

function toVacancyDto(v: VacancyRecord, shifts: Period[]): VacancyDto {
  return {
    id: v.id,
    absenceId: v.absenceId,
    unitId: v.unitId,
    status: v.status,
    qualification: v.qualificationCode,
    shifts: [...shifts].sort((a, b) => a.start.getTime() - b.start.getTime()),
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    createdAt: v.createdAt,
  };
}

function toAbsenceDto(a: AbsenceRecord, vacancies: VacancyDto[]): AbsenceDto {
  return { id: a.id, unitId: a.unitId, reason: a.reason, qualification: a.qualificationCode, programmeId: a.programmeId, note: a.note, createdAt: a.createdAt, vacancies };
}
