import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AbsencesService } from '../absences/absences.service';
import { AbsenceDto } from '../absences/dto/vacancy.dto';
import type { Actor } from '../access/actor';
import { CurrentActor, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param';
import { CancelVacancy } from './cancel-vacancy.use-case';
import { CreateAbsenceDto } from './dto/create-absence.dto';
import { PostAbsence } from './post-absence.use-case';

@ApiTags('absences')
@Roles('admin', 'manager')
@Controller('api/v1/absences')
export class AbsencesController {
  constructor(
    private readonly postAbsence: PostAbsence,
    private readonly cancelVacancy: CancelVacancy,
    private readonly absences: AbsencesService,
  ) {}

  /** Posts an absence; its shifts open one vacancy (or one per shift with splitShifts) that matching fills. */
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: AbsenceDto })
  @ApiErrors(404)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAbsenceDto): Promise<AbsenceDto> {
    return this.postAbsence.run(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: AbsenceDto })
  @ApiErrors(404)
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<AbsenceDto> {
    return this.absences.getAbsence(actor, id);
  }

  /** Cancels every vacancy of the absence. */
  @Delete(':id')
  @ApiOkResponse({ type: AbsenceDto })
  @ApiErrors(404)
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<AbsenceDto> {
    return this.cancelVacancy.cancelAbsence(actor, id);
  }
}
