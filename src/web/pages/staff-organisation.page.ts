import type { StaffRole } from '../../organisation/staff-user.entity';
import { PASSWORD_MIN_LENGTH } from '../../organisation/passwords';
import { SERVICE_AREA_NAMES, SERVICE_AREAS, ServiceArea } from '../../organisation/service-area';
import type { SubstituteStatus } from '../../substitutes/substitute.entity';
import { checkboxes, errorSummary, FieldErrors, input, select } from '../forms';
import { html, SafeHtml } from '../html';
import { csrfField, PageFrame, renderPage } from '../layout';
import { scrollingTable, STAFF_PAGES, staffNav, SUBSTITUTE_STATUS_NAMES } from './staff-parts';
import type { StaffViewer } from './staff-vacancies.page';

export interface UnitRow {
  id: string;
  name: string;
  serviceArea: ServiceArea;
  district: string;
  address: string | null;
}

/* ---------- Units ---------- */

/** What the form "Ny enhet" posts: the names of POST /api/v1/units. */
export interface UnitFormValues {
  name: string;
  serviceArea: string;
  district: string;
  address: string;
}

export const EMPTY_UNIT_FORM: UnitFormValues = { name: '', serviceArea: '', district: '', address: '' };

/** Each field's problem; also the order of the error summary. */
export const UNIT_ERRORS: FieldErrors = {
  name: 'Skriv enhetens namn, högst 200 tecken.',
  serviceArea: 'Välj vilken verksamhet enheten hör till.',
  district: 'Skriv området som enheten ligger i, högst 100 tecken.',
  address: 'Adressen får vara högst 300 tecken.',
};

const unitLink = (id: string) => `${STAFF_PAGES.units}/${id}`;

export function unitsPage(o: { viewer: StaffViewer; units: UnitRow[]; form?: { values: UnitFormValues; errors: FieldErrors }; flash?: PageFrame['flash'] }): string {
  const admin = o.viewer.role === 'admin';
  const errors = o.form?.errors ?? {};
  return renderPage({
    title: 'Enheter',
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.units, o.viewer.csrf),
    flash: o.flash,
    hasErrors: Object.keys(errors).length > 0,
    main: html`<h1>Enheter</h1>
${
  o.units.length === 0
    ? html`<p>${admin ? 'Det finns inga enheter ännu. Lägg till den första nedan.' : 'Du ansvarar inte för någon enhet ännu. Kontakta bemanningen.'}</p>`
    : html`<p>Välj en enhet för att se och ändra vilka vikarier den helst vill ha och vilka den har spärrat.</p>
${scrollingTable(
  'Enheter',
  html`<table>
<caption class="visually-hidden">${admin ? 'Kommunens enheter' : 'Dina enheter'}</caption>
<thead><tr><th scope="col">Enhet</th><th scope="col">Verksamhet</th><th scope="col">Område</th><th scope="col">Adress</th></tr></thead>
<tbody>${o.units.map(
    (u) => html`<tr><td><a href="${unitLink(u.id)}">${u.name}</a></td><td>${SERVICE_AREA_NAMES[u.serviceArea]}</td><td>${u.district}</td><td>${u.address ?? '–'}</td></tr>`,
  )}</tbody>
</table>`,
)}`
}
${admin && o.form && newUnitForm(o.viewer.csrf, o.form.values, errors)}`,
  });
}

function newUnitForm(csrf: string, v: UnitFormValues, e: FieldErrors): SafeHtml {
  return html`<h2 id="ny-enhet">Ny enhet</h2>
${errorSummary(e)}
<form method="post" action="${STAFF_PAGES.units}" novalidate>
${csrfField(csrf)}
${input({ name: 'name', label: 'Namn', value: v.name, error: e.name, hint: 'Till exempel Hagaskolan eller Vrinnevihemmet.' })}
${select({ name: 'serviceArea', label: 'Verksamhet', options: [{ value: '', label: 'Välj verksamhet' }, ...SERVICE_AREAS.map((a) => ({ value: a, label: SERVICE_AREA_NAMES[a] }))], value: v.serviceArea, error: e.serviceArea })}
${input({ name: 'district', label: 'Område', value: v.district, error: e.district, hint: 'Vikarier väljer vilka områden de vill arbeta i. Stava området som för andra enheter i samma område.' })}
${input({ name: 'address', label: 'Adress (frivilligt)', value: v.address, error: e.address, autocomplete: 'off', hint: 'Står i erbjudandena, så att vikarien hittar dit.' })}
<button type="submit">Lägg till enheten</button>
</form>`;
}

