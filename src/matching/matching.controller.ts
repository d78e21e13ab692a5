import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { UuidArrayBodyPipe } from '../common/array-body.pipe';
import { validationFailed } from '../common/errors';
import { IdParam } from '../common/id-param';
import { MatchingSettingsDto } from './dto/matching-settings.dto';
import { MatchingSettingsService } from './matching-settings.service';
import { PreferencesService } from './preferences.service';

@ApiTags('matching')
@ApiBearerAuth()
@Controller('api/v1')
export class MatchingController {
  constructor(
    private readonly preferences: PreferencesService,
    private readonly settings: MatchingSettingsService,
  ) {}

  @Roles('admin', 'manager')
  @Get('units/:id/preferences')
  preferencesOf(@CurrentActor() actor: Actor, @IdParam() unitId: string) {
    return this.preferences.list(actor, unitId);
  }

  /** Replaces the unit's preferred substitutes: offered first. */
  @Roles('admin', 'manager')
  @ApiBody({ schema: { type: 'array', items: { type: 'string', format: 'uuid' } } })
  @Put('units/:id/preferred')
  preferred(@CurrentActor() actor: Actor, @IdParam() unitId: string, @Body(new UuidArrayBodyPipe(500)) ids: string[]) {
    return this.preferences.replace(actor, unitId, 'preferred', ids);
  }

  /** Replaces the unit's blocked substitutes: never offered its vacancies. */
  @Roles('admin', 'manager')
  @ApiBody({ schema: { type: 'array', items: { type: 'string', format: 'uuid' } } })
  @Put('units/:id/blocked')
  blocked(@CurrentActor() actor: Actor, @IdParam() unitId: string, @Body(new UuidArrayBodyPipe(500)) ids: string[]) {
    return this.preferences.replace(actor, unitId, 'blocked', ids);
  }

  /** Wave sizes and spacing by lead time, offer lifetime, quiet hours for non-urgent waves. */
  @Roles('admin')
  @Get('matching-settings')
  getSettings(@CurrentActor() actor: Actor) {
    return this.settings.get(actor.municipalityId);
  }

  @Roles('admin')
  @Put('matching-settings')
  putSettings(@CurrentActor() actor: Actor, @Body() dto: MatchingSettingsDto) {
    const bands = [...dto.bands].sort((a, b) => a.maxLeadMinutes - b.maxLeadMinutes);
    if (new Set(bands.map((b) => b.maxLeadMinutes)).size !== bands.length) {
      throw validationFailed('Two bands have the same maxLeadMinutes.', [{ field: 'bands', problem: 'must have distinct maxLeadMinutes' }]);
    }
    return this.settings.put(actor.municipalityId, { bands: bands.map((b) => ({ ...b })), quietHours: { ...dto.quietHours }, urgentWithinMinutes: dto.urgentWithinMinutes });
  }
}
