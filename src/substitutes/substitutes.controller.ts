import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, OptionalActor, Public, Roles } from '../auth/auth.decorators';
import { ArrayBodyPipe } from '../common/array-body.pipe';
import { IdParam } from '../common/id-param';
import { PeriodDto } from '../common/period.dto';
import { CreateSubstituteDto } from './dto/create-substitute.dto';
import { ListSubstitutesQuery } from './dto/list-substitutes.query';
import { UpdateSubstituteDto } from './dto/update-substitute.dto';
import { SubstitutesService } from './substitutes.service';

@ApiTags('substitutes')
@Controller('api/v1/substitutes')
export class SubstitutesController {
  constructor(private readonly substitutes: SubstitutesService) {}

  /** Public sign-up (with municipalityId), or registration by an admin. Creates a pending substitute. */
  @Public()
  @Post()
  @HttpCode(201)
  create(@OptionalActor() actor: Actor | undefined, @Body() dto: CreateSubstituteDto) {
    return this.substitutes.create(actor, dto);
  }

  /** The verification queue and the pool, for the staffing team. */
  @ApiBearerAuth()
  @Roles('admin')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListSubstitutesQuery) {
    return this.substitutes.list(actor, query);
  }

  @ApiBearerAuth()
  @Roles('admin', 'substitute')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.substitutes.get(actor, id);
  }

  /** Activate, pause or remove; verify qualifications and set their expiry. */
  @ApiBearerAuth()
  @Roles('admin')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateSubstituteDto) {
    return this.substitutes.update(actor, id, dto);
  }

  /** Replaces the windows in which the substitute can work; overlapping or touching windows are merged. */
  @ApiBearerAuth()
  @ApiBody({ type: [PeriodDto] })
  @Roles('admin', 'substitute')
  @Put(':id/availability')
  replaceAvailability(@CurrentActor() actor: Actor, @IdParam() id: string, @Body(new ArrayBodyPipe(PeriodDto, 1000)) periods: PeriodDto[]) {
    return this.substitutes.replaceAvailability(actor, id, periods);
  }
}
