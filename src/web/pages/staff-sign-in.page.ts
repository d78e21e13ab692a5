import { errorSummary, FieldErrors, input } from '../forms';
import { html } from '../html';
import { csrfField, renderPage } from '../layout';
import { STAFF_PAGES } from './staff-parts';

export const STAFF_SIGN_IN_ERRORS: FieldErrors = {
  email: 'Skriv din e-postadress i kommunen, till exempel anna.chef@norrkoping.se.',
  password: 'Skriv ditt lösenord.',
  credentials: 'E-postadressen eller lösenordet stämmer inte. Försök igen.',
};

export function staffSignInPage(o: { email: string; errors: FieldErrors; csrf: string; locked?: boolean }): string {
  return renderPage({
    title: 'Logga in för personal',
    hasErrors: Object.keys(o.errors).length > 0,
    main: html`<h1>Logga in för personal</h1>
<p>För enhetschefer och bemanningen. Är du vikarie? <a href="/vikarie">Logga in som vikarie</a>.</p>
${o.locked && html`<p class="notice" role="alert">För många försök. Vänta en stund och försök sedan igen.</p>`}
${errorSummary(o.errors, { credentials: 'email' })}
<form method="post" action="${STAFF_PAGES.signIn}" novalidate>
${csrfField(o.csrf)}
${input({ name: 'email', label: 'E-postadress', type: 'email', value: o.email, error: o.errors.email, autocomplete: 'username' })}
<div class="field">
<label for="password">Lösenord</label>
${o.errors.password && html`<p class="field-error" id="password-error">${o.errors.password}</p>`}
<input id="password" name="password" type="password" autocomplete="current-password"${o.errors.password ? html` aria-invalid="true" aria-describedby="password-error" class="invalid"` : ''}>
</div>
<button type="submit">Logga in</button>
</form>`,
  });
}
