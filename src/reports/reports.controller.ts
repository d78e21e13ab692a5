import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../access/access.decorators';
import type { Actor } from '../access/actor';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param';
import { FillRateQuery, FillRateRowDto } from './dto/fill-rate.dto';
import { PayrollQuery } from './dto/payroll.query';
import { ProgrammeReportDto } from './dto/programme-report.dto';
import { PAYROLL_HEADER } from './payroll-csv';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * How the programme's vacancies (those whose absence names it; cancelled ones left out) were filled: counts,
   * fill rate (0 when there are no vacancies), median minutes from a vacancy's creation to its booking (null when
   * none is filled), booked hours and their cost at each service area's hourly cost, in all and by service area.
   */
  @Roles('admin')
  @Get('programmes/:id/report')
  @ApiOkResponse({ type: ProgrammeReportDto })
  @ApiErrors(404)
  programme(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ProgrammeReportDto> {
    return this.reports.programme(actor, id);
  }

  /**
   * Fill rates of the vacancies whose first shift starts on a Swedish local date from `from` to `to`, grouped;
   * cancelled vacancies are left out. An admin sees the whole municipality, a manager their own units. Only
   * groups that have vacancies get a row. fillRate is filled / vacancies, 0 when there are none.
   */
  @Roles('admin', 'manager')
  @Get('reports/fill-rate')
  @ApiOkResponse({ type: [FillRateRowDto] })
  fillRate(@CurrentActor() actor: Actor, @Query() query: FillRateQuery): Promise<FillRateRowDto[]> {
    return this.reports.fillRate(actor, query);
  }

  /**
   * The month's booked shifts of confirmed bookings, one row each, as a file Swedish Excel opens as it is: UTF-8
   * with a byte-order mark, `;` between fields, decimal commas, CRLF, quotes where a field needs them. A shift
   * belongs to the month it starts in (Swedish time); an erased substitute appears by id only.
   */
  @Roles('admin')
  @Get('reports/payroll')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    description: `CSV with the header row ${PAYROLL_HEADER.join(';')}. Datum is the local date the shift starts, Start and Slut local HH:MM, Timmar elapsed hours with a decimal comma (7,5).`,
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async payroll(@CurrentActor() actor: Actor, @Query() query: PayrollQuery): Promise<StreamableFile> {
    const csv = await this.reports.payroll(actor, query.month);
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="lon-${query.month}.csv"` });
  }
}
