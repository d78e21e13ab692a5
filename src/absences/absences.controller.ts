import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdParam } from '../common/id-param';
import { AbsencesService } from './absences.service';
import { CreateAbsenceDto } from './dto/create-absence.dto';
import { ListVacanciesQuery } from './dto/list-vacancies.query';

@ApiTags('absences')
@ApiBearerAuth()
@Roles('admin', 'manager')
@Controller('api/v1')
export class AbsencesController {
  constructor(private readonly absences: AbsencesService) {}

  /** Posts an absence; its shifts open one vacancy (or one per shift with splitShifts) that matching fills. */
  @Post('absences')
  @HttpCode(201)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAbsenceDto) {
    return this.absences.create(actor, dto);
  }

  @Get('absences/:id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.absences.getAbsence(actor, id);
  }

  @Get('vacancies')
  list(@CurrentActor() actor: Actor, @Query() query: ListVacanciesQuery) {
    return this.absences.listVacancies(actor, query);
  }
}
