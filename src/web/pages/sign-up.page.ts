import type { QualificationRecord } from '../../qualifications/qualifications.repository';
import { SERVICE_AREA_NAMES, SERVICE_AREAS } from '../../organisation/service-area';
import { checkbox, errorSummary, FieldErrors, input } from '../forms';
import { districtsField } from './page-parts';
import { html } from '../html';
import { csrfField, renderPage } from '../layout';

export const SIGN_UP_PATH = '/anmalan';
export const PRIVACY_PATH = '/anmalan/personuppgifter';

export interface SignUpValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  qualifications: string[];
  districts: string[];
  consent: boolean;
}

export const EMPTY_SIGN_UP: SignUpValues = { firstName: '', lastName: '', email: '', phone: '', qualifications: [], districts: [], consent: false };

/** What each field of the form says when it is wrong. */
export const SIGN_UP_ERRORS: FieldErrors = {
  firstName: 'Skriv ditt förnamn.',
  lastName: 'Skriv ditt efternamn.',
  phone: 'Skriv ett mobilnummer som kan ta emot SMS, till exempel 070-123 45 67.',
  email: 'Skriv din e-postadress, till exempel namn@exempel.se.',
  qualifications: 'Välj minst en kompetens som du har.',
  districts: 'Välj bland områdena i listan.',
  consent: 'Du behöver godkänna att vi sparar dina uppgifter för att kunna anmäla dig.',
};

/** The field that a summary link leads to, where it is not the field's name. */
const FIELD_IDS = { qualifications: 'qualifications', consent: 'consent' };

export function chooseMunicipalityPage(municipalities: { id: string; name: string }[]): string {
  return renderPage({
    title: 'Anmäl ditt intresse',
    main: html`<h1>Anmäl ditt intresse att arbeta som vikarie</h1>
<p>Välj kommunen du vill arbeta i.</p>
${municipalities.length === 0 ? html`<p>Det finns inga kommuner att anmäla sig till ännu.</p>` : html`<ul>${municipalities.map((m) => html`<li><a href="${SIGN_UP_PATH}?kommun=${m.id}">${m.name}</a></li>`)}</ul>`}`,
  });
}

export function signUpPage(o: {
  municipality: { id: string; name: string };
  qualifications: QualificationRecord[];
  districts: string[];
  values: SignUpValues;
  errors: FieldErrors;
  csrf: string;
}): string {
  const { values, errors } = o;
  const byArea = SERVICE_AREAS.map((area) => ({ area, options: o.qualifications.filter((q) => q.serviceArea === area) })).filter((g) => g.options.length > 0);
  return renderPage({
    title: 'Anmäl ditt intresse',
    hasErrors: Object.keys(errors).length > 0,
    main: html`<h1>Anmäl ditt intresse att arbeta som vikarie</h1>
<p>Som vikarie i ${o.municipality.name} får du erbjudanden om vikariat via SMS och e-post när någon är borta, och tackar ja till det som passar dig.</p>
${errorSummary(errors, FIELD_IDS)}
<form method="post" action="${SIGN_UP_PATH}?kommun=${o.municipality.id}" novalidate>
${csrfField(o.csrf)}
<input type="hidden" name="municipalityId" value="${o.municipality.id}">
<h2>Om dig</h2>
${input({ name: 'firstName', label: 'Förnamn', value: values.firstName, error: errors.firstName, autocomplete: 'given-name' })}
${input({ name: 'lastName', label: 'Efternamn', value: values.lastName, error: errors.lastName, autocomplete: 'family-name' })}
${input({ name: 'phone', label: 'Mobilnummer', type: 'tel', value: values.phone, error: errors.phone, autocomplete: 'tel', hint: 'Hit skickar vi erbjudanden och koder för att logga in, till exempel 070-123 45 67.' })}
${input({ name: 'email', label: 'E-postadress', type: 'email', value: values.email, error: errors.email, autocomplete: 'email' })}
<h2>Vad du kan arbeta som</h2>
<fieldset class="field" id="qualifications"${errors.qualifications ? html` aria-describedby="qualifications-error"` : ''}>
<legend>Kompetenser</legend>
<span class="hint">Välj allt du har utbildning eller erfarenhet för. Bemanningen kontrollerar dina intyg innan du får erbjudanden.</span>
${errors.qualifications && html`<p class="field-error" id="qualifications-error">${errors.qualifications}</p>`}
${byArea.map(
  (group) => html`<h3>${SERVICE_AREA_NAMES[group.area]}</h3>
${group.options.map((q) => html`<div class="choice"><input type="checkbox" id="qualification-${q.code}" name="qualifications" value="${q.code}"${values.qualifications.includes(q.code) ? html` checked` : ''}><label for="qualification-${q.code}">${q.name}</label></div>`)}`,
)}
</fieldset>
${districtsField(o.districts, values.districts, errors.districts)}
<h2>Dina uppgifter</h2>
<p>Vi sparar uppgifterna ovan för att kunna erbjuda dig vikariat. Du kan när som helst se allt vi har om dig och radera det. <a href="${PRIVACY_PATH}">Läs hur vi hanterar dina personuppgifter</a>.</p>
${checkbox({ name: 'consent', label: 'Jag godkänner att Vikariebanken sparar och använder mina uppgifter på det sätt som beskrivs.', checked: values.consent, error: errors.consent })}
<button type="submit">Skicka anmälan</button>
</form>`,
  });
}

export function signUpDonePage(municipalityName: string): string {
  return renderPage({
    title: 'Tack för din anmälan',
    main: html`<h1>Tack för din anmälan</h1>
<p>Vi har tagit emot din anmälan som vikarie i ${municipalityName}. Du får ett meddelande om vad som händer härnäst.</p>
<p>Bemanningen kontrollerar dina uppgifter och behörigheter. När du är godkänd får du erbjudanden om vikariat via SMS och e-post.</p>
<p>Redan nu kan du <a href="/vikarie/logga-in">logga in på dina sidor</a> och ange när du kan arbeta.</p>`,
  });
}

export function privacyPage(): string {
  return renderPage({
    title: 'Så hanterar vi dina personuppgifter',
    main: html`<h1>Så hanterar vi dina personuppgifter</h1>
<h2>Vad vi sparar</h2>
<p>Ditt namn, mobilnummer och e-postadress, vilka kompetenser du har och var du vill arbeta, när du kan arbeta, de erbjudanden du får och de vikariat du bokas på, och de meddelanden vi skickar till dig. Vi sparar aldrig ditt personnummer.</p>
<h2>Varför</h2>
<p>För att kunna erbjuda dig vikariat som passar dina kompetenser, områden och tider, boka dig och räkna dina anställningsdagar enligt lagen om anställningsskydd (LAS).</p>
<h2>Vem som ser uppgifterna</h2>
<p>Kommunens bemanning ser allt. En chef ser ditt namn när du har erbjudits eller bokats på ett vikariat på chefens enhet.</p>
<h2>Hur länge</h2>
<p>Så länge du är vikarie hos oss. Raderar du dina uppgifter tas namn, kontaktuppgifter, kompetenser, tider och meddelanden bort. Genomförda vikariat sparas utan namn för kommunens statistik.</p>
<h2>Dina rättigheter</h2>
<p>På dina sidor kan du ladda ner allt vi har om dig och radera dina uppgifter. Du kan också kontakta kommunens bemanning.</p>
<p><a href="${SIGN_UP_PATH}">Till anmälan</a></p>`,
  });
}
