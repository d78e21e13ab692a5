import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { ArrayBodyPipe } from '../common/array-body.pipe';
import { IdParam } from '../common/id-param';
import { LasDaysDto, LasHistoryDayDto, LasQuery, LasWarningRowDto } from './dto/las.dto';
import { LasService, MAX_LAS_HISTORY_DAYS } from './las.service';

const COUNTING =
  'A day counts when the substitute started a shift of a confirmed booking on that local date (Swedish time): two shifts on one date ' +
  'count once, a night shift counts the date it starts. Days imported from the earlier system (PUT .../las/history) count the same way. ' +
  'Form: vikariat when the absence’s reason is sick, parental, study_leave or vacation; sava (special fixed-term employment) when it is other. ' +
  'For sava (LAS 5 a §, from 2022-10-01), a calendar month with three or more sava days also counts every day between its first and its last.';

const RULES =
  'Rules, with the municipality’s limits (PUT /api/v1/matching-settings; defaults in brackets): sava_conversion, more than ' +
  'lasSavaConversionDays [365] sava days within five years; vikariat_conversion, more than lasVikariatConversionDays [731] vikariat days ' +
  'within five years; preferential_rehire, more than lasRehireDays [365] days of either form within three years, or more than ' +
  'lasRehireSavaDays [274] sava days within three years. The years end on asOf (the window starts the day after the same date five or ' +
  'three years earlier). remaining = limitDays − days: 0 means the next day passes the limit, below 0 it is passed. preferential_rehire ' +
  'has two thresholds, one for each of its limits (either form first, then sava alone). A warning is given for each threshold with fewer ' +
  'than lasWarningDays [30] remaining, a passed limit included.';

@ApiTags('LAS')
@Controller('api/v1/substitutes')
export class LasController {
  constructor(private readonly las: LasService) {}

  /**
   * Before GET :id/las, and registered before SubstitutesController (see AppModule), so that "las-warnings"
   * is not taken for a substitute's id.
   */
  @Roles('admin')
  @Get('las-warnings')
  @ApiOperation({
    summary: 'Substitutes near a LAS limit',
    description: `Active and paused substitutes of the municipality with fewer than lasWarningDays remaining to a limit as of asOf (a passed limit included): one row per threshold, nearest first. ${RULES}`,
  })
  @ApiOkResponse({ type: [LasWarningRowDto] })
  warnings(@CurrentActor() actor: Actor, @Query() query: LasQuery): Promise<LasWarningRowDto[]> {
    return this.las.warningList(actor, query.asOf);
  }

  @Roles('admin', 'substitute')
  @Get(':id/las')
  @ApiOperation({ summary: 'A substitute’s LAS days, thresholds and warnings', description: `For an admin, or the substitute themself. ${COUNTING} ${RULES}` })
  @ApiOkResponse({ type: LasDaysDto })
  @ApiErrors(404)
  async days(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() query: LasQuery): Promise<LasDaysDto> {
    const { asOf, vikariatDays5y, savaDays5y, days3y, thresholds, warnings } = await this.las.days(actor, id, query.asOf);
    return { asOf, vikariatDays5y, savaDays5y, days3y, thresholds, warnings };
  }

  @Roles('admin')
  @Put(':id/las/history')
  @ApiOperation({
    summary: 'Import employment days from the earlier system',
    description:
      `Replaces the substitute’s imported days with these (an empty array removes them); they count like booked days. Duplicates collapse; ` +
      `a date must be a real one, in the years 2000 to 2099 and not after today; at most ${MAX_LAS_HISTORY_DAYS} entries. Audited as las_history_imported.`,
  })
  @ApiBody({ type: [LasHistoryDayDto] })
  @ApiOkResponse({ type: [LasHistoryDayDto], description: 'The imported days as stored, in date order.' })
  @ApiErrors(404)
  replaceHistory(@CurrentActor() actor: Actor, @IdParam() id: string, @Body(new ArrayBodyPipe(LasHistoryDayDto, MAX_LAS_HISTORY_DAYS)) days: LasHistoryDayDto[]): Promise<LasHistoryDayDto[]> {
    return this.las.replaceHistory(actor, id, days);
  }
}
