import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { CreateUnitDto } from './dto/create-unit.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisation')
@Controller('api/v1')
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  /** The municipalities, so that a sign-up form can name one. */
  @Public()
  @Get('municipalities')
  listMunicipalities() {
    return this.organisation.listMunicipalities();
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('units')
  @HttpCode(201)
  createUnit(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto) {
    return this.organisation.createUnit(actor, dto);
  }

  /** All units for an admin; own units for a manager. */
  @ApiBearerAuth()
  @Roles('admin', 'manager')
  @Get('units')
  listUnits(@CurrentActor() actor: Actor) {
    return this.organisation.listUnits(actor);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('users')
  @HttpCode(201)
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.organisation.createUser(actor, dto);
  }
}
