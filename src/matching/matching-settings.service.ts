import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { validationFailed } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { MatchingSettingsRepository } from './matching-settings.repository';
import { DEFAULT_MATCHING_SETTINGS, MatchingSettings } from './wave-plan';

@Injectable()
export class MatchingSettingsService {
  constructor(
    private readonly repository: MatchingSettingsRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditLog,
  ) {}

  async get(municipalityId: string): Promise<MatchingSettings> {
    return (await this.repository.find(municipalityId)) ?? DEFAULT_MATCHING_SETTINGS;
  }

  /** Saves the settings, bands in lead-time order; two bands for one lead time are refused. */
  async put(actor: Actor, input: MatchingSettings): Promise<MatchingSettings> {
    const bands = [...input.bands].sort((a, b) => a.maxLeadMinutes - b.maxLeadMinutes).map((b) => ({ ...b }));
    if (new Set(bands.map((b) => b.maxLeadMinutes)).size !== bands.length) {
      throw validationFailed('Two bands have the same maxLeadMinutes.', [{ field: 'bands', problem: 'must have distinct maxLeadMinutes' }]);
    }
    const settings: MatchingSettings = { bands, quietHours: { ...input.quietHours }, urgentWithinMinutes: input.urgentWithinMinutes };
    const municipalityId = actor.municipalityId;
    await this.uow.run(async () => {
      await this.repository.save(municipalityId, settings);
      await this.audit.record({ municipalityId, actor, action: 'matching_settings_changed', entity: 'municipality', entityId: municipalityId, details: { settings } });
    });
    return settings;
  }
}
