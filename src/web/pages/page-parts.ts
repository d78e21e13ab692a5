import { formatDateTime, formatShift } from '../../notifications/templates/format-time';
import { checkboxes } from '../forms';
import { html, SafeHtml } from '../html';
import type { NavLink, PageFrame } from '../layout';

export const SUBSTITUTE_PAGES = {
  home: '/vikarie',
  signIn: '/vikarie/logga-in',
  signOut: '/vikarie/logga-ut',
  offers: '/vikarie/erbjudanden',
  bookings: '/vikarie/bokningar',
  availability: '/vikarie/tillganglighet',
  open: '/vikarie/lediga',
  profile: '/vikarie/profil',
  myData: '/vikarie/mina-uppgifter',
} as const;

const NAV: NavLink[] = [
  { href: SUBSTITUTE_PAGES.home, label: 'Översikt' },
  { href: SUBSTITUTE_PAGES.offers, label: 'Erbjudanden' },
  { href: SUBSTITUTE_PAGES.bookings, label: 'Bokningar' },
  { href: SUBSTITUTE_PAGES.availability, label: 'När jag kan arbeta' },
  { href: SUBSTITUTE_PAGES.open, label: 'Lediga vikariat' },
  { href: SUBSTITUTE_PAGES.profile, label: 'Profil' },
  { href: SUBSTITUTE_PAGES.myData, label: 'Mina uppgifter' },
];

/** The navigation of a substitute's pages, with `current` marked. */
export function substituteNav(current: string, csrf: string): PageFrame['nav'] {
  return { links: NAV, current, csrf, signOut: SUBSTITUTE_PAGES.signOut };
}

/** The shifts of a vacancy, one line each, in Swedish time: "ons 25 nov 07:00–16:00". */
export function shiftList(shifts: { start: Date; end: Date }[]): SafeHtml {
  return html`<ul class="shifts">${shifts.map((s) => html`<li>${formatShift(s)}</li>`)}</ul>`;
}

export { formatDateTime };

/** Where a substitute wants to work: the municipality's districts; none chosen means anywhere. */
export function districtsField(districts: string[], checked: string[], error?: string): SafeHtml | false {
  return (
    districts.length > 0 &&
    checkboxes({
      name: 'districts',
      legend: 'Områden',
      hint: 'Var vill du arbeta? Väljer du inget får du erbjudanden från hela kommunen.',
      options: districts.map((d) => ({ value: d, label: d })),
      checked,
      error,
    })
  );
}
