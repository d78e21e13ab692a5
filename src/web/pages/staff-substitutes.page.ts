import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import type { MyBookingDto } from '../../account/dto/me.dto';
import type { LasAssessment, LasRule } from '../../bookings/las-days';
import type { SubstituteDto } from '../../substitutes/dto/substitute.dto';
import { DISPLAY_ZONE, formatDay, toLocal } from '../../notifications/templates/format-time';
import { errorSummary, FieldErrors, input, select } from '../forms';
import { html, SafeHtml } from '../html';
import { csrfField, PageFrame, renderPage } from '../layout';
import { LAS_RULE_NAMES, lasRemainingText, lasThresholdTable, lasWarningText } from './las-parts';
import { scrollingTable, shiftSummary, STAFF_PAGES, staffNav, SUBSTITUTE_STATUS_NAMES } from './staff-parts';
import type { StaffViewer } from './staff-vacancies.page';

/** The lists of the substitutes page: a Swedish name in the address, the status it shows (none: every status). */
export const SUBSTITUTE_LISTS: { value: string; label: string; status?: 'pending' | 'active' | 'paused' | 'removed' }[] = [
  { value: 'vantar', label: SUBSTITUTE_STATUS_NAMES.pending, status: 'pending' },
  { value: 'aktiva', label: 'Aktiva', status: 'active' },
  { value: 'pausade', label: 'Pausade', status: 'paused' },
  { value: 'borttagna', label: 'Borttagna', status: 'removed' },
  { value: 'alla', label: 'Alla' },
];

/** How many substitutes a page of the list shows. */
export const SUBSTITUTES_PER_PAGE = 50;

/** What the verification form says when it is wrong. */
export const VERIFY_ERRORS = {
  nothingChecked: 'Kryssa i minst en behörighet som du har kontrollerat. Utan en kontrollerad behörighet får vikarien inga erbjudanden.',
  nothingToSave: 'Det finns inget att spara. Kryssa i en behörighet du har kontrollerat, eller ändra ett datum.',
  unknown: 'Välj bland vikariens behörigheter.',
  date: 'Skriv datumet som år-månad-dag, till exempel 2027-06-30.',
  pastDate: 'Datumet har redan passerat. Skriv den sista dagen behörigheten gäller.',
} as const;

const profileLink = (id: string) => `${STAFF_PAGES.substitutes}/${id}`;

/** The staffing team's list of substitutes near a LAS limit. */
export const LAS_WARNINGS_PAGE = `${STAFF_PAGES.substitutes}/las`;

/** A substitute's field of a qualification's "valid until" date. */
export const validUntilField = (code: string) => `giltig-${code}`;

/** "mån 11 jan 2027": a day with its year, in Swedish time. */
export function formatDate(d: Date): string {
  return `${formatDay(d)} ${toLocal(d).year}`;
}

/** A local date (YYYY-MM-DD) as formatDate says it. */
export function formatLocalDate(date: string): string {
  return formatDate(DateTime.fromISO(date, { zone: DISPLAY_ZONE }).set({ hour: 12 }).toJSDate());
}

/** A number in E.164 as Swedes write it (070-123 45 67); as stored if it cannot be read. */
function phoneText(phone: string): string {
  return parsePhoneNumberFromString(phone)?.formatNational() ?? phone;
}

function statusText(p: Pick<SubstituteDto, 'status' | 'pausedBy'>): string {
  if (p.status === 'paused' && p.pausedBy === 'self') return 'Pausad av vikarien själv';
  if (p.status === 'paused') return 'Pausad av bemanningen';
  return SUBSTITUTE_STATUS_NAMES[p.status];
}

function districtsText(districts: string[]): string {
  return districts.length === 0 ? 'Hela kommunen' : districts.join(', ');
}

/** A held qualification as one line: its name, and whether it can be matched on. */
function qualificationLine(q: SubstituteDto['qualifications'][number], names: Record<string, string>, today: string): string {
  const name = names[q.code] ?? q.code;
  if (!q.verified) return `${name} (ej kontrollerad)`;
  if (q.validUntil !== null && q.validUntil < today) return `${name} (har gått ut)`;
  return name;
}

export interface SubstituteListFilters {
  list: string;
  name: string;
  qualification: string;
  district: string;
  page: number;
}

/** The address of a page of the list with these filters: only those set, so the address stays short. */
export function listAddress(f: SubstituteListFilters): string {
  const params = new URLSearchParams();
  params.set('status', f.list);
  if (f.name) params.set('namn', f.name);
  if (f.qualification) params.set('behorighet', f.qualification);
  if (f.district) params.set('omrade', f.district);
  if (f.page > 1) params.set('sida', String(f.page));
  return `${STAFF_PAGES.substitutes}?${params.toString()}`;
}

