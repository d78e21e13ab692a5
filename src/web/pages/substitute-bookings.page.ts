import type { MyBookingDto } from '../../account/dto/me.dto';
import { errorSummary, FieldErrors, textarea } from '../forms';
import { html } from '../html';
import { csrfField, PageFrame, renderPage } from '../layout';
import { shiftList, SUBSTITUTE_PAGES, substituteNav } from './page-parts';

export function bookingsPage(o: { bookings: MyBookingDto[]; csrf: string; now: Date; flash?: PageFrame['flash'] }): string {
  const upcoming = o.bookings.filter((b) => b.status === 'confirmed' && b.startsAt > o.now);
  const earlier = o.bookings.filter((b) => !upcoming.includes(b)).reverse();
  return renderPage({
    title: 'Bokningar',
    nav: substituteNav(SUBSTITUTE_PAGES.bookings, o.csrf),
    flash: o.flash,
    main: html`<h1>Bokningar</h1>
<h2>Kommande</h2>
${
  upcoming.length === 0
    ? html`<p>Du har inga kommande bokningar.</p>`
    : html`<ul class="items">${upcoming.map(
        (b) => html`<li class="item">
<h3>${b.unit}</h3>
<p>${b.qualificationName}${b.address ? html`, ${b.address}` : ''}</p>
${shiftList(b.shifts)}
<p><a href="${SUBSTITUTE_PAGES.bookings}/${b.id}/avboka">Avboka<span class="visually-hidden"> ${b.unit}</span></a></p>
</li>`,
      )}</ul>`
}
<h2>Tidigare och avbokade</h2>
${
  earlier.length === 0
    ? html`<p>Inga ännu.</p>`
    : html`<ul class="items">${earlier.map(
        (b) => html`<li class="item">
<h3>${b.unit}${b.status === 'cancelled' ? ' (avbokad)' : ''}</h3>
<p>${b.qualificationName}</p>
${shiftList(b.shifts)}
</li>`,
      )}</ul>`
}`,
  });
}

export function cancelBookingPage(o: { booking: MyBookingDto; reason: string; errors: FieldErrors; csrf: string }): string {
  return renderPage({
    title: 'Avboka',
    nav: substituteNav(SUBSTITUTE_PAGES.bookings, o.csrf),
    hasErrors: Object.keys(o.errors).length > 0,
    main: html`<h1>Avboka ${o.booking.unit}</h1>
${shiftList(o.booking.shifts)}
<p>Enheten får veta att du har avbokat och vi börjar söka en ny vikarie. Avboka så tidigt du kan.</p>
${errorSummary(o.errors)}
<form method="post" action="${SUBSTITUTE_PAGES.bookings}/${o.booking.id}/avboka" novalidate>
${csrfField(o.csrf)}
${textarea({ name: 'reason', label: 'Varför avbokar du?', value: o.reason, error: o.errors.reason, hint: 'Enhetens chef ser det du skriver.' })}
<div class="actions"><button type="submit" class="danger">Avboka</button><a class="button secondary" href="${SUBSTITUTE_PAGES.bookings}">Behåll bokningen</a></div>
</form>`,
  });
}
