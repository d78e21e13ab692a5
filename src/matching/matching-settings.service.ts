import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
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

  async put(actor: Actor, settings: MatchingSettings): Promise<MatchingSettings> {
    const municipalityId = actor.municipalityId;
    await this.uow.run(async () => {
      await this.repository.save(municipalityId, settings);
      await this.audit.record({ municipalityId, actor, action: 'matching_settings_changed', entity: 'municipality', entityId: municipalityId, details: { settings } });
    });
    return settings;
  }
}
