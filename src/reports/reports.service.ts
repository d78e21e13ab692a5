import { Injectable } from '@nestjs/common';
import { visibleUnits } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { validationFailed } from '../common/errors';
import { ProgrammesService } from '../programmes/programmes.service';
import type { FillRateQuery, FillRateRowDto } from './dto/fill-rate.dto';
import type { ProgrammeReportDto } from './dto/programme-report.dto';
import { fillRateRows } from './fill-rate';
import { payrollCsv } from './payroll-csv';
import { programmeReport } from './programme-report';
import { localDates, localMonth, periodProblems } from './report-period';
import { ReportsRepository } from './reports.repository';
import { AuditLog } from '../audit/audit-log.service';

/** Reports for the staffing team and the programme's owners; read only. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditLog,
  ) {}

  /** How a programme's vacancies were filled and what the booked hours cost; 404 unless the programme is the admin's municipality's. */
  async programme(actor: Actor, programmeId: string): Promise<ProgrammeReportDto> {
    const programme = await this.programmes.get(actor.municipalityId, programmeId);
    return programmeReport(programme, await this.repository.ofProgramme(actor.municipalityId, programmeId));
  }

  /** Fill rates of the vacancies whose first shift starts in the period: every unit for an admin, own units for a manager. */
  async fillRate(actor: Actor, query: FillRateQuery): Promise<FillRateRowDto[]> {
    const problems = periodProblems(query.from, query.to);
    if (problems.length > 0) throw validationFailed(`Invalid request: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}.`, problems);
    const facts = await this.repository.startingWithin(actor.municipalityId, localDates(query.from, query.to), visibleUnits(actor));
    return fillRateRows(facts, query.groupBy);
  }

  /** The payroll file of a month (YYYY-MM, already validated): one row per booked shift starting in it. */
  async payroll(actor: Actor, month: string): Promise<string> {
    // The file names people and their hours: who took it, and when, is kept.
    await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'payroll_exported', entity: 'municipality', entityId: actor.municipalityId, details: { month } });
    return payrollCsv(await this.repository.payrollShifts(actor.municipalityId, localMonth(month)));
  }
}
