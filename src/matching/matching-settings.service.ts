import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MatchingSettingsRow } from './matching-settings.entity';
import { DEFAULT_MATCHING_SETTINGS, MatchingSettings } from './wave-plan';

@Injectable()
export class MatchingSettingsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(municipalityId: string, manager: EntityManager = this.db.manager): Promise<MatchingSettings> {
    const row = await manager.getRepository(MatchingSettingsRow).findOneBy({ municipalityId });
    return row?.settings ?? DEFAULT_MATCHING_SETTINGS;
  }

  async put(municipalityId: string, settings: MatchingSettings): Promise<MatchingSettings> {
    await this.db.getRepository(MatchingSettingsRow).upsert({ municipalityId, settings }, ['municipalityId']);
    return settings;
  }
}
