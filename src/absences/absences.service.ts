import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../auth/actor';
import { apiTime } from '../common/api-time.validator';
import { invalidField, notFound, validationFailed } from '../common/errors';
import type { Period } from '../database/tstzrange';
import { OrganisationService } from '../organisation/organisation.service';
import { OutboxService } from '../outbox/outbox.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { JOBS } from '../queue/queues';
import { Absence } from './absence.entity';
import { CreateAbsenceDto } from './dto/create-absence.dto';
import { ListVacanciesQuery } from './dto/list-vacancies.query';
import { expandSchedule, shiftProblems } from './expand-shifts';
import { VacancyShift } from './vacancy-shift.entity';
import { Vacancy, VacancyStatus } from './vacancy.entity';

export interface VacancyView {
  id: string;
  absenceId: string;
  unitId: string;
  status: VacancyStatus;
  qualification: string;
  shifts: Period[];
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
}

export interface VacancyDescription {
  vacancyId: string;
  municipalityId: string;
  unitId: string;
  district: string;
  serviceArea: string;
  qualificationCode: string;
  unitName: string;
  unitAddress: string | null;
  qualificationName: string;
  shifts: Period[];
}

interface VacancyDescriptionRow {
  id: string;
  municipality_id: string;
  unit_id: string;
  status: VacancyStatus;
  starts_at: Date;
  unit_name: string;
  unit_address: string | null;
  district: string;
  service_area: string;
  qualification_code: string;
  qualification_name: string;
}

export interface AbsenceView {
  id: string;
  unitId: string;
  reason: Absence['reason'];
  qualification: string;
  programmeId: string | null;
  note: string | null;
  createdAt: Date;
  vacancies: VacancyView[];
}

