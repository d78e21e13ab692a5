import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Database } from '../database/database';
import type { Period } from '../database/tstzrange';
import type { ServiceArea } from '../organisation/service-area';
import { IllegalTransitionError, statusesAllowingChange, VacancyStatus } from './vacancy-status';

export interface VacancyRecord {
  id: string;
  municipalityId: string;
  absenceId: string;
  unitId: string;
  qualificationCode: string;
  status: VacancyStatus;
  /** Start of the earliest shift. */
  startsAt: Date;
  endsAt: Date;
  waveCount: number;
  nextWaveAt: Date | null;
  filledAt: Date | null;
  createdAt: Date;
}

/** What a person reads about a vacancy, and what matching needs to know of its unit. */
export interface VacancyDescription {
  vacancyId: string;
  municipalityId: string;
  status: VacancyStatus;
  unitId: string;
  district: string;
  serviceArea: ServiceArea;
  qualificationCode: string;
  unitName: string;
  unitAddress: string | null;
  qualificationName: string;
  shifts: Period[];
}

/** The fields a change may set besides the status. */
export interface VacancyChange {
  status?: VacancyStatus;
  waveCount?: number;
  nextWaveAt?: Date | null;
  filledAt?: Date | null;
}

const CHANGE_COLUMNS: Record<Exclude<keyof VacancyChange, 'status'>, string> = { waveCount: 'wave_count', nextWaveAt: 'next_wave_at', filledAt: 'filled_at' };

const VACANCY_COLUMNS = `v.id, v.municipality_id AS "municipalityId", v.absence_id AS "absenceId", v.unit_id AS "unitId", v.qualification_code AS "qualificationCode",
       v.status, v.starts_at AS "startsAt", v.ends_at AS "endsAt", v.wave_count AS "waveCount", v.next_wave_at AS "nextWaveAt",
       v.filled_at AS "filledAt", v.created_at AS "createdAt"`;

/** What describes a vacancy beyond its own row (VacancyDescription), read from DESCRIBED_VACANCY. */
const DESCRIBING_COLUMNS = `u.district, u.service_area AS "serviceArea", u.name AS "unitName", u.address AS "unitAddress", q.name AS "qualificationName"`;
const DESCRIBED_VACANCY = `vacancy v JOIN unit u ON u.id = v.unit_id JOIN qualification q ON q.code = v.qualification_code`;

/** Vacancies and their shifts. Every change of a vacancy goes through `change`, guarded by the status machine. */
@Injectable()
export class VacancyRepository {
  constructor(private readonly db: Database) {}

  /** Inserts an absence's vacancies, each with its shifts, in the order given (one statement). */
  async insert(absence: { id: string; municipalityId: string; unitId: string; qualificationCode: string }, groups: Period[][]): Promise<VacancyRecord[]> {
    const ids = groups.map(() => randomUUID());
    const shifts = groups.flatMap((group, i) => group.map((s) => ({ vacancyId: ids[i], ...s })));
    const inserted = await this.db.rows<VacancyRecord>(
      `WITH v AS (
         INSERT INTO vacancy AS v (id, municipality_id, absence_id, unit_id, qualification_code, status, starts_at, ends_at)
         SELECT g.id, $1, $2, $3, $4, 'open', g.starts_at, g.ends_at FROM unnest($5::uuid[], $6::timestamptz[], $7::timestamptz[]) AS g(id, starts_at, ends_at)
         RETURNING ${VACANCY_COLUMNS}),
       shifts AS (
         INSERT INTO vacancy_shift (vacancy_id, municipality_id, period)
         SELECT s.vacancy_id, $1, tstzrange(s.start_at, s.end_at, '[)') FROM unnest($8::uuid[], $9::timestamptz[], $10::timestamptz[]) AS s(vacancy_id, start_at, end_at))
       SELECT * FROM v`,
      [
        absence.municipalityId,
        absence.id,
        absence.unitId,
        absence.qualificationCode,
        ids,
        groups.map((g) => new Date(Math.min(...g.map((s) => s.start.getTime())))),
        groups.map((g) => new Date(Math.max(...g.map((s) => s.end.getTime())))),
        shifts.map((s) => s.vacancyId),
        shifts.map((s) => s.start),
        shifts.map((s) => s.end),
      ],
    );
    return ids.map((id) => inserted.find((v) => v.id === id)!);
  }

