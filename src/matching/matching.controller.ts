import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { UuidArrayBodyPipe } from '../common/array-body.pipe';
import { IdParam } from '../common/id-param';
import { MatchingSettingsDto } from './dto/matching-settings.dto';
import { UnitPreferencesDto } from './dto/unit-preferences.dto';
import { MatchingSettingsService } from './matching-settings.service';
import { PreferencesService } from './preferences.service';

@ApiTags('matching')
@Controller('api/v1')
export class MatchingController {
  constructor(
    private readonly preferences: PreferencesService,
    private readonly settings: MatchingSettingsService,
  ) {}

  @Roles('admin', 'manager')
  @Get('units/:id/preferences')
  @ApiOkResponse({ type: UnitPreferencesDto })
  @ApiErrors(404)
  preferencesOf(@CurrentActor() actor: Actor, @IdParam() unitId: string): Promise<UnitPreferencesDto> {
    return this.preferences.list(actor, unitId);
  }

  /** Replaces the unit's preferred substitutes: offered first. */
  @Roles('admin', 'manager')
  @ApiBody({ schema: { type: 'array', items: { type: 'string', format: 'uuid' } } })
  @Put('units/:id/preferred')
  @ApiOkResponse({ type: UnitPreferencesDto })
  @ApiErrors(404)
  preferred(@CurrentActor() actor: Actor, @IdParam() unitId: string, @Body(new UuidArrayBodyPipe(500)) ids: string[]): Promise<UnitPreferencesDto> {
    return this.preferences.replace(actor, unitId, 'preferred', ids);
  }

  /** Replaces the unit's blocked substitutes: never offered its vacancies. */
  @Roles('admin', 'manager')
  @ApiBody({ schema: { type: 'array', items: { type: 'string', format: 'uuid' } } })
  @Put('units/:id/blocked')
  @ApiOkResponse({ type: UnitPreferencesDto })
  @ApiErrors(404)
  blocked(@CurrentActor() actor: Actor, @IdParam() unitId: string, @Body(new UuidArrayBodyPipe(500)) ids: string[]): Promise<UnitPreferencesDto> {
    return this.preferences.replace(actor, unitId, 'blocked', ids);
  }

  /** Wave sizes and spacing by lead time, offer lifetime, quiet hours for non-urgent waves. */
  @Roles('admin')
  @Get('matching-settings')
  @ApiOkResponse({ type: MatchingSettingsDto })
  getSettings(@CurrentActor() actor: Actor): Promise<MatchingSettingsDto> {
    return this.settings.view(actor.municipalityId);
  }

  @Roles('admin')
  @Put('matching-settings')
  @ApiOkResponse({ type: MatchingSettingsDto })
  putSettings(@CurrentActor() actor: Actor, @Body() dto: MatchingSettingsDto): Promise<MatchingSettingsDto> {
    return this.settings.put(actor, dto);
  }
}
