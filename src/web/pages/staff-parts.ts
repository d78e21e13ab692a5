import type { Role } from '../../access/actor';
import type { AbsenceReason } from '../../absences/absence.entity';
import type { VacancyStatus } from '../../absences/vacancy-status';
import type { OfferStatus } from '../../offers/offer-status';
import type { SubstituteStatus } from '../../substitutes/substitute.entity';
import { formatShift } from '../../notifications/templates/format-time';
import { html, SafeHtml } from '../html';
import type { NavLink, PageFrame } from '../layout';

export const STAFF_PAGES = {
  home: '/personal',
  signIn: '/personal/logga-in',
  signOut: '/personal/logga-ut',
  newAbsence: '/personal/franvaro/ny',
  vacancies: '/personal/vikariat',
  substitutes: '/personal/vikarier',
  units: '/personal/enheter',
  users: '/personal/anvandare',
  settings: '/personal/installningar',
  reports: '/personal/rapporter',
  payroll: '/personal/rapporter/lon',
} as const;

const MANAGER_NAV: NavLink[] = [
  { href: STAFF_PAGES.home, label: 'Start' },
  { href: STAFF_PAGES.newAbsence, label: 'Ny frånvaro' },
  { href: STAFF_PAGES.vacancies, label: 'Vikariat' },
  { href: STAFF_PAGES.units, label: 'Enheter' },
];

const ADMIN_NAV: NavLink[] = [
  ...MANAGER_NAV,
  { href: STAFF_PAGES.substitutes, label: 'Vikarier' },
  { href: STAFF_PAGES.users, label: 'Användare' },
  { href: STAFF_PAGES.settings, label: 'Inställningar' },
  { href: STAFF_PAGES.reports, label: 'Uppföljning' },
];

/** The navigation of the staff pages, by role, with `current` marked. */
export function staffNav(role: Role, current: string, csrf: string): PageFrame['nav'] {
  return { links: role === 'admin' ? ADMIN_NAV : MANAGER_NAV, current, csrf, signOut: STAFF_PAGES.signOut };
}

export const VACANCY_STATUS_NAMES: Record<VacancyStatus, string> = {
  open: 'Ny, inga erbjudanden än',
  offering: 'Erbjudanden ute',
  filled: 'Tillsatt',
  unfilled: 'Ej tillsatt',
  cancelled: 'Inställt',
};

export const OFFER_STATUS_NAMES: Record<OfferStatus, string> = {
  pending: 'Väntar på svar',
  accepted: 'Tackade ja',
  declined: 'Tackade nej',
  expired: 'Svarade inte i tid',
  withdrawn: 'Återkallat',
};

export const REASON_NAMES: Record<AbsenceReason, string> = {
  sick: 'Sjukdom',
  study_leave: 'Studieledighet',
  parental: 'Föräldraledighet',
  vacation: 'Semester',
  other: 'Annat',
};

export const SUBSTITUTE_STATUS_NAMES: Record<SubstituteStatus, string> = {
  pending: 'Väntar på kontroll',
  active: 'Aktiv',
  paused: 'Pausad',
  removed: 'Borttagen',
  erased: 'Raderad',
};

/** A vacancy's status as a tag whose text says it (colour only repeats what the text says). */
export function statusTag(status: VacancyStatus): SafeHtml {
  return html`<span class="tag tag-${status}">${VACANCY_STATUS_NAMES[status]}</span>`;
}

/** The shifts of a vacancy, shortened to the first few when there are many. */
export function shiftSummary(shifts: { start: Date; end: Date }[], max = 3): SafeHtml {
  const shown = shifts.slice(0, max);
  return html`<ul class="shifts">${shown.map((s) => html`<li>${formatShift(s)}</li>`)}${shifts.length > max ? html`<li>och ${shifts.length - max} pass till</li>` : ''}</ul>`;
}

/** A table that may scroll sideways on a phone: a named region that takes focus, so a keyboard can scroll it. */
export function scrollingTable(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}