/** The verification queue and the pool, filtered, a page at a time. */
export function substituteListPage(o: {
  viewer: StaffViewer;
  people: SubstituteDto[];
  filters: SubstituteListFilters;
  hasNext: boolean;
  qualifications: { code: string; name: string }[];
  districts: string[];
  today: string;
}): string {
  const f = o.filters;
  const names = Object.fromEntries(o.qualifications.map((q) => [q.code, q.name]));
  const list = SUBSTITUTE_LISTS.find((l) => l.value === f.list) ?? SUBSTITUTE_LISTS[0];
  const searched = Boolean(f.name || f.qualification || f.district);
  const empty = searched ? 'Ingen vikarie passar sökningen. Ändra eller ta bort något av villkoren.' : list.status === 'pending' ? 'Ingen väntar på kontroll just nu.' : 'Det finns inga vikarier att visa här.';
  const caption = `Vikarier: ${list.label.toLowerCase()}${f.page > 1 ? `, sida ${f.page}` : ''}`;
  return renderPage({
    title: f.page > 1 ? `Vikarier, sida ${f.page}` : 'Vikarier',
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.substitutes, o.viewer.csrf),
    main: html`<h1>Vikarier</h1>
<p>De som har anmält sig väntar på kontroll: se deras intyg eller legitimation, godkänn behörigheterna och aktivera dem. Först då kan de få erbjudanden.</p>
<p><a href="${LAS_WARNINGS_PAGE}">Nära en gräns i LAS</a>: vikarier som snart har så många anställningsdagar att de får företrädesrätt eller en tillsvidareanställning.</p>
<form method="get" action="${STAFF_PAGES.substitutes}" class="filters inline-fields">
${select({ name: 'status', label: 'Visa', options: SUBSTITUTE_LISTS, value: list.value })}
${input({ name: 'namn', label: 'Namn', value: f.name, hint: 'Hela eller en del av namnet' })}
${select({ name: 'behorighet', label: 'Behörighet', options: [{ value: '', label: 'Alla behörigheter' }, ...o.qualifications.map((q) => ({ value: q.code, label: q.name }))], value: f.qualification })}
${o.districts.length > 0 && select({ name: 'omrade', label: 'Område', options: [{ value: '', label: 'Alla områden' }, ...o.districts.map((d) => ({ value: d, label: d }))], value: f.district })}
<button type="submit" class="secondary">Sök</button>
</form>
${f.district && html`<p class="muted">Med ett område visas de som har valt just det. De som kan arbeta i hela kommunen visas inte.</p>`}
${
  o.people.length === 0
    ? html`<p>${empty}</p>`
    : scrollingTable(
        caption,
        html`<table>
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Namn</th><th scope="col">Behörigheter</th><th scope="col">Områden</th><th scope="col">Status</th><th scope="col">Anmäld</th></tr></thead>
<tbody>${o.people.map(
          (p) => html`<tr>
<td><a href="${profileLink(p.id)}">${p.lastName}, ${p.firstName}</a></td>
<td>${p.qualifications.map((q, i) => html`${i > 0 ? html`<br>` : ''}${qualificationLine(q, names, o.today)}`)}</td>
<td>${districtsText(p.districts)}</td>
<td><span class="tag">${statusText(p)}</span></td>
<td>${formatDate(p.createdAt)}</td>
</tr>`,
        )}</tbody>
</table>`,
      )
}
${
  (f.page > 1 || o.hasNext) &&
  html`<nav class="pager" aria-label="Sidor">
${f.page > 1 ? html`<a href="${listAddress({ ...f, page: f.page - 1 })}" rel="prev">Föregående<span class="visually-hidden"> sida</span></a>` : html`<span></span>`}
<span>Sida ${f.page}</span>
${o.hasNext ? html`<a href="${listAddress({ ...f, page: f.page + 1 })}" rel="next">Nästa<span class="visually-hidden"> sida</span></a>` : html`<span></span>`}
</nav>`
}`,
  });
}

/** The verification form as posted: the qualifications ticked, and the dates as written. */
export interface VerifyForm {
  checked: string[];
  validUntil: Record<string, string>;
  errors: FieldErrors;
}

/** The form as a profile first shows it: nothing ticked, the dates the qualifications have. */
export function verifyFormOf(person: SubstituteDto): VerifyForm {
  return { checked: [], validUntil: Object.fromEntries(person.qualifications.map((q) => [q.code, q.validUntil ?? ''])), errors: {} };
}

