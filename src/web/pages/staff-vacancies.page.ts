import type { Role } from '../../access/actor';
import type { AbsenceReason } from '../../absences/absence.entity';
import type { VacancyStatus } from '../../absences/vacancy-status';
import type { OfferStatus } from '../../offers/offer-status';
import { formatDateTime } from '../../notifications/templates/format-time';
import { errorSummary, FieldErrors, select } from '../forms';
import { html, SafeHtml } from '../html';
import { csrfField, PageFrame, renderPage } from '../layout';
import { liveVersion } from '../live-events';
import { OFFER_STATUS_NAMES, REASON_NAMES, scrollingTable, shiftSummary, STAFF_PAGES, staffNav, statusTag } from './staff-parts';

/** A vacancy in a list: enough to recognise it and see how it goes. */
export interface VacancyRow {
  id: string;
  status: VacancyStatus;
  unit: string;
  qualification: string;
  shifts: { start: Date; end: Date }[];
  pendingOffers: number;
}

export interface StaffViewer {
  role: Role;
  csrf: string;
}

const vacancyLink = (id: string) => `${STAFF_PAGES.vacancies}/${id}`;

function vacancyTable(rows: VacancyRow[], caption: string, empty: string): SafeHtml {
  if (rows.length === 0) return html`<p>${empty}</p>`;
  return scrollingTable(caption, html`<table>
<caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Enhet och behörighet</th><th scope="col">Pass</th><th scope="col">Status</th><th scope="col">Ute nu</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr>
<td><a href="${vacancyLink(r.id)}">${r.unit}</a><br><span class="muted">${r.qualification}</span></td>
<td>${shiftSummary(r.shifts, 2)}</td>
<td>${statusTag(r.status)}</td>
<td>${r.pendingOffers > 0 ? `${r.pendingOffers} väntar på svar` : '–'}</td>
</tr>`,
  )}</tbody>
</table>`);
}

/** What needs attention now: vacancies starting soon that nobody has taken, unfilled ones, offers out. */
export function staffHomePage(o: { viewer: StaffViewer; name: string; soon: VacancyRow[]; unfilled: VacancyRow[]; offering: VacancyRow[]; flash?: PageFrame['flash'] }): string {
  return renderPage({
    title: 'Start',
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.home, o.viewer.csrf),
    flash: o.flash,
    main: html`<h1>Hej ${o.name}!</h1>
<p><a class="button" href="${STAFF_PAGES.newAbsence}">Lägg in frånvaro</a></p>
<h2>Börjar inom ett dygn och är inte tillsatta</h2>
${vacancyTable(o.soon, 'Vikariat som börjar inom ett dygn', 'Inga. Allt som börjar det närmaste dygnet är tillsatt.')}
<h2>Ej tillsatta</h2>
${vacancyTable(o.unfilled, 'Ej tillsatta vikariat', 'Inga vikariat står utan vikarie.')}
<h2>Erbjudanden ute</h2>
${vacancyTable(o.offering, 'Vikariat med erbjudanden ute', 'Inga erbjudanden väntar på svar.')}`,
  });
}

export function vacancyListPage(o: { viewer: StaffViewer; rows: VacancyRow[]; status: string; statuses: { value: string; label: string }[]; page: number; hasNext: boolean; flash?: PageFrame['flash'] }): string {
  const pageLink = (n: number) => `${STAFF_PAGES.vacancies}?status=${o.status}&sida=${n}`;
  return renderPage({
    title: 'Vikariat',
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.vacancies, o.viewer.csrf),
    flash: o.flash,
    main: html`<h1>Vikariat</h1>
<form method="get" action="${STAFF_PAGES.vacancies}" class="filters">
${select({ name: 'status', label: 'Visa', options: o.statuses, value: o.status })}
<button type="submit" class="secondary">Visa</button>
</form>
<p class="muted">Vikariat som pågår eller slutade de senaste två veckorna, det som börjar först överst.</p>
${vacancyTable(o.rows, 'Vikariat', 'Inga vikariat att visa.')}
${
  (o.page > 1 || o.hasNext) &&
  html`<nav class="pager" aria-label="Sidor">${o.page > 1 ? html`<a href="${pageLink(o.page - 1)}">Föregående sida</a>` : html`<span></span>`}<span>Sida ${o.page}</span>${o.hasNext ? html`<a href="${pageLink(o.page + 1)}">Nästa sida</a>` : html`<span></span>`}</nav>`
}`,
  });
}

/** One vacancy as its unit follows it: the part inside `live` is what changes while offers go out. */
export interface VacancyView {
  id: string;
  status: VacancyStatus;
  unit: string;
  address: string | null;
  qualification: string;
  reason: AbsenceReason;
  programme: string | null;
  note: string | null;
  absenceId: string;
  shifts: { start: Date; end: Date }[];
  waveCount: number;
  nextWaveAt: Date | null;
  offers: { name: string; wave: number; status: OfferStatus; answeredAt: Date | null; expiresAt: Date }[];
  booked: { name: string; phone: string; bookingId: string } | null;
}

export interface BookByHandForm {
  /** `las`: the nearest LAS limit booking this vacancy would bring within the warning margin ("12 dagar kvar till företrädesrätt"). */
  candidates: { id: string; name: string; las: string | null }[];
  substituteId: string;
  errors: FieldErrors;
}

/** The state of what the live part shows: a new version means the page is out of date. */
export function vacancyVersion(v: VacancyView): string {
  return liveVersion([v.status, v.booked?.bookingId ?? null, v.nextWaveAt, v.offers.map((o) => [o.name, o.wave, o.status])]);
}

/** The part of the vacancy page that live updates replace. */
export function vacancyLivePart(v: VacancyView): SafeHtml {
  return html`<p>Status: ${statusTag(v.status)}</p>
