import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AbsencesService } from '../absences/absences.service';
import { ListVacanciesQuery } from '../absences/dto/list-vacancies.query';
import { VacancyDto } from '../absences/dto/vacancy.dto';
import type { Actor } from '../access/actor';
import { CurrentActor, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param';
import { AcceptedOfferDto } from '../offers/dto/offer-answer.dto';
import { CancelVacancy } from './cancel-vacancy.use-case';
import { OpenVacancyDto } from './dto/open-vacancy.dto';
import { TakeVacancy } from './take-vacancy.use-case';
import { VacancyDetailsDto } from './dto/vacancy-details.dto';
import { VacancyDetails } from './vacancy-details';

@ApiTags('vacancies')
@Controller('api/v1/vacancies')
export class VacanciesController {
  constructor(
    private readonly absences: AbsencesService,
    private readonly details: VacancyDetails,
    private readonly cancelVacancy: CancelVacancy,
    private readonly takeVacancy: TakeVacancy,
  ) {}

  /** The open vacancies the signed-in substitute could be booked on now (qualified, available, rested, not blocked), soonest first. */
  @Roles('substitute')
  @Get('open')
  @ApiOkResponse({ type: [OpenVacancyDto] })
  open(@CurrentActor() actor: Actor): Promise<OpenVacancyDto[]> {
    return this.takeVacancy.openFor(actor);
  }

  /** The signed-in substitute takes the vacancy: booked through the same checks as an accepted offer. */
  @Roles('substitute')
  @Post(':id/take')
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedOfferDto })
  @ApiErrors(404, 409, 410)
  take(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<AcceptedOfferDto> {
    return this.takeVacancy.take(actor, id);
  }

  /** Vacancies of own units (a manager) or of every unit (an admin), soonest first. */
  @Roles('admin', 'manager')
  @Get()
  @ApiOkResponse({ type: [VacancyDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ListVacanciesQuery): Promise<VacancyDto[]> {
    return this.absences.listVacancies(actor, query);
  }

  /** Status, booked substitute and every offer with its wave and status. */
  @Roles('admin', 'manager')
  @Get(':id')
  @ApiOkResponse({ type: VacancyDetailsDto })
  @ApiErrors(404)
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<VacancyDetailsDto> {
    return this.details.get(actor, id);
  }

  /** Cancels the vacancy: pending offers withdrawn, its booking cancelled, the booked substitute told. */
  @Roles('admin', 'manager')
  @Delete(':id')
  @ApiOkResponse({ type: VacancyDetailsDto })
  @ApiErrors(404)
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<VacancyDetailsDto> {
    return this.cancelVacancy.cancelVacancy(actor, id);
  }
}
