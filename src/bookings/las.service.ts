import { Injectable } from '@nestjs/common';
import { mayAccess } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { notFound, validationFailed } from '../common/errors';
import { toLocalDate } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { BookingRepository } from './booking.repository';
import { assessLasDays, EmploymentDay, LasAssessment, lasDaysNeededFrom, LasForm, LasThreshold, LasWarning } from './las-days';
import { LasHistoryRepository } from './las-history.repository';
import { WorkingTimeSettingsRepository } from './working-time-settings.repository';

/** The most history days one import takes: five years of both forms every day fit. */
export const MAX_LAS_HISTORY_DAYS = 5000;

const today = () => toLocalDate(new Date());

/** A substitute within the warning margin of a limit, for the staffing team's list. */
export interface LasWarningRow extends LasThreshold {
  substituteId: string;
  name: string;
}

/**
 * LAS days (API: GET /substitutes/{id}/las, PUT /substitutes/{id}/las/history, GET /substitutes/las-warnings):
 * the booked days and those imported from the earlier system, held to the municipality's limits by the pure
 * rules of las-days.ts. Each list is one query for the days of everyone it concerns.
 */
@Injectable()
export class LasService {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly history: LasHistoryRepository,
    private readonly settings: WorkingTimeSettingsRepository,
    private readonly substitutes: SubstitutesService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditLog,
  ) {}

  /** The substitute's count, thresholds and warnings as of `asOf` (default today); 404 unless an admin or the substitute. */
  async days(actor: Actor, substituteId: string, asOf = today()): Promise<LasAssessment> {
    if (!mayAccess(actor, { municipalityId: actor.municipalityId, substituteId }) || !(await this.substitutes.exists(actor.municipalityId, substituteId))) {
      throw notFound('The substitute');
    }
    return this.assess(actor.municipalityId, substituteId, asOf);
  }

  /** For pages that have already found the substitute: the count, thresholds and warnings as of `asOf`. */
  async assess(municipalityId: string, substituteId: string, asOf = today()): Promise<LasAssessment> {
    const [limits, days] = await Promise.all([this.settings.get(municipalityId), this.bookings.employmentDays({ substituteIds: [substituteId] }, lasDaysNeededFrom(asOf))]);
    return assessLasDays(days, asOf, limits);
  }

  /**
   * Replaces the substitute's days from the earlier system, in one unit of work, and audits it. Duplicates
   * collapse; a day after today is refused. The days as stored, in date order.
   */
  async replaceHistory(actor: Actor, substituteId: string, entries: readonly EmploymentDay[]): Promise<EmploymentDay[]> {
    if (!mayAccess(actor, { municipalityId: actor.municipalityId, substituteId })) throw notFound('The substitute');
    const now = today();
    const future = entries.flatMap((e, i) => (e.date > now ? [{ field: `${i}.date`, problem: `must not be after today (${now})` }] : []));
    if (future.length > 0) throw validationFailed(`Invalid request: ${future[0].field} ${future[0].problem}.`, future);
    const days = [...new Map(entries.map((e) => [`${e.date} ${e.form}`, { date: e.date, form: e.form }])).values()].sort(
      (a, b) => a.date.localeCompare(b.date) || a.form.localeCompare(b.form),
    );
    return this.uow.run(async () => {
      if (!(await this.substitutes.lock(substituteId))) throw notFound('The substitute');
      await this.history.replace(actor.municipalityId, substituteId, days);
      const count = (form: LasForm) => days.filter((d) => d.form === form).length;
      await this.audit.record({
        municipalityId: actor.municipalityId,
        actor,
        action: 'las_history_imported',
        entity: 'substitute',
        entityId: substituteId,
        details: { days: days.length, vikariat: count('vikariat'), sava: count('sava'), from: days[0]?.date ?? null, to: days[days.length - 1]?.date ?? null },
      });
      return days;
    });
  }

  /**
   * Active and paused substitutes of the actor's municipality within the warning margin of a limit as of
   * `asOf` (default today): one row per threshold, nearest first. One query for everyone's days.
   */
  async warningList(actor: Actor, asOf = today()): Promise<LasWarningRow[]> {
    const [limits, days] = await Promise.all([this.settings.get(actor.municipalityId), this.bookings.employmentDays({ municipalityId: actor.municipalityId }, lasDaysNeededFrom(asOf))]);
    const near = [...groupBySubstitute(days)].flatMap(([substituteId, own]) =>
      assessLasDays(own, asOf, limits)
        .thresholds.filter((t) => t.remaining < limits.lasWarningDays)
        .map((t) => ({ substituteId, ...t })),
    );
    const people = await this.substitutes.contacts([...new Set(near.map((row) => row.substituteId))]);
    return near
      .flatMap((row) => {
        const person = people.get(row.substituteId);
        return person && (person.status === 'active' || person.status === 'paused') ? [{ ...row, name: `${person.firstName} ${person.lastName}` }] : [];
      })
      .sort((a, b) => a.remaining - b.remaining || a.name.localeCompare(b.name, 'sv'));
  }

  /**
   * The warnings booking each of these substitutes on these local dates, in this form, would leave, counted
   * as of the last of them; only the substitutes it would warn about. One query for all of them.
   */
  async warningsIfBooked(municipalityId: string, substituteIds: readonly string[], booking: { dates: readonly string[]; form: LasForm }): Promise<Map<string, LasWarning[]>> {
    if (substituteIds.length === 0 || booking.dates.length === 0) return new Map();
    const asOf = [...booking.dates].sort()[booking.dates.length - 1];
    const [limits, days] = await Promise.all([this.settings.get(municipalityId), this.bookings.employmentDays({ substituteIds }, lasDaysNeededFrom(asOf))]);
    const byId = groupBySubstitute(days);
    const added = booking.dates.map((date) => ({ date, form: booking.form }));
    const warned = substituteIds.map((id) => [id, assessLasDays([...(byId.get(id) ?? []), ...added], asOf, limits).warnings] as const);
    return new Map(warned.filter(([, warnings]) => warnings.length > 0));
  }

  /** The days imported for the substitute, for their data export. */
  historyOf(substituteId: string): Promise<EmploymentDay[]> {
    return this.history.of(substituteId);
  }

  /** Inside the unit of work of an erasure: deletes the substitute's imported days. */
  forgetHistory(substituteId: string): Promise<void> {
    return this.history.forget(substituteId);
  }
}

function groupBySubstitute(days: readonly (EmploymentDay & { substituteId: string })[]): Map<string, EmploymentDay[]> {
  const grouped = new Map<string, EmploymentDay[]>();
  for (const { substituteId, date, form } of days) {
    const own = grouped.get(substituteId);
    if (own) own.push({ date, form });
    else grouped.set(substituteId, [{ date, form }]);
  }
  return grouped;
}
