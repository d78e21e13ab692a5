import { Body, Controller, Get, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../access/actor';
import { CurrentActor, OptionalActor, Public, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { ArrayBodyPipe } from '../common/array-body.pipe';
import { clientAddress } from '../common/client-address';
import { IdParam } from '../common/id-param';
import { RateLimiter } from '../redis/rate-limiter';
import { PeriodDto, PeriodViewDto } from '../common/period.dto';
import { CreateSubstituteDto } from './dto/create-substitute.dto';
import { ListSubstitutesQuery } from './dto/list-substitutes.query';
import { SignUpReceivedDto } from './dto/sign-up-received.dto';
import { SubstituteDto } from './dto/substitute.dto';
import { UpdateSubstituteDto } from './dto/update-substitute.dto';
import { SubstitutesService } from './substitutes.service';

/** Sign-ups from one address in an hour: generous, as a whole workplace may share one address. */
const SIGN_UPS_PER_ADDRESS_AN_HOUR = 30;

@ApiTags('substitutes')
@Controller('api/v1/substitutes')
export class SubstitutesController {
  constructor(
    private readonly substitutes: SubstitutesService,
    private readonly limits: RateLimiter,
  ) {}

  /**
   * Registration by an admin (201, or 409 for a phone or email already registered), or without a token the
   * public sign-up (with municipalityId): 202 for every valid sign-up, so that it tells no one who is registered.
   */
  @Public()
  @Post()
  @ApiCreatedResponse({ type: SubstituteDto, description: 'Registered by an admin.' })
  @ApiAcceptedResponse({ type: SignUpReceivedDto, description: 'A public sign-up, new or not.' })
  @ApiErrors(401, 403, 404, 409)
  async create(
    @OptionalActor() actor: Actor | undefined,
    @Body() dto: CreateSubstituteDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubstituteDto | SignUpReceivedDto> {
    if (actor) {
      res.status(201);
      return this.substitutes.create(actor, dto);
    }
    await this.limits.enforce({ key: `sign-up:${clientAddress(req.ip)}`, limit: SIGN_UPS_PER_ADDRESS_AN_HOUR, windowSeconds: 3600 });
    await this.substitutes.signUp(dto);
    res.status(202);
    return { status: 'received' };
  }

  /** The verification queue and the pool, for the staffing team. */
  @Roles('admin')
  @Get()
  @ApiOkResponse({ type: [SubstituteDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ListSubstitutesQuery): Promise<SubstituteDto[]> {
    return this.substitutes.list(actor, query);
  }

  @Roles('admin', 'substitute')
  @Get(':id')
  @ApiOkResponse({ type: SubstituteDto })
  @ApiErrors(404)
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<SubstituteDto> {
    return this.substitutes.get(actor, id);
  }

  /** Activate, pause or remove; verify qualifications and set their expiry. */
  @Roles('admin')
  @Patch(':id')
  @ApiOkResponse({ type: SubstituteDto })
  @ApiErrors(404)
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateSubstituteDto): Promise<SubstituteDto> {
    return this.substitutes.update(actor, id, dto);
  }

  /** Replaces the windows in which the substitute can work; overlapping or touching windows are merged. */
  @Roles('admin', 'substitute')
  @Put(':id/availability')
  @ApiBody({ type: [PeriodDto] })
  @ApiOkResponse({ type: [PeriodViewDto], description: 'The windows as stored, merged.' })
  @ApiErrors(404)
  replaceAvailability(@CurrentActor() actor: Actor, @IdParam() id: string, @Body(new ArrayBodyPipe(PeriodDto, 1000)) periods: PeriodDto[]): Promise<PeriodViewDto[]> {
    return this.substitutes.replaceAvailability(actor, id, periods);
  }
}
