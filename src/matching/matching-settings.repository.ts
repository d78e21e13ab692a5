import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { MatchingSettings } from './wave-plan';

/** A municipality's own wave plan; no row means the defaults. */
@Injectable()
export class MatchingSettingsRepository {
  constructor(private readonly db: Database) {}

  async find(municipalityId: string): Promise<MatchingSettings | null> {
    const row = await this.db.row<{ settings: MatchingSettings }>(`SELECT settings FROM matching_settings WHERE municipality_id = $1`, [municipalityId]);
    return row?.settings ?? null;
  }

  async save(municipalityId: string, settings: MatchingSettings): Promise<void> {
    await this.db.execute(
      `INSERT INTO matching_settings (municipality_id, settings) VALUES ($1, $2)
       ON CONFLICT (municipality_id) DO UPDATE SET settings = excluded.settings, updated_at = now()`,
      [municipalityId, JSON.stringify(settings)],
    );
  }
}
