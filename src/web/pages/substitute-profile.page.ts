import type { LasCountDto } from '../../account/dto/me.dto';
import type { OpenVacancyDto } from '../../staffing/dto/open-vacancy.dto';
import type { SubstituteDto } from '../../substitutes/dto/substitute.dto';
import { checkbox, errorSummary, FieldErrors, input } from '../forms';
import { html } from '../html';
import { csrfField, PageFrame, renderPage } from '../layout';
import { districtsField, shiftList, SUBSTITUTE_PAGES, substituteNav } from './page-parts';

export const PROFILE_ERRORS: FieldErrors = {
  phone: 'Skriv ett mobilnummer som kan ta emot SMS, till exempel 070-123 45 67. Det får inte vara en annan vikaries.',
  email: 'Skriv en e-postadress, till exempel namn@exempel.se. Den får inte vara en annan vikaries.',
  districts: 'Välj bland områdena i listan.',
  paused: 'Bemanningen har pausat dig. Kontakta dem för att få erbjudanden igen.',
};

export function openVacanciesPage(o: { vacancies: OpenVacancyDto[]; csrf: string; flash?: PageFrame['flash'] }): string {
  return renderPage({
    title: 'Lediga vikariat',
    nav: substituteNav(SUBSTITUTE_PAGES.open, o.csrf),
    flash: o.flash,
    main: html`<h1>Lediga vikariat</h1>
<p>Vikariat som du kan ta direkt: de passar dina kompetenser, områden och tider. Tar du ett är du bokad.</p>
${
  o.vacancies.length === 0
    ? html`<p>Det finns inga lediga vikariat för dig just nu.</p>`
    : html`<ul class="items">${o.vacancies.map(
        (v) => html`<li class="item">
<h2>${v.unit}</h2>
<p>${v.qualificationName}${v.address ? html`, ${v.address}` : ''}</p>
${shiftList(v.shifts)}
<form method="post" action="${SUBSTITUTE_PAGES.open}/${v.id}/ta">${csrfField(o.csrf)}<button type="submit">Ta vikariatet<span class="visually-hidden"> på ${v.unit}</span></button></form>
</li>`,
      )}</ul>`
}`,
  });
}

export function profilePage(o: { me: SubstituteDto; qualificationNames: Record<string, string>; districts: string[]; values: { phone: string; email: string; districts: string[]; paused: boolean }; errors: FieldErrors; csrf: string; flash?: PageFrame['flash'] }): string {
  const pausedByStaff = o.me.status === 'paused' && o.me.pausedBy === 'staff';
  return renderPage({
    title: 'Profil',
    nav: substituteNav(SUBSTITUTE_PAGES.profile, o.csrf),
    flash: o.flash,
    hasErrors: Object.keys(o.errors).length > 0,
    main: html`<h1>Profil</h1>
<dl class="facts">
<div><dt>Namn</dt><dd>${o.me.firstName} ${o.me.lastName}</dd></div>
<div><dt>Kompetenser</dt><dd>${o.me.qualifications.map((q) => `${o.qualificationNames[q.code] ?? q.code}${q.verified ? '' : ' (kontrolleras)'}`).join(', ')}</dd></div>
</dl>
${errorSummary(o.errors)}
<form method="post" action="${SUBSTITUTE_PAGES.profile}" novalidate>
${csrfField(o.csrf)}
${input({ name: 'phone', label: 'Mobilnummer', type: 'tel', value: o.values.phone, error: o.errors.phone, autocomplete: 'tel' })}
${input({ name: 'email', label: 'E-postadress', type: 'email', value: o.values.email, error: o.errors.email, autocomplete: 'email' })}
${districtsField(o.districts, o.values.districts, o.errors.districts)}
${pausedByStaff ? html`<p class="notice">Bemanningen har pausat dig, så du får inga erbjudanden.</p>` : checkbox({ name: 'paused', label: 'Pausa: jag vill inte få erbjudanden just nu', checked: o.values.paused, error: o.errors.paused })}
<button type="submit">Spara</button>
</form>`,
  });
}

export function myDataPage(o: { las: LasCountDto; csrf: string }): string {
  return renderPage({
    title: 'Mina uppgifter',
    nav: substituteNav(SUBSTITUTE_PAGES.myData, o.csrf),
    main: html`<h1>Mina uppgifter</h1>
<h2>Anställningsdagar enligt LAS</h2>
<dl class="facts">
<div><dt>Vikariat, senaste fem åren</dt><dd>${o.las.vikariatDays5y} dagar</dd></div>
<div><dt>Särskild visstidsanställning, senaste fem åren</dt><dd>${o.las.savaDays5y} dagar</dd></div>
<div><dt>Båda, senaste tre åren</dt><dd>${o.las.days3y} dagar</dd></div>
</dl>
<p class="muted">Räknat till och med ${o.las.asOf}, på de vikariat du har bokats på här och dagar från kommunens tidigare system.</p>
<h2>Ladda ner</h2>
<p>Allt vi har om dig: profil, tider, erbjudanden, bokningar och meddelanden, som en fil.</p>
<p><a class="button secondary" href="${SUBSTITUTE_PAGES.myData}/export" download>Ladda ner mina uppgifter</a></p>
<h2>Radera</h2>
<p>Du kan radera dina uppgifter och sluta vara vikarie hos oss.</p>
<p><a href="${SUBSTITUTE_PAGES.myData}/radera">Radera mina uppgifter</a></p>`,
  });
}

export function erasePage(o: { upcoming: number; error?: string; csrf: string }): string {
  return renderPage({
    title: 'Radera mina uppgifter',
    nav: substituteNav(SUBSTITUTE_PAGES.myData, o.csrf),
    hasErrors: Boolean(o.error),
    main: html`<h1>Radera mina uppgifter</h1>
<p>Det här går inte att ångra. När du raderar:</p>
<ul>
<li>tas ditt namn, dina kontaktuppgifter, kompetenser, tider och meddelanden bort,</li>
${o.upcoming > 0 && html`<li>avbokas ${o.upcoming === 1 ? 'din kommande bokning' : `dina ${o.upcoming} kommande bokningar`}, och enheterna får veta det,</li>`}
<li>sparas genomförda vikariat utan namn, för kommunens statistik,</li>
<li>loggas du ut och kan inte logga in igen.</li>
</ul>
${errorSummary(o.error ? { confirm: o.error } : {})}
<form method="post" action="${SUBSTITUTE_PAGES.myData}/radera" novalidate>
${csrfField(o.csrf)}
${checkbox({ name: 'confirm', label: 'Jag förstår och vill radera mina uppgifter', checked: false, error: o.error })}
<div class="actions"><button type="submit" class="danger">Radera</button><a class="button secondary" href="${SUBSTITUTE_PAGES.myData}">Avbryt</a></div>
</form>`,
  });
}

export function erasedPage(): string {
  return renderPage({
    title: 'Dina uppgifter är raderade',
    main: html`<h1>Dina uppgifter är raderade</h1>
<p>Tack för den tid du har varit vikarie hos oss. Vill du komma tillbaka kan du <a href="/anmalan">anmäla dig igen</a>.</p>`,
  });
}
