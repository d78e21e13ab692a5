import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { PreferenceKind } from './unit-preference.entity';

/** A unit's preferred and blocked substitutes; a substitute is on at most one of its two lists. */
@Injectable()
export class PreferencesRepository {
  constructor(private readonly db: Database) {}

  /** Replaces one list; a substitute moved from the other list leaves it. */
  async replace(municipalityId: string, unitId: string, kind: PreferenceKind, substituteIds: string[]): Promise<void> {
    await this.db.execute(`DELETE FROM unit_preference WHERE unit_id = $1 AND kind = $2`, [unitId, kind]);
    if (substituteIds.length === 0) return;
    await this.db.execute(
      `INSERT INTO unit_preference (unit_id, substitute_id, municipality_id, kind) SELECT $1, unnest($2::uuid[]), $3, $4
       ON CONFLICT (unit_id, substitute_id) DO UPDATE SET kind = excluded.kind`,
      [unitId, substituteIds, municipalityId, kind],
    );
  }

  /** Takes a substitute off every unit's lists (erased). */
  async forgetSubstitute(substituteId: string): Promise<void> {
    await this.db.execute(`DELETE FROM unit_preference WHERE substitute_id = $1`, [substituteId]);
  }

  ofUnit(unitId: string): Promise<{ substituteId: string; kind: PreferenceKind }[]> {
    return this.db.rows(`SELECT substitute_id AS "substituteId", kind FROM unit_preference WHERE unit_id = $1 ORDER BY substitute_id`, [unitId]);
  }
}
