import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { validationFailed } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { MatchingSettingsRepository } from './matching-settings.repository';
import { BookingsService } from '../bookings/bookings.service';
import type { WorkingTimeSettings } from '../bookings/working-time-settings.repository';
import { DEFAULT_MATCHING_SETTINGS, MatchingSettings } from './wave-plan';
import { DEFAULT_WORKING_TIME_SETTINGS } from '../bookings/working-time-settings.repository';

const WORKING_TIME_FIELDS = Object.keys(DEFAULT_WORKING_TIME_SETTINGS);

/** Everything GET/PUT /matching-settings holds: the wave plan (matching's) and the working-time rules and LAS thresholds (bookings'). */
export type MunicipalitySettings = MatchingSettings & WorkingTimeSettings;

@Injectable()
export class MatchingSettingsService {
  constructor(
    private readonly repository: MatchingSettingsRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditLog,
    private readonly bookings: BookingsService,
  ) {}

  async get(municipalityId: string): Promise<MatchingSettings> {
    return (await this.repository.find(municipalityId)) ?? DEFAULT_MATCHING_SETTINGS;
  }

  /** The wave plan with the working-time rules and LAS thresholds, as the settings route and page show them. */
  async view(municipalityId: string): Promise<MunicipalitySettings> {
    const [waves, workingTime] = await Promise.all([this.get(municipalityId), this.bookings.workingTimeSettings(municipalityId)]);
    return { ...waves, ...workingTime };
  }

  /**
   * Saves the settings, bands in lead-time order; two bands for one lead time are refused. Working-time and
   * LAS fields left out keep their value.
   */
  async put(actor: Actor, input: MatchingSettings & Partial<WorkingTimeSettings>): Promise<MunicipalitySettings> {
    const bands = [...input.bands].sort((a, b) => a.maxLeadMinutes - b.maxLeadMinutes).map((b) => ({ ...b }));
    if (new Set(bands.map((b) => b.maxLeadMinutes)).size !== bands.length) {
      throw validationFailed('Two bands have the same maxLeadMinutes.', [{ field: 'bands', problem: 'must have distinct maxLeadMinutes' }]);
    }
    const settings: MatchingSettings = { bands, quietHours: { ...input.quietHours }, urgentWithinMinutes: input.urgentWithinMinutes };
    const municipalityId = actor.municipalityId;
    const workingTimeChanges = Object.fromEntries(Object.entries(input).filter(([key, value]) => WORKING_TIME_FIELDS.includes(key) && value !== undefined));
    return this.uow.run(async () => {
      await this.repository.save(municipalityId, settings);
      const workingTime = await this.bookings.saveWorkingTimeSettings(municipalityId, workingTimeChanges);
      const saved = { ...settings, ...workingTime };
      await this.audit.record({ municipalityId, actor, action: 'matching_settings_changed', entity: 'municipality', entityId: municipalityId, details: { settings: saved } });
      return saved;
    });
  }
}