/* ---------- One unit: preferred and blocked substitutes ---------- */

export const PREFERENCE_LISTS = {
  forstahandsval: 'preferred',
  sparrade: 'blocked',
} as const;
export type PreferenceListName = keyof typeof PREFERENCE_LISTS;

export interface ListedSubstitute {
  id: string;
  name: string;
  status: SubstituteStatus;
}

export interface UnitPreferencesView {
  unit: UnitRow;
  preferred: ListedSubstitute[];
  blocked: ListedSubstitute[];
  /** Active substitutes who may be added (on neither list), by name; filtered by `query` when given. */
  candidates: { id: string; name: string }[];
  query: string;
  /** More substitutes match than the select shows. */
  truncated: boolean;
  picked: string;
  errors: FieldErrors;
}

export const PREFERENCE_ERRORS: FieldErrors = {
  substituteId: 'Välj en vikarie i listan.',
  lista: 'Välj om vikarien ska bli förstahandsval eller spärras.',
};

function preferenceTable(o: { csrf: string; unitId: string; list: PreferenceListName; people: ListedSubstitute[]; caption: string; empty: string; removeLabel: string }): SafeHtml {
  if (o.people.length === 0) return html`<p>${o.empty}</p>`;
  return scrollingTable(
    o.caption,
    html`<table>
<caption class="visually-hidden">${o.caption}</caption>
<thead><tr><th scope="col">Vikarie</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Ta bort</span></th></tr></thead>
<tbody>${o.people.map(
      (p) => html`<tr><td>${p.name}</td><td>${SUBSTITUTE_STATUS_NAMES[p.status]}</td><td><form method="post" action="${unitLink(o.unitId)}/vikarier/ta-bort">
${csrfField(o.csrf)}<input type="hidden" name="substituteId" value="${p.id}"><input type="hidden" name="lista" value="${o.list}">
<button type="submit" class="secondary">Ta bort<span class="visually-hidden"> ${p.name} ${o.removeLabel}</span></button>
</form></td></tr>`,
    )}</tbody>
</table>`,
  );
}