export interface SubstituteProfile {
  person: SubstituteDto;
  qualificationNames: Record<string, string>;
  bookings: (MyBookingDto & { cancelReason: string | null })[];
  las: LasAssessment;
  now: Date;
}

function verifyForm(o: { viewer: StaffViewer; profile: SubstituteProfile; form: VerifyForm }): SafeHtml {
  const { person, qualificationNames: names } = o.profile;
  const pending = person.status === 'pending';
  const { checked, validUntil, errors } = o.form;
  const unverified = person.qualifications.filter((q) => !q.verified);
  const firstBox = unverified.length > 0 ? `kontrollerad-${unverified[0].code}` : validUntilField(person.qualifications[0].code);
  const fieldIds: Record<string, string> = { kontrollerad: firstBox };
  const groupError = errors.kontrollerad;
  return html`<h2 id="kontroll">${pending ? 'Kontrollera och godkänn' : 'Ändra behörigheter'}</h2>
<p>${
    pending
      ? 'Kryssa i de behörigheter vars intyg eller legitimation du har sett. Går en behörighet ut, till exempel en lärarlegitimation, skriv den sista dagen den gäller. Vikarien blir aktiv och kan få erbjudanden på de kontrollerade behörigheterna.'
      : 'Kryssa i behörigheter du har kontrollerat, eller ändra sista dagen en behörighet gäller. Efter den dagen får vikarien inga erbjudanden på den.'
  }</p>
${errorSummary(errors, fieldIds)}
<form method="post" action="${profileLink(person.id)}/behorigheter" novalidate>
${csrfField(o.viewer.csrf)}
<div class="field" id="kontrollerad">
${groupError && html`<p class="field-error" id="kontrollerad-error">${groupError}</p>`}
${person.qualifications.map((q) => {
  const name = names[q.code] ?? q.code;
  const field = validUntilField(q.code);
  return html`<fieldset class="item">
<legend>${name}</legend>
${
  q.verified
    ? html`<p>Kontrollerad ${q.verifiedAt ? formatDate(q.verifiedAt) : ''}</p>`
    : html`<div class="choice"><input type="checkbox" id="kontrollerad-${q.code}" name="kontrollerad" value="${q.code}"${checked.includes(q.code) ? html` checked` : ''}${groupError ? html` aria-invalid="true" aria-describedby="kontrollerad-error"` : ''}><label for="kontrollerad-${q.code}">Jag har kontrollerat intyget eller legitimationen</label></div>`
}
${input({ name: field, label: 'Giltig till', type: 'date', value: validUntil[q.code] ?? '', error: errors[field], hint: 'Den sista dagen den gäller. Lämna tomt om den inte går ut.' })}
</fieldset>`;
})}
</div>
${
  pending
    ? html`<button type="submit" name="aktivera" value="ja">Godkänn och aktivera</button>`
    : html`<button type="submit">Spara behörigheter</button>`
}
</form>`;
}

function bookingTable(bookings: SubstituteProfile['bookings'], caption: string): SafeHtml {
  return scrollingTable(
    caption,
    html`<table>
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Enhet</th><th scope="col">Pass</th><th scope="col">Status</th></tr></thead>
<tbody>${bookings.map(
      (b) => html`<tr>
<td><a href="${STAFF_PAGES.vacancies}/${b.vacancyId}">${b.unit}</a><br><span class="muted">${b.qualificationName}</span></td>
<td>${shiftSummary(b.shifts, 5)}</td>
<td>${b.status === 'cancelled' ? html`Avbokad${b.cancelledAt ? ` ${formatDate(b.cancelledAt)}` : ''}${b.cancelReason ? html`<br><span class="muted">${b.cancelReason}</span>` : ''}` : 'Bokad'}</td>
</tr>`,
    )}</tbody>
</table>`,
  );
}

/** How many earlier bookings the profile lists. */
const EARLIER_SHOWN = 50;

