import { errorSummary, FieldErrors, input, select } from '../forms';
import { html } from '../html';
import { csrfField, renderPage } from '../layout';
import { SUBSTITUTE_PAGES } from './page-parts';

export const SIGN_IN_ERRORS: FieldErrors = {
  municipalityId: 'Välj kommunen du är anmäld i.',
  contact: 'Skriv mobilnumret eller e-postadressen du anmälde dig med.',
  code: 'Koden stämmer inte eller gäller inte längre. Skriv de sex siffrorna igen, eller be om en ny kod.',
};

export function signInPage(o: { municipalities: { id: string; name: string }[]; municipalityId: string; contact: string; errors: FieldErrors; csrf: string }): string {
  return renderPage({
    title: 'Logga in',
    hasErrors: Object.keys(o.errors).length > 0,
    main: html`<h1>Logga in som vikarie</h1>
<p>Du får en kod med SMS eller e-post. Den gäller i 10 minuter.</p>
${errorSummary(o.errors)}
<form method="post" action="${SUBSTITUTE_PAGES.signIn}" novalidate>
${csrfField(o.csrf)}
${
  o.municipalities.length === 1
    ? html`<input type="hidden" name="municipalityId" value="${o.municipalities[0].id}"><p>Kommun: ${o.municipalities[0].name}</p>`
    : select({
        name: 'municipalityId',
        label: 'Kommun',
        options: [{ value: '', label: 'Välj kommun' }, ...o.municipalities.map((m) => ({ value: m.id, label: m.name }))],
        value: o.municipalityId,
        error: o.errors.municipalityId,
      })
}
${input({ name: 'contact', label: 'Mobilnummer eller e-postadress', value: o.contact, error: o.errors.contact, autocomplete: 'username', hint: 'Det du anmälde dig med, till exempel 070-123 45 67.' })}
<button type="submit">Skicka kod</button>
</form>
<p>Inte anmäld än? <a href="/anmalan">Anmäl ditt intresse</a>.</p>`,
  });
}

export function codePage(o: { municipalityId: string; contact: string; byEmail: boolean; errors: FieldErrors; csrf: string }): string {
  return renderPage({
    title: 'Skriv koden',
    hasErrors: Object.keys(o.errors).length > 0,
    main: html`<h1>Skriv koden</h1>
<p>Om ${o.contact} finns hos oss har vi skickat en kod ${o.byEmail ? 'till den e-postadressen' : 'med SMS till det numret'}. Koden gäller i 10 minuter.</p>
${errorSummary(o.errors)}
<form method="post" action="${SUBSTITUTE_PAGES.signIn}/kod" novalidate>
${csrfField(o.csrf)}
<input type="hidden" name="municipalityId" value="${o.municipalityId}">
<input type="hidden" name="contact" value="${o.contact}">
${input({ name: 'code', label: 'Kod', value: '', error: o.errors.code, autocomplete: 'one-time-code', inputmode: 'numeric', hint: 'Sex siffror.' })}
<button type="submit">Logga in</button>
</form>
<p>Fick du ingen kod? <a href="${SUBSTITUTE_PAGES.signIn}">Be om en ny</a>.</p>`,
  });
}