export function unitPage(o: { viewer: StaffViewer; view: UnitPreferencesView; flash?: PageFrame['flash'] }): string {
  const v = o.view;
  const u = v.unit;
  const csrf = o.viewer.csrf;
  return renderPage({
    title: `Enhet ${u.name}`,
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.units, csrf),
    flash: o.flash,
    hasErrors: Object.keys(v.errors).length > 0,
    main: html`<p><a href="${STAFF_PAGES.units}">Alla enheter</a></p>
<h1>${u.name}</h1>
<dl class="facts">
<div><dt>Verksamhet</dt><dd>${SERVICE_AREA_NAMES[u.serviceArea]}</dd></div>
<div><dt>Område</dt><dd>${u.district}</dd></div>
${u.address && html`<div><dt>Adress</dt><dd>${u.address}</dd></div>`}
</dl>
<h2>Förstahandsval</h2>
<p>Förstahandsval får enhetens erbjudanden först, före andra vikarier med rätt behörighet.</p>
${preferenceTable({ csrf, unitId: u.id, list: 'forstahandsval', people: v.preferred, caption: 'Förstahandsval', empty: 'Enheten har inga förstahandsval.', removeLabel: 'från förstahandsvalen' })}
<h2>Spärrade</h2>
<p>Spärrade vikarier får aldrig erbjudanden från enheten och kan inte bokas här.</p>
${preferenceTable({ csrf, unitId: u.id, list: 'sparrade', people: v.blocked, caption: 'Spärrade vikarier', empty: 'Enheten har inga spärrade vikarier.', removeLabel: 'från de spärrade' })}
<h2 id="lagg-till">Lägg till en vikarie</h2>
<p>Välj en aktiv vikarie och om hen ska bli förstahandsval eller spärras. En vikarie står på högst en av listorna.</p>
<form method="get" action="${unitLink(u.id)}#lagg-till" class="filters" role="search" aria-label="Sök vikarie">
${input({ name: 'namn', label: 'Sök på namn', value: v.query, autocomplete: 'off' })}
<button type="submit" class="secondary">Sök</button>
</form>
${errorSummary(v.errors)}
${
  v.candidates.length === 0
    ? html`<p>${v.query ? `Ingen aktiv vikarie som inte redan står på en lista har ett namn med ”${v.query}”.` : 'Det finns ingen aktiv vikarie att lägga till.'}</p>`
    : html`${v.truncated && html`<p class="notice">Listan visar de ${v.candidates.length} första. Sök på namn om du inte hittar vikarien.</p>`}
<form method="post" action="${unitLink(u.id)}/vikarier" novalidate>
${csrfField(csrf)}
${select({
  name: 'substituteId',
  label: v.query ? `Vikarie (namn med ”${v.query}”)` : 'Vikarie',
  options: [{ value: '', label: 'Välj vikarie' }, ...v.candidates.map((c) => ({ value: c.id, label: c.name }))],
  value: v.picked,
  error: v.errors.substituteId,
})}
${v.errors.lista && html`<p class="field-error" id="lista">${v.errors.lista}</p>`}
<div class="actions">
<button type="submit" name="lista" value="forstahandsval">Lägg till som förstahandsval</button>
<button type="submit" name="lista" value="sparrade" class="danger">Spärra för enheten</button>
</div>
</form>`
}`,
  });
}

/* ---------- Staff users ---------- */

export const ROLE_NAMES: Record<StaffRole, string> = {
  manager: 'Enhetschef',
  admin: 'Bemanningen (administratör)',
};

export interface UserRow {
  email: string;
  role: StaffRole;
  units: string[];
  createdAt: Date;
}

/** What the form "Ny användare" posts: the names of POST /api/v1/users (the password is never shown again). */
export interface UserFormValues {
  email: string;
  role: string;
  unitIds: string[];
}

export const EMPTY_USER_FORM: UserFormValues = { email: '', role: '', unitIds: [] };

export const USER_ERRORS: FieldErrors = {
  email: 'Skriv en e-postadress, till exempel anna.chef@kommun.se.',
  password: `Skriv ett lösenord på minst ${PASSWORD_MIN_LENGTH} tecken och högst 72 tecken (å, ä och ö räknas som två).`,
  role: 'Välj om personen är enhetschef eller arbetar i bemanningen.',
  unitIds: 'Välj minst en enhet som chefen ansvarar för.',
};

/** The other ways a field can be wrong, said next to it. */
export const USER_CONFLICTS = {
  emailInUse: 'Det finns redan en användare med den e-postadressen. Välj en annan.',
  adminUnits: 'En administratör ser alla enheter. Välj inga enheter för en administratör.',
  unknownUnits: 'Välj enheterna i listan.',
};

const dateSv = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: 'short', day: 'numeric' }).format(d);