/** One substitute as the staffing team sees them: contact, qualifications, bookings, LAS days, and what to do. */
export function substituteProfilePage(o: { viewer: StaffViewer; profile: SubstituteProfile; form: VerifyForm; flash?: PageFrame['flash'] }): string {
  const { person, qualificationNames: names, now } = o.profile;
  const name = `${person.firstName} ${person.lastName}`;
  const today = DateTime.fromJSDate(now, { zone: DISPLAY_ZONE }).toISODate()!;
  const upcoming = o.profile.bookings.filter((b) => b.status === 'confirmed' && b.startsAt > now);
  const earlier = o.profile.bookings.filter((b) => !upcoming.includes(b)).reverse();
  const las = o.profile.las;
  return renderPage({
    title: name,
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.substitutes, o.viewer.csrf),
    flash: o.flash,
    hasErrors: Object.keys(o.form.errors).length > 0,
    main: html`<p><a href="${STAFF_PAGES.substitutes}?status=${person.status === 'pending' ? 'vantar' : 'alla'}">Till listan över vikarier</a></p>
<h1>${name}</h1>
<p>Status: <span class="tag">${statusText(person)}</span></p>
<dl class="facts">
<div><dt>Mobilnummer</dt><dd><a href="tel:${person.phone}">${phoneText(person.phone)}</a></dd></div>
<div><dt>E-postadress</dt><dd><a href="mailto:${person.email}">${person.email}</a></dd></div>
<div><dt>Områden</dt><dd>${districtsText(person.districts)}</dd></div>
<div><dt>Anmäld</dt><dd>${formatDate(person.createdAt)}</dd></div>
${person.verifiedAt && html`<div><dt>Aktiverad första gången</dt><dd>${formatDate(person.verifiedAt)}</dd></div>`}
</dl>
<h2>Behörigheter</h2>
${scrollingTable(
  'Behörigheter',
  html`<table>
<caption class="visually-hidden">Behörigheter</caption>
<thead><tr><th scope="col">Behörighet</th><th scope="col">Kontrollerad</th><th scope="col">Giltig till</th></tr></thead>
<tbody>${person.qualifications.map(
    (q) => html`<tr>
<td>${names[q.code] ?? q.code}</td>
<td>${q.verified ? (q.verifiedAt ? `Ja, ${formatDate(q.verifiedAt)}` : 'Ja') : 'Ej kontrollerad'}</td>
<td>${q.validUntil === null ? 'Går inte ut' : `${formatLocalDate(q.validUntil)}${q.validUntil < today ? ' (har gått ut)' : ''}`}</td>
</tr>`,
  )}</tbody>
</table>`,
)}
${person.qualifications.length > 0 && verifyForm(o)}
${statusActions(o.viewer, person, upcoming.length)}
<h2>Bokningar</h2>
<h3>Kommande</h3>
${upcoming.length === 0 ? html`<p>Inga kommande bokningar.</p>` : bookingTable(upcoming, 'Kommande bokningar')}
<h3>Tidigare och avbokade</h3>
${
  earlier.length === 0
    ? html`<p>Inga.</p>`
    : html`${bookingTable(earlier.slice(0, EARLIER_SHOWN), 'Tidigare och avbokade bokningar')}${earlier.length > EARLIER_SHOWN ? html`<p class="muted">Visar de ${EARLIER_SHOWN} senaste av ${earlier.length}.</p>` : ''}`
}
<h2>Anställningsdagar enligt LAS</h2>
<p>Dagar som vikarien har varit anställd, räknade enligt lagen om anställningsskydd (LAS): bokningar genom Vikariebanken och dagar från det tidigare systemet. Vikariat är när hen ersätter någon som är borta; särskild visstidsanställning (SAVA) är annan tillfällig anställning. Blir dagarna många kan anställningen övergå i en tillsvidareanställning, eller ge företrädesrätt till återanställning.</p>
${
  las.warnings.length > 0 &&
  html`<div class="notice"><p>Nära en gräns:</p><ul>${las.warnings.map((w) => html`<li>${capitalised(lasWarningText(w))}.</li>`)}</ul></div>`
}
<dl class="facts">
<div><dt>Vikariat, senaste fem åren</dt><dd>${las.vikariatDays5y} dagar</dd></div>
<div><dt>Särskild visstidsanställning (SAVA), senaste fem åren</dt><dd>${las.savaDays5y} dagar</dd></div>
<div><dt>Båda, senaste tre åren</dt><dd>${las.days3y} dagar</dd></div>
</dl>
${lasThresholdTable(las)}
<p class="muted">Räknat till och med ${formatLocalDate(las.asOf)}. Gränserna är kommunens och ändras under Inställningar.</p>`,
  });
}