${v.booked && html`<p class="flash">Bokad: <strong>${v.booked.name}</strong>, ${v.booked.phone}.</p>`}
${v.status === 'offering' && v.nextWaveAt && html`<p>Nästa omgång erbjudanden går ut ${formatDateTime(v.nextWaveAt)} om ingen tackar ja innan dess.</p>`}
<h2>Erbjudanden</h2>
${
  v.offers.length === 0
    ? html`<p>${v.status === 'open' ? 'Matchningen letar efter vikarier. Sidan uppdateras när erbjudanden går ut.' : 'Inga erbjudanden har gått ut.'}</p>`
    : scrollingTable('Erbjudanden', html`<table>
<caption class="visually-hidden">Erbjudanden, omgång för omgång</caption>
<thead><tr><th scope="col">Omgång</th><th scope="col">Vikarie</th><th scope="col">Svar</th></tr></thead>
<tbody>${v.offers.map(
        (offer) => html`<tr><td>${offer.wave}</td><td>${offer.name}</td><td>${OFFER_STATUS_NAMES[offer.status]}<br><span class="muted">${
          offer.answeredAt ? formatDateTime(offer.answeredAt) : offer.status === 'pending' ? `svar senast ${formatDateTime(offer.expiresAt)}` : ''
        }</span></td></tr>`,
      )}</tbody>
</table>`)
}`;
}

export function vacancyPage(o: { viewer: StaffViewer; vacancy: VacancyView; book: BookByHandForm; flash?: PageFrame['flash'] }): string {
  const v = o.vacancy;
  const live = v.status === 'open' || v.status === 'offering';
  const bookable = (live || v.status === 'unfilled') && v.shifts[0].start > new Date();
  return renderPage({
    title: `Vikariat ${v.unit}`,
    wide: true,
    liveUpdates: live,
    nav: staffNav(o.viewer.role, STAFF_PAGES.vacancies, o.viewer.csrf),
    flash: o.flash,
    hasErrors: Object.keys(o.book.errors).length > 0,
    main: html`<h1>${v.unit}: ${v.qualification}</h1>
<dl class="facts">
<div><dt>Orsak</dt><dd>${REASON_NAMES[v.reason]}${v.programme ? `, ${v.programme}` : ''}</dd></div>
${v.address && html`<div><dt>Adress</dt><dd>${v.address}</dd></div>`}
<div><dt>Pass</dt><dd>${shiftSummary(v.shifts, 20)}</dd></div>
${v.note && html`<div><dt>Anteckning</dt><dd>${v.note}</dd></div>`}
</dl>
<div id="levande" aria-live="polite"${live ? html` data-live-events="${vacancyLink(v.id)}/handelser?version=${vacancyVersion(v)}"` : ''}>${vacancyLivePart(v)}</div>
<div id="atgarder" data-live-part>
${
  bookable &&
  html`<h2>Boka en vikarie direkt</h2>
<p>${v.status === 'unfilled' ? 'Matchningen hittade ingen vikarie. ' : ''}Har du själv kommit överens med en vikarie? Boka hen här. Vikarien får en bekräftelse med SMS och e-post, och erbjudanden som är ute återkallas.</p>
${errorSummary(o.book.errors)}
${
  o.book.candidates.length === 0
    ? html`<p>Ingen aktiv vikarie har behörigheten ${v.qualification}.</p>`
    : html`<form method="post" action="${vacancyLink(v.id)}/boka" novalidate>
${csrfField(o.viewer.csrf)}
${select({ name: 'substituteId', label: 'Vikarie', options: [{ value: '', label: 'Välj vikarie' }, ...o.book.candidates.map((c) => ({ value: c.id, label: c.las ? `${c.name} – LAS: ${c.las}` : c.name }))], value: o.book.substituteId, error: o.book.errors.substituteId })}
${o.book.candidates.some((c) => c.las) && html`<p class="muted">Står det LAS vid ett namn skulle det här vikariatet ta vikarien nära eller över en gräns i lagen om anställningsskydd.</p>`}
<button type="submit">Boka</button>
</form>`
}`
}
${
  v.status !== 'cancelled' &&
  html`<h2>Ställ in</h2>
<p>Behövs ingen vikarie längre? Erbjudanden återkallas och en bokad vikarie får veta det.</p>
<div class="actions">
<a class="button secondary" href="${vacancyLink(v.id)}/stall-in">Ställ in vikariatet</a>
<a class="button secondary" href="${STAFF_PAGES.vacancies}/franvaro/${v.absenceId}/stall-in">Ställ in hela frånvaron</a>
</div>`
}
</div>`,
  });
}

/** A confirmation step before cancelling: what will happen, and the way back. */
export function confirmCancelPage(o: { viewer: StaffViewer; what: 'vacancy' | 'absence'; action: string; back: string; unit: string; shifts: { start: Date; end: Date }[] }): string {
  const heading = o.what === 'vacancy' ? `Ställa in vikariatet på ${o.unit}?` : `Ställa in hela frånvaron på ${o.unit}?`;
  return renderPage({
    title: heading,
    nav: staffNav(o.viewer.role, STAFF_PAGES.vacancies, o.viewer.csrf),
    main: html`<h1>${heading}</h1>
${shiftSummary(o.shifts, 10)}
<p>Erbjudanden som är ute återkallas. Är en vikarie bokad avbokas hen och får veta det med SMS och e-post. Det går inte att ångra.</p>
<form method="post" action="${o.action}">
${csrfField(o.viewer.csrf)}
<div class="actions"><button type="submit" class="danger">Ja, ställ in</button><a class="button secondary" href="${o.back}">Nej, tillbaka</a></div>
</form>`,
  });
}