export function usersPage(o: { viewer: StaffViewer; users: UserRow[]; units: { id: string; name: string }[]; values: UserFormValues; errors: FieldErrors; flash?: PageFrame['flash'] }): string {
  const e = o.errors;
  return renderPage({
    title: 'Användare',
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.users, o.viewer.csrf),
    flash: o.flash,
    hasErrors: Object.keys(e).length > 0,
    main: html`<h1>Användare</h1>
<p>Enhetschefer och bemanningen loggar in på <a href="${STAFF_PAGES.signIn}">personalens inloggning</a> med e-postadress och lösenord.</p>
${scrollingTable(
  'Användare',
  html`<table>
<caption class="visually-hidden">Kommunens användare</caption>
<thead><tr><th scope="col">E-postadress</th><th scope="col">Roll</th><th scope="col">Enheter</th><th scope="col">Skapad</th></tr></thead>
<tbody>${o.users.map(
    (u) => html`<tr><td>${u.email}</td><td>${ROLE_NAMES[u.role]}</td><td>${u.role === 'admin' ? 'Alla' : u.units.length === 0 ? 'Inga' : u.units.join(', ')}</td><td>${dateSv(u.createdAt)}</td></tr>`,
  )}</tbody>
</table>`,
)}
<h2 id="ny-anvandare">Ny användare</h2>
${errorSummary(e)}
<form method="post" action="${STAFF_PAGES.users}" novalidate>
${csrfField(o.viewer.csrf)}
${input({ name: 'email', label: 'E-postadress', type: 'email', value: o.values.email, error: e.email, autocomplete: 'off' })}
<div class="field">
<label for="password">Lösenord</label>
<span class="hint" id="password-hint">Minst ${PASSWORD_MIN_LENGTH} tecken. Gärna flera ord, till exempel en mening. Ge personen lösenordet på ett säkert sätt.</span>
${e.password && html`<p class="field-error" id="password-error">${e.password}</p>`}
<input id="password" name="password" type="password" autocomplete="new-password" aria-describedby="password-hint${e.password ? ' password-error' : ''}"${e.password ? html` aria-invalid="true" class="invalid"` : ''}>
</div>
${select({ name: 'role', label: 'Roll', options: [{ value: '', label: 'Välj roll' }, { value: 'manager', label: ROLE_NAMES.manager }, { value: 'admin', label: ROLE_NAMES.admin }], value: o.values.role, error: e.role })}
${
  o.units.length === 0
    ? html`<p>Det finns inga enheter ännu. <a href="${STAFF_PAGES.units}">Lägg till en enhet</a> innan du lägger till en enhetschef.</p>`
    : checkboxes({
        name: 'unitIds',
        legend: 'Enheter',
        hint: 'De enheter en enhetschef ansvarar för. En administratör ser alla enheter: välj inga.',
        options: o.units.map((u) => ({ value: u.id, label: u.name })),
        checked: o.values.unitIds,
        error: e.unitIds,
      })
}
<button type="submit">Lägg till användaren</button>
</form>`,
  });
}

/* ---------- Matching settings ---------- */

export const BAND_FIELDS = ['maxLeadMinutes', 'waveSize', 'spacingMinutes', 'offerLifetimeMinutes'] as const;
export type BandField = (typeof BAND_FIELDS)[number];

/** The working-time rules and LAS thresholds: one whole number each, with what it means. */
export const RULE_FIELDS = [
  { name: 'dailyRestHours', label: 'Dygnsvila (timmar)', hint: 'Minsta vila mellan två pass i olika bokningar.', error: 'Skriv dygnsvilan som ett heltal från 1 till 24 timmar.' },
  { name: 'weeklyRestHours', label: 'Veckovila (timmar)', hint: 'Så många timmar i sträck ska vara lediga varje kalendervecka, måndag till måndag.', error: 'Skriv veckovilan som ett heltal från 1 till 72 timmar.' },
  { name: 'monthlyHourCap', label: 'Högst timmar per månad', hint: 'Bokade timmar under en kalendermånad.', error: 'Skriv ett heltal från 1 till 744 timmar.' },
  { name: 'lasWarningDays', label: 'Varna när så här få dagar återstår (LAS)', hint: 'Personalen ser en varning innan de bokar någon som kommer nära en gräns.', error: 'Skriv ett heltal från 0 till 3650 dagar.' },
  { name: 'lasSavaConversionDays', label: 'Gräns för särskild visstid (dagar på fem år)', hint: 'Fler dagar än så blir en tillsvidareanställning (lagens gräns är 365).', error: 'Skriv ett heltal från 1 till 3650 dagar.' },
  { name: 'lasVikariatConversionDays', label: 'Gräns för vikariat (dagar på fem år)', hint: 'SKR:s tolkning av "två år" är 731 dagar.', error: 'Skriv ett heltal från 1 till 3650 dagar.' },
  { name: 'lasRehireDays', label: 'Företrädesrätt (dagar på tre år)', hint: 'Dagar av båda slagen; lagens gräns är 365.', error: 'Skriv ett heltal från 1 till 3650 dagar.' },
  { name: 'lasRehireSavaDays', label: 'Företrädesrätt, bara särskild visstid (dagar på tre år)', hint: 'Lagens gräns är 274.', error: 'Skriv ett heltal från 1 till 3650 dagar.' },
] as const;
export type RuleField = (typeof RULE_FIELDS)[number]['name'];

