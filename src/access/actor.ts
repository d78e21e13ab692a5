export type Role = 'admin' | 'manager' | 'substitute';

/** Who is calling: resolved once per request by the AuthGuard, from a verified token and fresh rows. */
export interface Actor {
  id: string;
  role: Role;
  municipalityId: string;
  /** The units a manager is responsible for; empty for others. */
  unitIds: string[];
}
