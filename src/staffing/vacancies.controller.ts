import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AbsencesService } from '../absences/absences.service';
import { ListVacanciesQuery } from '../absences/dto/list-vacancies.query';
import { VacancyDto } from '../absences/dto/vacancy.dto';
import type { Actor } from '../access/actor';
import { CurrentActor, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param';
import { AcceptedOfferDto } from '../offers/dto/offer-answer.dto';
import { BookVacancy } from './book-vacancy.use-case';
import { CancelVacancy } from './cancel-vacancy.use-case';
import { BookSubstituteDto } from './dto/book-substitute.dto';
import { OpenVacancyDto } from './dto/open-vacancy.dto';
import { VacancyDetailsDto } from './dto/vacancy-details.dto';
import { VacancyDetails } from './vacancy-details';

@ApiTags('vacancies')
@Controller('api/v1/vacancies')
export class VacanciesController {
  constructor(
    private readonly absences: AbsencesService,
    private readonly details: VacancyDetails,
    private readonly cancelVacancy: CancelVacancy,
    private readonly bookVacancy: BookVacancy,
  ) {}

  /** The open vacancies the signed-in substitute could be booked on now (qualified, available, rested, not blocked), soonest first. */
  @Roles('substitute')
  @Get('open')
  @ApiOkResponse({ type: [OpenVacancyDto] })
  open(@CurrentActor() actor: Actor): Promise<OpenVacancyDto[]> {
    return this.bookVacancy.openFor(actor);
  }

  /** The signed-in substitute takes the vacancy: booked through the same checks as an accepted offer. */
  @Roles('substitute')
  @Post(':id/take')
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedOfferDto })
  @ApiErrors(404, 409, 410)
  take(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<AcceptedOfferDto> {
    return this.bookVacancy.take(actor, id);
  }

  /**
   * Staff book a substitute by hand, through the same checks as an accepted offer; the substitute is told
   * by SMS and email. 409 NOT_ELIGIBLE without a valid qualification or when the unit has blocked them.
   */
  @Roles('admin', 'manager')
  @Post(':id/book')
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedOfferDto })
  @ApiErrors(400, 404, 409, 410)
  book(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: BookSubstituteDto): Promise<AcceptedOfferDto> {
    return this.bookVacancy.bookByHand(actor, id, body.substituteId);
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
