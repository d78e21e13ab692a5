/** The records the audit log names. */
export const AUDITED_ENTITIES = ['staff_user', 'substitute', 'absence', 'vacancy', 'booking', 'unit', 'municipality'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/** What can happen to them. Never rename one: the log keeps the names. */
export const AUDIT_ACTIONS = [
  'signed_in',
  'sign_in_failed',
  'user_created',
  'substitute_updated',
  'absence_posted',
  'absence_cancelled',
  'vacancy_cancelled',
  'vacancy_taken',
  'booked_by_hand',
  'offer_accepted',
  'booking_cancelled',
  'data_exported',
  'payroll_exported',
  'substitute_erased',
  'matching_settings_changed',
  'unit_preferences_changed',
  'las_history_imported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditActorRole = 'admin' | 'manager' | 'substitute' | 'anonymous' | 'system';