  find(municipalityId: string, id: string): Promise<VacancyRecord | null> {
    return this.db.row(`SELECT ${VACANCY_COLUMNS} FROM vacancy v WHERE v.id = $1 AND v.municipality_id = $2`, [id, municipalityId]);
  }

  /** Locks the vacancy's row for the rest of the transaction (FOR NO KEY UPDATE: rows referring to it may still be inserted); null if it does not exist. */
  lock(id: string): Promise<VacancyRecord | null> {
    return this.db.row(`SELECT ${VACANCY_COLUMNS} FROM vacancy v WHERE v.id = $1 FOR NO KEY UPDATE`, [id]);
  }

  /**
   * `lock` and `describe` in one statement, for matching's hot path: the row locked, with what its messages
   * say about it and its shifts in time order.
   */
  async lockDescribed(id: string): Promise<{ vacancy: VacancyRecord; description: VacancyDescription } | null> {
    const row = await this.db.row<VacancyRecord & Omit<VacancyDescription, 'vacancyId' | 'shifts'> & { shiftStarts: Date[]; shiftEnds: Date[] }>(
      `SELECT ${VACANCY_COLUMNS}, ${DESCRIBING_COLUMNS}, sh.starts AS "shiftStarts", sh.ends AS "shiftEnds"
         FROM ${DESCRIBED_VACANCY}
        CROSS JOIN LATERAL (SELECT array_agg(lower(period) ORDER BY lower(period)) AS starts, array_agg(upper(period) ORDER BY lower(period)) AS ends
                              FROM vacancy_shift WHERE vacancy_id = v.id) AS sh
        WHERE v.id = $1 FOR NO KEY UPDATE OF v`,
      [id],
    );
    if (!row) return null;
    const { district, serviceArea, unitName, unitAddress, qualificationName, shiftStarts, shiftEnds, ...vacancy } = row;
    const shifts = shiftStarts.map((start, i) => ({ start, end: shiftEnds[i] }));
    const description: VacancyDescription = {
      vacancyId: vacancy.id,
      municipalityId: vacancy.municipalityId,
      status: vacancy.status,
      unitId: vacancy.unitId,
      district,
      serviceArea,
      qualificationCode: vacancy.qualificationCode,
      unitName,
      unitAddress,
      qualificationName,
      shifts,
    };
    return { vacancy, description };
  }

  /** Locks every vacancy of an absence, in id order (so that two flows lock them alike). */
  lockOfAbsence(absenceId: string): Promise<VacancyRecord[]> {
    return this.db.rows(`SELECT ${VACANCY_COLUMNS} FROM vacancy v WHERE v.absence_id = $1 ORDER BY v.id FOR NO KEY UPDATE`, [absenceId]);
  }

  ofAbsence(absenceId: string): Promise<VacancyRecord[]> {
    return this.db.rows(`SELECT ${VACANCY_COLUMNS} FROM vacancy v WHERE v.absence_id = $1 ORDER BY v.starts_at, v.id`, [absenceId]);
  }

  /** Vacancies of the municipality, soonest first: of one unit, or of `unitIds` when given, or all. */
  list(
    municipalityId: string,
    filter: { unitId?: string; unitIds?: string[]; status?: VacancyStatus; statuses?: VacancyStatus[]; endsAfter?: Date; startsBefore?: Date; limit: number; offset?: number },
  ): Promise<VacancyRecord[]> {
    return this.db.rows(
      `SELECT ${VACANCY_COLUMNS} FROM vacancy v
        WHERE v.municipality_id = $1 AND ($2::uuid IS NULL OR v.unit_id = $2) AND ($3::uuid[] IS NULL OR v.unit_id = ANY ($3::uuid[]))
          AND ($4::text IS NULL OR v.status = $4) AND ($6::text[] IS NULL OR v.status = ANY ($6::text[]))
          AND ($7::timestamptz IS NULL OR v.ends_at > $7) AND ($8::timestamptz IS NULL OR v.starts_at < $8)
        ORDER BY v.starts_at, v.id LIMIT $5 OFFSET $9`,
      [municipalityId, filter.unitId ?? null, filter.unitIds ?? null, filter.status ?? null, filter.limit, filter.statuses ?? null, filter.endsAfter ?? null, filter.startsBefore ?? null, filter.offset ?? 0],
    );
  }

