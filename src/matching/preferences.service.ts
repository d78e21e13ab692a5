import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { UnitOfWork } from '../database/unit-of-work';
import { OrganisationService } from '../organisation/organisation.service';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { UnitPreferencesDto } from './dto/unit-preferences.dto';
import { PreferencesRepository } from './preferences.repository';
import type { PreferenceKind } from './unit-preference.entity';

/** A unit's preferred and blocked substitutes. A substitute is on at most one of the two lists. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly repository: PreferencesRepository,
    private readonly uow: UnitOfWork,
    private readonly organisation: OrganisationService,
    private readonly substitutes: SubstitutesService,
    private readonly audit: AuditLog,
  ) {}

  async replace(actor: Actor, unitId: string, kind: PreferenceKind, substituteIds: string[]): Promise<UnitPreferencesDto> {
    await this.organisation.unitForActor(actor, unitId);
    await this.uow.run(async () => {
      await this.substitutes.assertAllExist(actor.municipalityId, substituteIds);
      await this.repository.replace(actor.municipalityId, unitId, kind, substituteIds);
      await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'unit_preferences_changed', entity: 'unit', entityId: unitId, details: { [kind]: substituteIds } });
    });
    return this.list(actor, unitId);
  }

  /** Inside a unit of work: takes an erased substitute off every unit's lists. */
  forgetSubstitute(substituteId: string): Promise<void> {
    return this.repository.forgetSubstitute(substituteId);
  }

  async list(actor: Actor, unitId: string): Promise<UnitPreferencesDto> {
    await this.organisation.unitForActor(actor, unitId);
    const rows = await this.repository.ofUnit(unitId);
    return {
      unitId,
      preferred: rows.filter((r) => r.kind === 'preferred').map((r) => r.substituteId),
      blocked: rows.filter((r) => r.kind === 'blocked').map((r) => r.substituteId),
    };
  }
}