/** The form's values as text, one row per band; a row left empty is ignored. */
export interface SettingsFormValues {
  bands: Record<BandField, string>[];
  quietStart: string;
  quietEnd: string;
  urgentWithinMinutes: string;
  rules: Record<RuleField, string>;
}

const BAND_LABELS: Record<BandField, string> = {
  maxLeadMinutes: 'Börjar inom (minuter)',
  waveSize: 'Vågstorlek',
  spacingMinutes: 'Minuter mellan vågorna',
  offerLifetimeMinutes: 'Erbjudandet gäller (minuter)',
};

export const BAND_ERRORS: Record<BandField, string> = {
  maxLeadMinutes: 'Skriv inom hur många minuter passet börjar, som ett heltal från 1. Lämna tomt om raden ska gälla allt längre fram.',
  waveSize: 'Skriv vågstorleken som ett heltal från 1 till 500.',
  spacingMinutes: 'Skriv minuterna mellan vågorna som ett heltal från 1 till 10080 (en vecka).',
  offerLifetimeMinutes: 'Skriv hur många minuter erbjudandet gäller, som ett heltal från 1 till 20160 (två veckor).',
};

export const SETTINGS_ERRORS: FieldErrors = {
  bands: 'Fyll i minst en rad och högst 10.',
  sameLead: 'Rad {rad} gäller redan samma tid före passet. Ge raden en egen tid. Bara en rad får lämna ”Börjar inom” tomt.',
  'quietHours.start': 'Skriv när de tysta timmarna börjar, som en tid, till exempel 21:00.',
  'quietHours.end': 'Skriv när de tysta timmarna slutar, som en tid, till exempel 07:00.',
  urgentWithinMinutes: 'Skriv ett helt antal minuter, från 0 till 100000000.',
  ...Object.fromEntries(RULE_FIELDS.map((f) => [f.name, f.error])),
};

export const bandFieldId = (row: number, field: BandField) => `bands.${row}.${field}`;

/** Minutes in words: "90 minuter", "3 timmar", "2 dygn". */
export function minutesSv(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return `${minutes / 1440} dygn`;
  if (minutes >= 60 && minutes % 60 === 0) return minutes === 60 ? '1 timme' : `${minutes / 60} timmar`;
  return minutes === 1 ? '1 minut' : `${minutes} minuter`;
}

/** The saved settings in words, band by band. */
export interface SavedSettings {
  bands: { maxLeadMinutes: number; waveSize: number; spacingMinutes: number; offerLifetimeMinutes: number }[];
  quietHours: { start: string; end: string };
  urgentWithinMinutes: number;
}

function settingsInWords(s: SavedSettings): SafeHtml {
  const bands = [...s.bands].sort((a, b) => a.maxLeadMinutes - b.maxLeadMinutes);
  const when = (i: number) => {
    if (i < bands.length - 1) return `Börjar inom ${minutesSv(bands[i].maxLeadMinutes)}`;
    return i === 0 ? 'Alla vikariat' : `Börjar senare än ${minutesSv(bands[i - 1].maxLeadMinutes)}`;
  };
  return html`<ul>${bands.map(
    (b, i) =>
      html`<li>${when(i)}: ${b.waveSize === 1 ? '1 vikarie' : `${b.waveSize} vikarier`} åt gången, en ny våg efter ${minutesSv(b.spacingMinutes)}. Erbjudandet gäller i ${minutesSv(b.offerLifetimeMinutes)}.</li>`,
  )}
<li>${
    s.quietHours.start === s.quietHours.end
      ? 'Inga tysta timmar: erbjudanden går ut dygnet runt.'
      : `Tysta timmar ${s.quietHours.start}–${s.quietHours.end}: erbjudanden för vikariat som börjar senare än om ${minutesSv(s.urgentWithinMinutes)} väntar tills de tysta timmarna är slut.`
  }</li></ul>`;
}

