import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, Public, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { CreateUnitDto } from './dto/create-unit.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { StaffUserDto } from './dto/staff-user.dto';
import { MunicipalityDto, UnitDto } from './dto/unit.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisation')
@Controller('api/v1')
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  /** The municipalities, so that a sign-up form can name one. */
  @Public()
  @Get('municipalities')
  @ApiOkResponse({ type: [MunicipalityDto] })
  listMunicipalities(): Promise<MunicipalityDto[]> {
    return this.organisation.listMunicipalities();
  }

  @Roles('admin')
  @Post('units')
  @HttpCode(201)
  @ApiCreatedResponse({ type: UnitDto })
  createUnit(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<UnitDto> {
    return this.organisation.createUnit(actor, dto);
  }

  /** All units for an admin; own units for a manager. */
  @Roles('admin', 'manager')
  @Get('units')
  @ApiOkResponse({ type: [UnitDto] })
  listUnits(@CurrentActor() actor: Actor): Promise<UnitDto[]> {
    return this.organisation.listUnits(actor);
  }

  @Roles('admin')
  @Post('users')
  @HttpCode(201)
  @ApiCreatedResponse({ type: StaffUserDto })
  @ApiErrors(404, 409)
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<StaffUserDto> {
    return this.organisation.createUser(actor, dto);
  }
}