  /** The shifts of each vacancy, in time order. */
  async shifts(vacancyIds: string[]): Promise<Map<string, Period[]>> {
    const rows = await this.db.rows<{ vacancyId: string; start: Date; end: Date }>(
      `SELECT vacancy_id AS "vacancyId", lower(period) AS start, upper(period) AS "end" FROM vacancy_shift WHERE vacancy_id = ANY ($1::uuid[]) ORDER BY lower(period)`,
      [vacancyIds],
    );
    const byVacancy = new Map<string, Period[]>(vacancyIds.map((id) => [id, []]));
    for (const { vacancyId, start, end } of rows) byVacancy.get(vacancyId)!.push({ start, end });
    return byVacancy;
  }

  /**
   * The vacancy with its unit's name, address, district and service area and its qualification's name: what
   * messages say about it and what matching needs. (A read of the organisation's and catalogue's rows, to
   * describe this one; nothing here writes them.)
   */
  async describe(id: string): Promise<VacancyDescription | null> {
    return (await this.describeMany([id])).get(id) ?? null;
  }

  /** Descriptions of several vacancies, for lists (a substitute's offers and bookings). */
  async describeMany(ids: string[]): Promise<Map<string, VacancyDescription>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.rows<Omit<VacancyDescription, 'shifts'>>(
      `SELECT v.id AS "vacancyId", v.municipality_id AS "municipalityId", v.status, v.unit_id AS "unitId", v.qualification_code AS "qualificationCode",
              ${DESCRIBING_COLUMNS}
         FROM ${DESCRIBED_VACANCY}
        WHERE v.id = ANY ($1::uuid[])`,
      [ids],
    );
    const shifts = await this.shifts(ids);
    return new Map(rows.map((row) => [row.vacancyId, { ...row, shifts: shifts.get(row.vacancyId)! }]));
  }

  /**
   * Applies a change if the vacancy's status allows it (see vacancy-status.ts); the caller holds the row's
   * lock and has checked, so a refusal here is a bug, not a race.
   */
  async change(id: string, change: VacancyChange): Promise<void> {
    const params: unknown[] = [id, statusesAllowingChange(change.status)];
    const sets: string[] = [];
    if (change.status !== undefined) {
      params.push(change.status);
      sets.push(`status = $${params.length}`);
    }
    for (const [key, column] of Object.entries(CHANGE_COLUMNS) as [keyof typeof CHANGE_COLUMNS, string][]) {
      if (!(key in change)) continue;
      params.push(change[key]);
      sets.push(`${column} = $${params.length}`);
    }
    const changed = await this.db.rows(`UPDATE vacancy SET ${sets.join(', ')} WHERE id = $1 AND status = ANY ($2::text[]) RETURNING id`, params);
    if (changed.length === 0) throw new IllegalTransitionError('vacancy', id, change.status ?? 'rescheduled');
  }

  /** Live vacancies whose next wave is due, or whose first shift has started (to be marked unfilled). */
  dueForWave(now: Date, limit: number): Promise<{ id: string; municipalityId: string; waveCount: number; nextWaveAt: Date | null }[]> {
    return this.db.rows(
      `SELECT id, municipality_id AS "municipalityId", wave_count AS "waveCount", next_wave_at AS "nextWaveAt" FROM vacancy
        WHERE status IN ('open', 'offering') AND (next_wave_at <= $1 OR starts_at <= $1)
        ORDER BY next_wave_at NULLS FIRST LIMIT $2`,
      [now, limit],
    );
  }
}
