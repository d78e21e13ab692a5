import type { Actor } from './actor';

/**
 * What a record is, as far as access goes: the municipality it belongs to and who it is about.
 * - a unit's record (a unit, its absences, vacancies, preferences): `unitId`;
 * - a substitute's record (profile, availability, data export, erasure): `substituteId`;
 * - a booking joins both: the unit's staff and the booked substitute.
 */
export type ProtectedRecord =
  | { municipalityId: string; unitId: string; substituteId?: undefined }
  | { municipalityId: string; substituteId: string; unitId?: undefined }
  | { municipalityId: string; unitId: string; substituteId: string };

/**
 * The one rule of who may touch which record. An admin acts on everything of their municipality, a
 * manager on the records of their own units, a substitute on their own records; nobody crosses
 * municipalities. Routes first say which roles may call them (`@Roles`); services then ask this for the
 * particular record, and answer 404 when it says no, so that no one learns what exists elsewhere.
 */
export function mayAccess(actor: Actor, record: ProtectedRecord): boolean {
  if (record.municipalityId !== actor.municipalityId) return false;
  switch (actor.role) {
    case 'admin':
      return true;
    case 'manager':
      return record.unitId !== undefined && actor.unitIds.includes(record.unitId);
    case 'substitute':
      return record.substituteId !== undefined && record.substituteId === actor.id;
  }
}

/** The units whose records a list may show the actor: every unit for an admin (undefined), none for a substitute. */
export function visibleUnits(actor: Actor): string[] | undefined {
  if (actor.role === 'admin') return undefined;
  return actor.role === 'manager' ? actor.unitIds : [];
}
