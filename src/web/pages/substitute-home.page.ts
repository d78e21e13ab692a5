import type { MyBookingDto, MyOfferDto } from '../../account/dto/me.dto';
import type { LasAssessment } from '../../bookings/las-days';
import type { SubstituteDto } from '../../substitutes/dto/substitute.dto';
import { html } from '../html';
import { lasWarningText } from './las-parts';
import { PageFrame, renderPage } from '../layout';
import { formatDateTime, shiftList, SUBSTITUTE_PAGES, substituteNav } from './page-parts';

export function homePage(o: { me: SubstituteDto; offers: MyOfferDto[]; bookings: MyBookingDto[]; las: LasAssessment; csrf: string; flash?: PageFrame['flash'] }): string {
  const next = o.bookings.find((b) => b.status === 'confirmed' && b.startsAt > new Date());
  return renderPage({
    title: 'Översikt',
    nav: substituteNav(SUBSTITUTE_PAGES.home, o.csrf),
    flash: o.flash,
    main: html`<h1>Hej ${o.me.firstName}!</h1>
${o.me.status === 'pending' && html`<p class="notice">Bemanningen kontrollerar dina uppgifter. När du är godkänd börjar du få erbjudanden. Ange gärna redan nu <a href="${SUBSTITUTE_PAGES.availability}">när du kan arbeta</a>.</p>`}
${o.me.status === 'paused' && html`<p class="notice">Du får inga erbjudanden just nu. Du kan ändra det under <a href="${SUBSTITUTE_PAGES.profile}">Profil</a>.</p>`}
${o.me.status === 'removed' && html`<p class="notice">Du får inte längre erbjudanden. Kontakta bemanningen om du tror att det är fel.</p>`}
<h2>Erbjudanden att svara på</h2>
${o.offers.length === 0 ? html`<p>Du har inga erbjudanden att svara på just nu.</p>` : html`<p>Du har ${o.offers.length === 1 ? 'ett erbjudande' : `${o.offers.length} erbjudanden`} att svara på. <a href="${SUBSTITUTE_PAGES.offers}">Visa och svara</a>.</p>`}
<h2>Nästa bokning</h2>
${next ? html`<p>${next.unit}, ${next.qualificationName}${next.shifts.length > 1 ? `, ${next.shifts.length} pass` : ''}:</p>${shiftList(next.shifts.slice(0, 3))}<p><a href="${SUBSTITUTE_PAGES.bookings}">Alla bokningar</a></p>` : html`<p>Du har ingen kommande bokning. <a href="${SUBSTITUTE_PAGES.open}">Se lediga vikariat</a>.</p>`}
<h2>Dina anställningsdagar</h2>
<p>Räknat till och med i dag, enligt lagen om anställningsskydd: ${o.las.vikariatDays5y} dagar vikariat och ${o.las.savaDays5y} dagar särskild visstidsanställning de senaste fem åren, ${o.las.days3y} dagar de senaste tre åren. <a href="${SUBSTITUTE_PAGES.myData}">Mer om dina uppgifter</a>.</p>
${
  o.las.warnings.length > 0 &&
  html`<div class="notice"><p>Du är nära en gräns i lagen om anställningsskydd (LAS). Prata med bemanningen om du har frågor.</p><ul>${o.las.warnings.map((w) => html`<li>${lasWarningText(w).replace(/^./, (c) => c.toUpperCase())}.</li>`)}</ul></div>`
}`,
  });
}

export function offersPage(o: { offers: MyOfferDto[]; csrf: string; flash?: PageFrame['flash'] }): string {
  return renderPage({
    title: 'Erbjudanden',
    nav: substituteNav(SUBSTITUTE_PAGES.offers, o.csrf),
    flash: o.flash,
    main: html`<h1>Erbjudanden</h1>
${
  o.offers.length === 0
    ? html`<p>Du har inga erbjudanden att svara på just nu. Nya erbjudanden kommer med SMS och e-post, och visas här.</p>`
    : html`<ul class="items">${o.offers.map(
        (offer) => html`<li class="item">
<h2>${offer.unit}</h2>
<p>${offer.qualificationName}${offer.address ? html`, ${offer.address}` : ''}</p>
${shiftList(offer.shifts)}
<p>Svara senast ${formatDateTime(offer.expiresAt)}.</p>
<div class="actions">
<form method="post" action="${SUBSTITUTE_PAGES.offers}/${offer.id}/ja"><input type="hidden" name="_csrf" value="${o.csrf}"><button type="submit">Ja, jag tar ${offer.shifts.length === 1 ? 'passet' : 'passen'}</button></form>
<form method="post" action="${SUBSTITUTE_PAGES.offers}/${offer.id}/nej"><input type="hidden" name="_csrf" value="${o.csrf}"><button type="submit" class="secondary">Nej tack</button></form>
</div>
</li>`,
      )}</ul>`
}`,
  });
}
