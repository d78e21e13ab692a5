import { BookedShift } from '../bookings/booked-shift.entity';
import { Booking } from '../bookings/booking.entity';
import { MatchingSettingsRow } from '../matching/matching-settings.entity';
import { UnitPreference } from '../matching/unit-preference.entity';
import { Notification } from '../notifications/notification.entity';
import { Offer } from '../offers/offer.entity';
import { Absence } from '../absences/absence.entity';
import { Vacancy } from '../absences/vacancy.entity';
import { VacancyShift } from '../absences/vacancy-shift.entity';
import { Municipality } from '../organisation/municipality.entity';
import { StaffUserUnit } from '../organisation/staff-user-unit.entity';
import { StaffUser } from '../organisation/staff-user.entity';
import { Unit } from '../organisation/unit.entity';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { ProgrammeAllocation } from '../programmes/programme-allocation.entity';
import { Programme } from '../programmes/programme.entity';
import { Qualification } from '../qualifications/qualification.entity';
import { AvailabilityWindow } from '../substitutes/availability-window.entity';
import { SubstituteQualification } from '../substitutes/substitute-qualification.entity';
import { Substitute } from '../substitutes/substitute.entity';

export const ENTITIES = [
  Municipality,
  Unit,
  StaffUser,
  StaffUserUnit,
  Qualification,
  Substitute,
  SubstituteQualification,
  AvailabilityWindow,
  Programme,
  ProgrammeAllocation,
  Absence,
  Vacancy,
  VacancyShift,
  OutboxEntry,
  UnitPreference,
  MatchingSettingsRow,
  Offer,
  Booking,
  BookedShift,
  Notification,
];
