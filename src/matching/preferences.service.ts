import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { OrganisationService } from '../organisation/organisation.service';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { PreferenceKind, UnitPreference } from './unit-preference.entity';

/** A unit's preferred and blocked substitutes. A substitute is on at most one of the two lists. */
@Injectable()
export class PreferencesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisation: OrganisationService,
    private readonly substitutes: SubstitutesService,
  ) {}

  async replace(actor: Actor, unitId: string, kind: PreferenceKind, substituteIds: string[]) {
    await this.organisation.unitForActor(actor, unitId);
    await this.db.transaction(async (tx) => {
      await this.substitutes.assertAllExist(tx, actor.municipalityId, substituteIds);
      await tx.getRepository(UnitPreference).delete({ unitId, kind });
      if (substituteIds.length > 0) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(UnitPreference)
          .values(substituteIds.map((substituteId) => ({ unitId, substituteId, municipalityId: actor.municipalityId, kind })))
          .orUpdate(['kind'], ['unit_id', 'substitute_id'])
          .execute();
      }
    });
    return this.list(actor, unitId);
  }

  async list(actor: Actor, unitId: string) {
    await this.organisation.unitForActor(actor, unitId);
    const rows = await this.db.getRepository(UnitPreference).find({ where: { unitId }, order: { substituteId: 'ASC' } });
    return {
      unitId,
      preferred: rows.filter((r) => r.kind === 'preferred').map((r) => r.substituteId),
      blocked: rows.filter((r) => r.kind === 'blocked').map((r) => r.substituteId),
    };
  }
}
