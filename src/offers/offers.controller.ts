import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { AppError } from '../common/errors';
import { IdParam } from '../common/id-param';
import { OFFER_PAGE_CSP, offerPageStatus, OfferPageState, renderOfferPage } from './offer-page';
import { OffersService } from './offers.service';
import { VacancyLifecycleService } from './vacancy-lifecycle.service';

/**
 * Answers to offers. The token in the path is the credential (256 bits, not guessable), so these routes
 * keep the global per-client limit only: substitutes behind one mobile operator's NAT share addresses.
 */
@ApiTags('offers')
@Controller()
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Public()
  @Post('api/v1/offers/:token/accept')
  @HttpCode(200)
  accept(@Param('token') token: string) {
    return this.offers.accept(token);
  }

  @Public()
  @Post('api/v1/offers/:token/decline')
  @HttpCode(200)
  decline(@Param('token') token: string) {
    return this.offers.decline(token);
  }

  /** The offer page a substitute opens from the SMS or email. */
  @ApiExcludeEndpoint()
  @Public()
  @Get('o/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async page(@Param('token') token: string, @Res() res: Response) {
    this.send(res, await this.offers.pageState(token));
  }

  /** The page's forms post here: plain HTML, no script needed. */
  @ApiExcludeEndpoint()
  @Public()
  @Post('o/:token/:answer')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async answer(@Param('token') token: string, @Param('answer') answer: string, @Res() res: Response, @Body() _form: unknown) {
    if (answer !== 'accept' && answer !== 'decline') return this.send(res, { kind: 'not_found' });
    try {
      if (answer === 'accept') await this.offers.accept(token);
      else await this.offers.decline(token);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const state = await this.offers.pageState(token);
      return this.send(res, error.code === 'SCHEDULE_CONFLICT' && state.kind === 'open' ? { kind: 'conflict', vacancy: state.vacancy } : state);
    }
    this.send(res, await this.offers.pageState(token));
  }

  private send(res: Response, state: OfferPageState): void {
    res.status(offerPageStatus(state)).setHeader('Content-Security-Policy', OFFER_PAGE_CSP).type('html').send(renderOfferPage(state));
  }
}

@ApiTags('vacancies')
@ApiBearerAuth()
@Roles('admin', 'manager')
@Controller('api/v1')
export class VacanciesController {
  constructor(private readonly lifecycle: VacancyLifecycleService) {}

  /** Status, booked substitute and every offer with its wave and status. */
  @Get('vacancies/:id')
  details(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.lifecycle.details(actor, id);
  }

  /** Cancels the vacancy: pending offers withdrawn, its booking cancelled, the booked substitute told. */
  @Delete('vacancies/:id')
  cancelVacancy(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.lifecycle.cancelVacancy(actor, id);
  }

  /** Cancels every vacancy of the absence. */
  @Delete('absences/:id')
  cancelAbsence(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.lifecycle.cancelAbsence(actor, id);
  }
}
