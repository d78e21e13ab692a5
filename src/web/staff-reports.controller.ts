import { Controller, Get, Param, ParseUUIDPipe, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import type { Response } from 'express';
import { Public } from '../access/access.decorators';
import type { WebSession } from '../auth/web-sessions.service';
import { LOCAL_ZONE } from '../common/time';
import { ProgrammesService } from '../programmes/programmes.service';
import { FillRateQuery } from '../reports/dto/fill-rate.dto';
import { FILL_RATE_GROUPINGS, FillRateGrouping } from '../reports/fill-rate';
import { isMonth, periodProblems } from '../reports/report-period';
import { ReportsService } from '../reports/reports.service';
import { FieldErrors, textOf } from './forms';
import { PageErrorsFilter } from './page-errors.filter';
import { sendPage } from './page-response';
import { PageGuard, PageSession, SignedInPages } from './page-session';
import { STAFF_PAGES as P } from './pages/staff-parts';
import { programmeReportPage, REPORT_ERRORS, reportsPage } from './pages/staff-reports.page';

/** The staffing team's follow-up: programme reports, fill rates with charts, and the payroll file. */
@ApiExcludeController()
@Public()
@SignedInPages(['admin'], P.signIn)
@UseGuards(PageGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class StaffReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly programmes: ProgrammesService,
  ) {}

  @Get(P.reports.slice(1))
  async overview(@PageSession() s: WebSession, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const today = DateTime.now().setZone(LOCAL_ZONE);
    const asked = 'from' in query || 'to' in query || 'groupBy' in query;
    const from = asked ? textOf(query.from).trim() : today.minus({ days: 29 }).toISODate()!;
    const to = asked ? textOf(query.to).trim() : today.toISODate()!;
    const groupBy = textOf(query.groupBy) || 'leadTime';
    const errors: FieldErrors = {};
    for (const problem of periodProblems(from, to)) errors[problem.field === 'to' ? 'to' : 'from'] = REPORT_ERRORS[problem.field === 'to' ? 'to' : 'from'];
    if (!(FILL_RATE_GROUPINGS as readonly string[]).includes(groupBy)) errors.groupBy = REPORT_ERRORS.groupBy;
    const rows = Object.keys(errors).length === 0 ? await this.reports.fillRate(s.actor, Object.assign(new FillRateQuery(), { from, to, groupBy: groupBy as FillRateGrouping })) : null;
    const page = reportsPage({
      viewer: { role: s.actor.role, csrf: s.csrfToken },
      programmes: await this.programmes.list(s.actor),
      fillRate: { from, to, groupBy, errors, rows },
      month: today.minus({ months: 1 }).toFormat('yyyy-MM'),
    });
    sendPage(res, page, Object.keys(errors).length > 0 ? 400 : 200);
  }

  @Get(`${P.reports.slice(1)}/program/:id`)
  async programme(@PageSession() s: WebSession, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    const report = await this.reports.programme(s.actor, id);
    const { name } = await this.programmes.get(s.actor.municipalityId, id);
    sendPage(res, programmeReportPage({ viewer: { role: s.actor.role, csrf: s.csrfToken }, name, report }));
  }

  /** The payroll file, as the API gives it; a month that is not one comes back to the form with its error. */
  @Get(P.payroll.slice(1))
  async payroll(@PageSession() s: WebSession, @Query('month') month: unknown, @Res() res: Response) {
    if (!isMonth(month)) {
      const today = DateTime.now().setZone(LOCAL_ZONE);
      const page = reportsPage({
        viewer: { role: s.actor.role, csrf: s.csrfToken },
        programmes: await this.programmes.list(s.actor),
        fillRate: { from: today.minus({ days: 29 }).toISODate()!, to: today.toISODate()!, groupBy: 'leadTime', errors: {}, rows: null },
        month: textOf(month),
        monthError: REPORT_ERRORS.month,
      });
      return sendPage(res, page, 400);
    }
    const csv = await this.reports.payroll(s.actor, month);
    res
      .status(200)
      .setHeader('Content-Type', 'text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="lon-${month}.csv"`)
      .setHeader('Cache-Control', 'no-store')
      .send(Buffer.from(csv, 'utf8'));
  }
}