/** Pause, activate again, remove: what the status allows. */
function statusActions(viewer: StaffViewer, person: SubstituteDto, upcoming: number): SafeHtml | null {
  if (person.status === 'pending') {
    return html`<h2>Ta bort anmälan</h2>
<p>Ska hen inte bli vikarie hos er? Ta bort hen ur poolen.</p>
<p><a class="button secondary" href="${profileLink(person.id)}/ta-bort">Ta bort ur poolen</a></p>`;
  }
  const kept = upcoming > 0 ? ` ${upcoming === 1 ? 'Den kommande bokningen ligger kvar.' : `De ${upcoming} kommande bokningarna ligger kvar.`}` : '';
  return html`<h2>Status</h2>
${person.status === 'active' && html`<p>Pausa för att hen inte ska få erbjudanden en tid.${kept}</p>`}
${person.status === 'paused' && person.pausedBy === 'self' && html`<p class="notice">Vikarien har själv pausat sig. Aktivera bara om ni har pratat med hen.</p>`}
${person.status === 'removed' && html`<p>Vikarien är borttagen ur poolen. Aktivera hen för att hen ska kunna få erbjudanden igen.</p>`}
<div class="actions">
${
  person.status === 'active' &&
  html`<form method="post" action="${profileLink(person.id)}/pausa">${csrfField(viewer.csrf)}<button type="submit" class="secondary">Pausa</button></form>`
}
${
  (person.status === 'paused' || person.status === 'removed') &&
  html`<form method="post" action="${profileLink(person.id)}/aktivera">${csrfField(viewer.csrf)}<button type="submit">Aktivera</button></form>`
}
${person.status !== 'removed' && html`<a class="button secondary" href="${profileLink(person.id)}/ta-bort">Ta bort ur poolen</a>`}
</div>`;
}

/** The step before removing: what happens, and the way back. */
export function confirmRemovePage(o: { viewer: StaffViewer; person: SubstituteDto; upcoming: number }): string {
  const name = `${o.person.firstName} ${o.person.lastName}`;
  const heading = `Ta bort ${name} ur poolen?`;
  return renderPage({
    title: heading,
    nav: staffNav(o.viewer.role, STAFF_PAGES.substitutes, o.viewer.csrf),
    main: html`<h1>${heading}</h1>
<p>Hen får inga fler erbjudanden och kan inte ta lediga vikariat. Uppgifterna och tidigare bokningar finns kvar, och du kan aktivera hen igen senare.</p>
${
  o.upcoming > 0 &&
  html`<p class="notice">${o.upcoming === 1 ? 'Hen har en kommande bokning.' : `Hen har ${o.upcoming} kommande bokningar.`} Bokningar avbokas inte av att hen tas bort: ställ in dem på vikariatets sida om hen inte ska arbeta.</p>`
}
<form method="post" action="${profileLink(o.person.id)}/ta-bort">
${csrfField(o.viewer.csrf)}
<div class="actions"><button type="submit" class="danger">Ja, ta bort ur poolen</button><a class="button secondary" href="${profileLink(o.person.id)}">Nej, tillbaka</a></div>
</form>`,
  });
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A substitute near a LAS limit, as the list shows them. */
export interface LasWarningListRow {
  substituteId: string;
  name: string;
  rule: LasRule;
  days: number;
  limitDays: number;
  remaining: number;
}

/** Active and paused substitutes within the municipality's warning margin of a LAS limit, nearest first. */
export function lasWarningsPage(o: { viewer: StaffViewer; rows: LasWarningListRow[]; warningDays: number; today: string }): string {
  return renderPage({
    title: 'Nära en gräns i LAS',
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.substitutes, o.viewer.csrf),
    main: html`<p><a href="${STAFF_PAGES.substitutes}">Till listan över vikarier</a></p>
<h1>Nära en gräns i LAS</h1>
<p>Aktiva och pausade vikarier som har färre än ${o.warningDays} dagar kvar till en gräns i lagen om anställningsskydd (LAS), eller har passerat den. Räknat till och med ${formatLocalDate(o.today)}, på bokningar och dagar från det tidigare systemet. Den som är närmast en gräns står först.</p>
${
  o.rows.length === 0
    ? html`<p>Ingen vikarie är nära en gräns just nu.</p>`
    : scrollingTable(
        'Vikarier nära en gräns i LAS',
        html`<table>
<caption class="visually-hidden">Vikarier nära en gräns i LAS</caption>
<thead><tr><th scope="col">Vikarie</th><th scope="col">Gräns</th><th scope="col" class="num">Dagar</th><th scope="col">Kvar</th></tr></thead>
<tbody>${o.rows.map(
          (r) => html`<tr>
<td><a href="${profileLink(r.substituteId)}">${r.name}</a></td>
<td>${capitalised(LAS_RULE_NAMES[r.rule])}</td>
<td class="num">${r.days} av ${r.limitDays}</td>
<td>${lasRemainingText(r)}</td>
</tr>`,
        )}</tbody>
</table>`,
      )
}`,
  });
}
