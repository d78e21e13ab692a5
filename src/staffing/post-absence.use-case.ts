import { Injectable } from '@nestjs/common';
import { AbsencesService } from '../absences/absences.service';
import { AbsenceDto } from '../absences/dto/vacancy.dto';
import { expandSchedule, shiftProblems } from '../absences/expand-shifts';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { apiTime } from '../common/api-time.validator';
import { invalidField, validationFailed } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import type { Period } from '../database/tstzrange';
import { OrganisationService } from '../organisation/organisation.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { CreateAbsenceDto } from './dto/create-absence.dto';

/**
 * Posts an absence: its shifts (listed, or a weekly pattern in Swedish time) open one vacancy, or one per
 * shift with splitShifts; the absence, its vacancies and the work of matching each commit together.
 */
@Injectable()
export class PostAbsence {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly absences: AbsencesService,
    private readonly organisation: OrganisationService,
    private readonly qualifications: QualificationsService,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditLog,
  ) {}

  async run(actor: Actor, dto: CreateAbsenceDto): Promise<AbsenceDto> {
    const shifts = shiftsOf(dto);
    const split = dto.splitShifts === true;
    // Overlapping shifts are refused also when split: one absence is one person away once, and a split of
    // copies would multiply the offers sent (a vacancy each, a wave of SMS each).
    const problems = shiftProblems(shifts, new Date(), dto.schedule ? 'schedule' : 'shifts');
    if (problems.length > 0) {
      throw validationFailed(`Invalid shifts: ${problems.slice(0, 3).map((d) => `${d.field} ${d.problem}`).join('; ')}.`, problems);
    }
    if (!(await this.qualifications.get(dto.qualification))) {
      throw invalidField('qualification', `"${dto.qualification}" is not a known qualification (see GET /api/v1/qualifications)`);
    }
    const sorted = [...shifts].sort((a, b) => a.start.getTime() - b.start.getTime());
    // The checks read in the unit of work that writes: one transaction rather than one each.
    return this.uow.run(async () => {
      await this.organisation.unitForActor(actor, dto.unitId);
      if (dto.programmeId) await this.programmes.assertExists(actor.municipalityId, dto.programmeId);
      const absence = await this.absences.open({
        municipalityId: actor.municipalityId,
        unitId: dto.unitId,
        reason: dto.reason,
        qualificationCode: dto.qualification,
        programmeId: dto.programmeId ?? null,
        note: dto.note ?? null,
        createdBy: actor.id,
        vacancies: split ? sorted.map((s) => [s]) : [sorted],
      });
      await this.audit.record({
        municipalityId: actor.municipalityId,
        actor,
        action: 'absence_posted',
        entity: 'absence',
        entityId: absence.id,
        details: { unitId: dto.unitId, reason: dto.reason, qualification: dto.qualification, vacancyIds: absence.vacancies.map((v) => v.id) },
      });
      return absence;
    });
  }
}

function shiftsOf(dto: CreateAbsenceDto): Period[] {
  if (dto.shifts && dto.schedule) throw validationFailed('Give either shifts or schedule, not both.', [{ field: 'schedule', problem: 'cannot be combined with shifts' }]);
  if (dto.schedule) {
    const expansion = expandSchedule(dto.schedule);
    if (!expansion.ok) throw validationFailed(`Invalid schedule: ${expansion.details.map((d) => `${d.field} ${d.problem}`).join('; ')}.`, expansion.details);
    return expansion.shifts;
  }
  if (!dto.shifts) throw invalidField('shifts', 'are required: list the shifts to cover, or give a weekly schedule');
  return dto.shifts.map((s) => ({ start: apiTime(s.start), end: apiTime(s.end) }));
}