@Injectable()
export class AbsencesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisation: OrganisationService,
    private readonly qualifications: QualificationsService,
    private readonly programmes: ProgrammesService,
    private readonly outbox: OutboxService,
  ) {}

  /** Stores the absence and opens its vacancies and their matching work in one transaction. */
  async create(actor: Actor, dto: CreateAbsenceDto): Promise<AbsenceView> {
    const shifts = this.shiftsOf(dto);
    const split = dto.splitShifts === true;
    const problems = shiftProblems(shifts, new Date(), dto.schedule ? 'schedule' : 'shifts', !split);
    if (problems.length > 0) {
      throw validationFailed(`Invalid shifts: ${problems.slice(0, 3).map((d) => `${d.field} ${d.problem}`).join('; ')}.`, problems);
    }
    await this.organisation.unitForActor(actor, dto.unitId);
    if (!(await this.qualifications.get(dto.qualification))) {
      throw invalidField('qualification', `"${dto.qualification}" is not a known qualification (see GET /api/v1/qualifications)`);
    }
    if (dto.programmeId) await this.programmes.assertExists(actor.municipalityId, dto.programmeId);

    const groups = split ? shifts.map((s) => [s]) : [shifts];
    const { view, rows } = await this.db.transaction(async (tx) => {
      const absence = await tx.getRepository(Absence).save({
        municipalityId: actor.municipalityId,
        unitId: dto.unitId,
        reason: dto.reason,
        qualificationCode: dto.qualification,
        programmeId: dto.programmeId ?? null,
        note: dto.note ?? null,
        createdBy: actor.id,
        cancelledAt: null,
      });
      const vacancies: VacancyView[] = [];
      for (const group of groups) {
        const sorted = [...group].sort((a, b) => a.start.getTime() - b.start.getTime());
        const vacancy = await tx.getRepository(Vacancy).save({
          municipalityId: actor.municipalityId,
          absenceId: absence.id,
          unitId: dto.unitId,
          qualificationCode: dto.qualification,
          status: 'open' as const,
          startsAt: sorted[0].start,
          endsAt: new Date(Math.max(...sorted.map((s) => s.end.getTime()))),
          waveCount: 0,
          nextWaveAt: null,
          filledAt: null,
        });
        await tx.getRepository(VacancyShift).insert(sorted.map((period) => ({ vacancyId: vacancy.id, municipalityId: actor.municipalityId, period })));
        vacancies.push(toVacancyView(vacancy, sorted));
      }
      const outboxRows = await this.outbox.write(
        tx,
        vacancies.map((v) => ({ municipalityId: actor.municipalityId, kind: JOBS.match, payload: { vacancyId: v.id } })),
      );
      vacancies.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      return { view: toAbsenceView(absence, vacancies), rows: outboxRows };
    });
    await this.outbox.publish(rows);
    return view;
  }

  async getAbsence(actor: Actor, id: string): Promise<AbsenceView> {
    const absence = await this.db.getRepository(Absence).findOneBy({ id, municipalityId: actor.municipalityId });
    if (!absence || !this.mayActOnUnit(actor, absence.unitId)) throw notFound('The absence');
    const vacancies = await this.db.getRepository(Vacancy).find({ where: { absenceId: id }, order: { startsAt: 'ASC' } });
    return toAbsenceView(absence, await this.views(this.db.manager, vacancies));
  }

  async listVacancies(actor: Actor, query: ListVacanciesQuery): Promise<VacancyView[]> {
    const unitIds = actor.role === 'admin' ? undefined : actor.unitIds;
    if (query.unitId && unitIds && !unitIds.includes(query.unitId)) return [];
    const vacancies = await this.db.getRepository(Vacancy).find({
      where: {
        municipalityId: actor.municipalityId,
        ...(query.unitId ? { unitId: query.unitId } : unitIds ? { unitId: In(unitIds) } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: 1000,
    });
    return this.views(this.db.manager, vacancies);
  }

  /** The vacancy if the actor may see it: an admin of its municipality or a manager of its unit. */
  async vacancyForActor(actor: Actor, id: string, manager: EntityManager = this.db.manager): Promise<Vacancy> {
    const vacancy = await manager.getRepository(Vacancy).findOneBy({ id, municipalityId: actor.municipalityId });
    if (!vacancy || !this.mayActOnUnit(actor, vacancy.unitId)) throw notFound('The vacancy');
    return vacancy;
  }

  async vacancyView(actor: Actor, id: string): Promise<VacancyView> {
    const vacancy = await this.vacancyForActor(actor, id);
    return (await this.views(this.db.manager, [vacancy]))[0];
  }

  async shiftsOfVacancy(vacancyId: string, manager: EntityManager = this.db.manager): Promise<Period[]> {
    const shifts = await manager.getRepository(VacancyShift).find({ where: { vacancyId } });
    return shifts.map((s) => s.period).sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  /** The absence if the actor may act on it, with its vacancies locked for a flow's transaction. */
  async lockAbsenceVacancies(tx: EntityManager, actor: Actor, absenceId: string): Promise<Vacancy[]> {
    const absence = await tx.getRepository(Absence).findOneBy({ id: absenceId, municipalityId: actor.municipalityId });
    if (!absence || !this.mayActOnUnit(actor, absence.unitId)) throw notFound('The absence');
    await tx.getRepository(Absence).update({ id: absenceId }, { cancelledAt: absence.cancelledAt ?? new Date() });
    return tx.getRepository(Vacancy).find({ where: { absenceId }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks the vacancy row for a flow's transaction; null if it does not exist. */
  lockVacancy(tx: EntityManager, id: string): Promise<Vacancy | null> {
    return tx.getRepository(Vacancy).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateVacancy(tx: EntityManager, id: string, patch: Partial<Pick<Vacancy, 'status' | 'waveCount' | 'nextWaveAt' | 'filledAt'>>): Promise<void> {
    await tx.getRepository(Vacancy).update({ id }, patch);
  }

  /** What a person reads about a vacancy: unit, address, qualification and shifts. */
  async describe(tx: EntityManager, vacancyId: string): Promise<VacancyDescription> {
    const rows: VacancyDescriptionRow[] = await tx.query(
      `SELECT v.id, v.municipality_id, v.unit_id, v.status, v.starts_at, u.name AS unit_name, u.address AS unit_address, u.district,
              u.service_area, q.code AS qualification_code, q.name AS qualification_name
         FROM vacancy v JOIN unit u ON u.id = v.unit_id JOIN qualification q ON q.code = v.qualification_code
        WHERE v.id = $1`,
      [vacancyId],
    );
    const row = rows[0];
    if (!row) throw notFound('The vacancy');
    return {
      vacancyId: row.id,
      municipalityId: row.municipality_id,
      unitId: row.unit_id,
      district: row.district,
      serviceArea: row.service_area,
      qualificationCode: row.qualification_code,
      unitName: row.unit_name,
      unitAddress: row.unit_address,
      qualificationName: row.qualification_name,
      shifts: await this.shiftsOfVacancy(vacancyId, tx),
    };
  }

  private mayActOnUnit(actor: Actor, unitId: string): boolean {
    return actor.role === 'admin' || (actor.role === 'manager' && actor.unitIds.includes(unitId));
  }

  private shiftsOf(dto: CreateAbsenceDto): Period[] {
    if (dto.shifts && dto.schedule) throw validationFailed('Give either shifts or schedule, not both.', [{ field: 'schedule', problem: 'cannot be combined with shifts' }]);
    if (dto.schedule) {
      const expansion = expandSchedule(dto.schedule);
      if (!expansion.ok) throw validationFailed(`Invalid schedule: ${expansion.details.map((d) => `${d.field} ${d.problem}`).join('; ')}.`, expansion.details);
      return expansion.shifts;
    }
    if (!dto.shifts) throw invalidField('shifts', 'are required: list the shifts to cover, or give a weekly schedule');
    return dto.shifts.map((s) => ({ start: apiTime(s.start), end: apiTime(s.end) }));
  }

  private async views(manager: EntityManager, vacancies: Vacancy[]): Promise<VacancyView[]> {
    if (vacancies.length === 0) return [];
    const shifts = await manager.getRepository(VacancyShift).find({ where: { vacancyId: In(vacancies.map((v) => v.id)) } });
    const byVacancy = new Map<string, Period[]>();
    for (const s of shifts) byVacancy.set(s.vacancyId, [...(byVacancy.get(s.vacancyId) ?? []), s.period]);
    return vacancies.map((v) => toVacancyView(v, (byVacancy.get(v.id) ?? []).sort((a, b) => a.start.getTime() - b.start.getTime())));
  }
}

function toVacancyView(v: Vacancy, shifts: Period[]): VacancyView {
  return {
    id: v.id,
    absenceId: v.absenceId,
    unitId: v.unitId,
    status: v.status,
    qualification: v.qualificationCode,
    shifts,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    createdAt: v.createdAt,
  };
}

function toAbsenceView(a: Absence, vacancies: VacancyView[]): AbsenceView {
  return {
    id: a.id,
    unitId: a.unitId,
    reason: a.reason,
    qualification: a.qualificationCode,
    programmeId: a.programmeId,
    note: a.note,
    createdAt: a.createdAt,
    vacancies,
  };
}
