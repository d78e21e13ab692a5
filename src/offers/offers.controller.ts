import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { AppError } from '../common/errors';
import { AnswerOffer } from './answer-offer.use-case';
import { AcceptedOfferDto, DeclinedOfferDto } from './dto/offer-answer.dto';
import { ScheduleConflict } from '../bookings/bookings.service';
import { workingTimeRefusal } from '../notifications/templates/working-time-texts';
import { OFFER_PAGE_CSP, offerPageStatus, OfferPageState, renderOfferPage } from './offer-page';

/**
 * Answers to offers. The token in the path is the credential (256 bits, not guessable), so these routes
 * keep the global per-client limit only: substitutes behind one mobile operator's NAT share addresses.
 */
@ApiTags('offers')
@Controller()
export class OffersController {
  constructor(private readonly answers: AnswerOffer) {}

  @Public()
  @Post('api/v1/offers/:token/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedOfferDto, description: 'Booked; a repeated accept answers the same booking.' })
  @ApiErrors(404, 409, 410)
  accept(@Param('token') token: string): Promise<AcceptedOfferDto> {
    return this.answers.accept(token);
  }

  @Public()
  @Post('api/v1/offers/:token/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: DeclinedOfferDto })
  @ApiErrors(404, 409, 410)
  decline(@Param('token') token: string): Promise<DeclinedOfferDto> {
    return this.answers.decline(token);
  }

  /** The offer page a substitute opens from the SMS or email. */
  @ApiExcludeEndpoint()
  @Public()
  @Get('o/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async page(@Param('token') token: string, @Res() res: Response) {
    this.send(res, await this.answers.pageState(token));
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
      if (answer === 'accept') await this.answers.accept(token);
      else await this.answers.decline(token);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const state = await this.answers.pageState(token);
      return this.send(res, error instanceof ScheduleConflict && state.kind === 'open' ? { kind: 'conflict', vacancy: state.vacancy, reason: workingTimeRefusal(error.rule, error.rules, 'du') } : state);
    }
    this.send(res, await this.answers.pageState(token));
  }

  private send(res: Response, state: OfferPageState): void {
    res.status(offerPageStatus(state)).setHeader('Content-Security-Policy', OFFER_PAGE_CSP).type('html').send(renderOfferPage(state));
  }
}
