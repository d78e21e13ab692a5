import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { SubstituteDto } from '../substitutes/dto/substitute.dto';
import { UpdateMeDto } from '../substitutes/dto/update-me.dto';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { AccountService } from './account.service';
import { MeDto } from './dto/me.dto';

@ApiTags('me')
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly account: AccountService,
    private readonly substitutes: SubstitutesService,
  ) {}

  /** The signed-in user; for a substitute also the profile, offers to answer, bookings and LAS days. */
  @Roles('admin', 'manager', 'substitute')
  @Get()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.account.me(actor);
  }

  /** A substitute changes their districts or contact details, or pauses offers and resumes them. */
  @Roles('substitute')
  @Patch()
  @ApiOkResponse({ type: SubstituteDto })
  @ApiErrors(404, 409)
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<SubstituteDto> {
    return this.substitutes.updateOwn(actor, dto);
  }
}
