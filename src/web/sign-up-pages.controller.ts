import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate, isUUID } from 'class-validator';
import type { Request, Response } from 'express';
import { Public } from '../access/access.decorators';
import { clientAddress } from '../common/client-address';
import { AppError, ErrorCode } from '../common/errors';
import { OrganisationService } from '../organisation/organisation.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { RateLimiter } from '../redis/rate-limiter';
import { CreateSubstituteDto } from '../substitutes/dto/create-substitute.dto';
import { normalisePhone } from '../substitutes/phone';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { FieldErrors, inFormOrder, listOf, textOf } from './forms';
import { PageErrorsFilter } from './page-errors.filter';
import { sendPage } from './page-response';
import { CsrfToken, PageGuard, RedirectTo } from './page-session';
import { chooseMunicipalityPage, EMPTY_SIGN_UP, PRIVACY_PATH, privacyPage, SIGN_UP_ERRORS, SIGN_UP_PATH, signUpDonePage, signUpPage, SignUpValues } from './pages/sign-up.page';


/** The public sign-up, "Anmäl ditt intresse": the page of POST /api/v1/substitutes. */
@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorsFilter)
@Controller()
export class SignUpPagesController {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly qualifications: QualificationsService,
    private readonly substitutes: SubstitutesService,
    private readonly limits: RateLimiter,
  ) {}

  @Get(SIGN_UP_PATH.slice(1))
  async form(@Query('kommun') kommun: unknown, @CsrfToken() csrf: string, @Res() res: Response) {
    const municipality = typeof kommun === 'string' && isUUID(kommun) ? await this.organisation.municipality(kommun) : null;
    if (!municipality) return sendPage(res, chooseMunicipalityPage(await this.organisation.listMunicipalities()), kommun === undefined ? 200 : 404);
    sendPage(res, await this.page(municipality, EMPTY_SIGN_UP, {}, csrf));
  }

  @Post(SIGN_UP_PATH.slice(1))
  async submit(@Body() body: Record<string, unknown>, @Req() req: Request, @CsrfToken() csrf: string, @Res() res: Response) {
    const municipalityId = textOf(body.municipalityId);
    const municipality = isUUID(municipalityId) ? await this.organisation.municipality(municipalityId) : null;
    if (!municipality) throw new RedirectTo(SIGN_UP_PATH);
    const values: SignUpValues = {
      firstName: textOf(body.firstName),
      lastName: textOf(body.lastName),
      email: textOf(body.email),
      phone: textOf(body.phone),
      qualifications: listOf(body.qualifications),
      districts: listOf(body.districts),
      consent: body.consent === 'true',
    };
    const dto = plainToInstance(CreateSubstituteDto, { ...values, municipalityId });
    const errors: FieldErrors = {};
    for (const error of await validate(dto)) errors[error.property] = SIGN_UP_ERRORS[error.property] ?? 'Kontrollera det här fältet.';
    if (!normalisePhone(values.phone)) errors.phone = SIGN_UP_ERRORS.phone;
    if (!values.consent) errors.consent = SIGN_UP_ERRORS.consent;
    const districts = await this.organisation.districts(municipality.id);
    if (values.districts.some((d) => !districts.includes(d))) errors.districts = SIGN_UP_ERRORS.districts;
    if (Object.keys(errors).length === 0) {
      try {
        await this.limits.enforce({ key: `sign-up:${clientAddress(req.ip)}`, limit: 30, windowSeconds: 3600 });
        await this.substitutes.signUp(dto);
        throw new RedirectTo(`${SIGN_UP_PATH}/tack?kommun=${municipality.id}`);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== ErrorCode.VALIDATION_FAILED) throw error;
        for (const detail of error.details) errors[detail.field] = SIGN_UP_ERRORS[detail.field] ?? 'Kontrollera det här fältet.';
      }
    }
    sendPage(res, await this.page(municipality, values, inFormOrder(errors, SIGN_UP_ERRORS), csrf), 400);
  }

  @Get(`${SIGN_UP_PATH.slice(1)}/tack`)
  async done(@Query('kommun') kommun: unknown, @Res() res: Response) {
    const municipality = typeof kommun === 'string' && isUUID(kommun) ? await this.organisation.municipality(kommun) : null;
    sendPage(res, signUpDonePage(municipality?.name ?? 'kommunen'));
  }

  @Get(PRIVACY_PATH.slice(1))
  privacy(@Res() res: Response) {
    sendPage(res, privacyPage());
  }

  private async page(municipality: { id: string; name: string }, values: SignUpValues, errors: FieldErrors, csrf: string): Promise<string> {
    const [qualifications, districts] = await Promise.all([this.qualifications.list(), this.organisation.districts(municipality.id)]);
    return signUpPage({ municipality, qualifications, districts, values, errors, csrf });
  }
}