export function settingsPage(o: { viewer: StaffViewer; saved: SavedSettings; values: SettingsFormValues; errors: FieldErrors; flash?: PageFrame['flash'] }): string {
  const e = o.errors;
  const v = o.values;
  return renderPage({
    title: 'Inställningar',
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.settings, o.viewer.csrf),
    flash: o.flash,
    hasErrors: Object.keys(e).length > 0,
    main: html`<h1>Inställningar för matchningen</h1>
<p>Matchningen skickar erbjudanden i vågor: några vikarier i taget, de som passar bäst först. Tackar ingen ja går nästa våg ut. Hur stora vågorna är och hur tätt de går beror på hur snart vikariatet börjar.</p>
<h2>Så fungerar det nu</h2>
${settingsInWords(o.saved)}
<h2>Ändra</h2>
<dl class="facts">
<div><dt>${BAND_LABELS.maxLeadMinutes}</dt><dd>Raden gäller vikariat vars första pass börjar inom så många minuter (60 är en timme, 1440 ett dygn). Den sista raden gäller också allt som börjar senare; lämna den tom där.</dd></div>
<div><dt>${BAND_LABELS.waveSize}</dt><dd>Hur många vikarier som får erbjudandet samtidigt.</dd></div>
<div><dt>${BAND_LABELS.spacingMinutes}</dt><dd>Hur länge matchningen väntar på svar innan nästa våg går ut.</dd></div>
<div><dt>${BAND_LABELS.offerLifetimeMinutes}</dt><dd>Hur länge en vikarie kan tacka ja, aldrig längre än till passets början.</dd></div>
</dl>
${errorSummary(e)}
<form method="post" action="${STAFF_PAGES.settings}" novalidate>
${csrfField(o.viewer.csrf)}
<div id="bands">
${e.bands && html`<p class="field-error">${e.bands}</p>`}
${v.bands.map((band, i) => {
  const filled = BAND_FIELDS.some((f) => band[f] !== '');
  return html`<fieldset class="field">
<legend>${filled ? `Rad ${i + 1}` : `Rad ${i + 1}, ny (fyll i för att lägga till, lämna tom annars)`}</legend>
<div class="inline-fields">
${BAND_FIELDS.map((f) => input({ name: bandFieldId(i, f), label: BAND_LABELS[f], value: band[f], error: e[bandFieldId(i, f)], inputmode: 'numeric', autocomplete: 'off' }))}
</div>
</fieldset>`;
})}
<p class="muted">Töm alla fält på en rad för att ta bort den.</p>
</div>
<h3>Tysta timmar</h3>
<p>Erbjudanden som inte är brådskande skickas inte under de tysta timmarna (svensk tid) utan när de är slut. Samma tid för början och slut betyder inga tysta timmar.</p>
<div class="inline-fields">
${input({ name: 'quietHours.start', label: 'Tysta timmar börjar', type: 'time', value: v.quietStart, error: e['quietHours.start'] })}
${input({ name: 'quietHours.end', label: 'Tysta timmar slutar', type: 'time', value: v.quietEnd, error: e['quietHours.end'] })}
</div>
${input({
  name: 'urgentWithinMinutes',
  label: 'Brådskande inom (minuter)',
  value: v.urgentWithinMinutes,
  error: e.urgentWithinMinutes,
  inputmode: 'numeric',
  autocomplete: 'off',
  hint: 'Vikariat som börjar inom så här många minuter är brådskande: erbjudandena går ut genast, även under de tysta timmarna. 1440 är ett dygn.',
})}
<h3>Arbetstid och LAS</h3>
<p>Gäller varje bokning, hur den än görs: matchningen erbjuder aldrig ett pass som bryter mot reglerna, och en bokning som skulle göra det nekas.</p>
${RULE_FIELDS.map((f) => input({ name: f.name, label: f.label, value: v.rules[f.name], error: e[f.name], inputmode: 'numeric', autocomplete: 'off', hint: f.hint }))}
<button type="submit">Spara inställningarna</button>
</form>`,
  });
}
