import { isUUID } from 'class-validator';
import { ABSENCE_REASONS } from '../../absences/absence.entity';
import { checkboxes, errorSummary, FieldErrors, input, inFormOrder, select, textarea } from '../forms';
import { html } from '../html';
import { csrfField, renderPage } from '../layout';
import { REASON_NAMES, STAFF_PAGES, staffNav } from './staff-parts';
import type { StaffViewer } from './staff-vacancies.page';

/** What the form posts: the names of POST /api/v1/absences, the schedule's fields as `schedule.<name>`. */
export interface AbsenceFormValues {
  unitId: string;
  reason: string;
  qualification: string;
  programmeId: string;
  'schedule.from': string;
  'schedule.to': string;
  'schedule.weekdays': string[];
  'schedule.startTime': string;
  'schedule.endTime': string;
  splitShifts: string;
  note: string;
}

/** Each field's problem, in the words of a manager; also the order of the error summary. */
export const ABSENCE_ERRORS: FieldErrors = {
  unitId: 'Välj enheten som behöver en vikarie.',
  reason: 'Välj varför medarbetaren är borta.',
  qualification: 'Välj vilken behörighet vikarien behöver.',
  programmeId: 'Välj ett program i listan, eller inget.',
  'schedule.from': 'Skriv första dagen som ett datum, till exempel 2027-01-11. Den får inte ha passerat.',
  'schedule.to': 'Skriv sista dagen som ett datum på eller efter första dagen, högst ett år senare.',
  'schedule.weekdays': 'Välj minst en veckodag som infaller mellan första och sista dagen.',
  'schedule.startTime': 'Skriv när passet börjar, till exempel 07:00. Tiden måste finnas i svensk tid den dagen.',
  'schedule.endTime': 'Skriv när passet slutar, till exempel 16:00. Ett pass får vara högst 24 timmar.',
  splitShifts: 'Välj ett vikariat för hela frånvaron eller ett per pass.',
  note: 'Anteckningen får vara högst 2 000 tecken.',
  shifts: 'Passen har redan passerat eller krockar med varandra. Kontrollera dagar och tider.',
};

const WEEKDAY_OPTIONS = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'].map((label, i) => ({ value: String(i + 1), label }));

export const EMPTY_ABSENCE_FORM: AbsenceFormValues = {
  unitId: '',
  reason: '',
  qualification: '',
  programmeId: '',
  'schedule.from': '',
  'schedule.to': '',
  'schedule.weekdays': ['1', '2', '3', '4', '5'],
  'schedule.startTime': '07:00',
  'schedule.endTime': '16:00',
  splitShifts: 'false',
  note: '',
};

export function absenceFormPage(o: {
  viewer: StaffViewer;
  units: { id: string; name: string }[];
  qualifications: { code: string; name: string; area: string }[];
  programmes: { id: string; name: string }[];
  values: AbsenceFormValues;
  errors: FieldErrors;
}): string {
  const v = o.values;
  const e = o.errors;
  const ids = Object.fromEntries(Object.keys(ABSENCE_ERRORS).map((field) => [field, field === 'schedule.weekdays' ? 'schedule.weekdays' : field]));
  return renderPage({
    title: 'Ny frånvaro',
    nav: staffNav(o.viewer.role, STAFF_PAGES.newAbsence, o.viewer.csrf),
    hasErrors: Object.keys(e).length > 0,
    main: html`<h1>Ny frånvaro</h1>
<p>Lägg in när en medarbetare är borta. Matchningen börjar genast skicka erbjudanden till vikarier som har rätt behörighet, kan arbeta och har vilat.</p>
${errorSummary(inFormOrder(e, ABSENCE_ERRORS), { ...ids, shifts: 'schedule.from' })}
<form method="post" action="${STAFF_PAGES.newAbsence}" novalidate>
${csrfField(o.viewer.csrf)}
${
  o.units.length === 1
    ? html`<input type="hidden" name="unitId" value="${o.units[0].id}"><p>Enhet: <strong>${o.units[0].name}</strong></p>`
    : select({ name: 'unitId', label: 'Enhet', options: [{ value: '', label: 'Välj enhet' }, ...o.units.map((u) => ({ value: u.id, label: u.name }))], value: v.unitId, error: e.unitId })
}
${select({ name: 'reason', label: 'Orsak', options: [{ value: '', label: 'Välj orsak' }, ...ABSENCE_REASONS.map((r) => ({ value: r, label: REASON_NAMES[r] }))], value: v.reason, error: e.reason })}
${select({
  name: 'qualification',
  label: 'Behörighet som vikarien behöver',
  options: [{ value: '', label: 'Välj behörighet' }, ...o.qualifications.map((q) => ({ value: q.code, label: `${q.name} (${q.area})` }))],
  value: v.qualification,
  error: e.qualification,
})}
${
  o.programmes.length > 0 &&
  select({ name: 'programmeId', label: 'Finansieras av program (valfritt)', options: [{ value: '', label: 'Inget program' }, ...o.programmes.map((p) => ({ value: p.id, label: p.name }))], value: v.programmeId, error: e.programmeId })
}
<fieldset>
<legend>När behövs vikarien?</legend>
<div class="inline-fields">
${input({ name: 'schedule.from', label: 'Första dagen', type: 'date', value: v['schedule.from'], error: e['schedule.from'], hint: 'Till exempel 2027-01-11.' })}
${input({ name: 'schedule.to', label: 'Sista dagen', type: 'date', value: v['schedule.to'], error: e['schedule.to'], hint: 'Samma dag för ett enda pass.' })}
</div>
${checkboxes({ name: 'schedule.weekdays', legend: 'Veckodagar', hint: 'Passen läggs de här dagarna mellan första och sista dagen.', options: WEEKDAY_OPTIONS, checked: v['schedule.weekdays'], error: e['schedule.weekdays'] })}
<div class="inline-fields">
${input({ name: 'schedule.startTime', label: 'Passet börjar', type: 'time', value: v['schedule.startTime'], error: e['schedule.startTime'], hint: 'Svensk tid, till exempel 07:00.' })}
${input({ name: 'schedule.endTime', label: 'Passet slutar', type: 'time', value: v['schedule.endTime'], error: e['schedule.endTime'], hint: 'Före starttiden betyder nästa dag (nattpass).' })}
</div>
</fieldset>
<fieldset class="field" id="splitShifts">
<legend>Vikariat</legend>
${e.splitShifts && html`<p class="field-error">${e.splitShifts}</p>`}
<div class="choice"><input type="radio" id="splitShifts-false" name="splitShifts" value="false"${v.splitShifts !== 'true' ? html` checked` : ''}><label for="splitShifts-false">Ett vikariat för hela frånvaron (samma vikarie alla pass)</label></div>
<div class="choice"><input type="radio" id="splitShifts-true" name="splitShifts" value="true"${v.splitShifts === 'true' ? html` checked` : ''}><label for="splitShifts-true">Ett vikariat per pass (olika vikarier går bra)</label></div>
</fieldset>
${textarea({ name: 'note', label: 'Anteckning till vikarien (valfritt)', value: v.note, error: e.note, hint: 'Till exempel var man hämtar nyckel. Skriv inget om medarbetarens hälsa.' })}
<button type="submit">Lägg in och börja söka vikarie</button>
</form>`,
  });
}

const DAY_MS = 86_400_000;

/** The form's own checks, before the use case's: each problem next to its field. */
export function absenceFormErrors(v: AbsenceFormValues, now: Date): FieldErrors {
  const errors: FieldErrors = {};
  const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
  const isTime = (text: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
  const today = now.toISOString().slice(0, 10);
  if (!isUUID(v.unitId)) errors.unitId = ABSENCE_ERRORS.unitId;
  if (!(ABSENCE_REASONS as readonly string[]).includes(v.reason)) errors.reason = ABSENCE_ERRORS.reason;
  if (v.qualification === '') errors.qualification = ABSENCE_ERRORS.qualification;
  if (v.programmeId !== '' && !isUUID(v.programmeId)) errors.programmeId = ABSENCE_ERRORS.programmeId;
  const from = v['schedule.from'];
  const to = v['schedule.to'] || from;
  // A day before "today" in UTC may still be today in Stockholm; the use case refuses shifts that have ended.
  if (!isDate(from) || from < addDays(today, -1)) errors['schedule.from'] = ABSENCE_ERRORS['schedule.from'];
  else if (!isDate(to) || to < from || to > addDays(from, 366)) errors['schedule.to'] = ABSENCE_ERRORS['schedule.to'];
  const weekdays = v['schedule.weekdays'];
  if (to !== from && (weekdays.length === 0 || weekdays.some((d) => !/^[1-7]$/.test(d)))) errors['schedule.weekdays'] = ABSENCE_ERRORS['schedule.weekdays'];
  if (!isTime(v['schedule.startTime'])) errors['schedule.startTime'] = ABSENCE_ERRORS['schedule.startTime'];
  if (!isTime(v['schedule.endTime'])) errors['schedule.endTime'] = ABSENCE_ERRORS['schedule.endTime'];
  if (v.splitShifts !== 'true' && v.splitShifts !== 'false') errors.splitShifts = ABSENCE_ERRORS.splitShifts;
  if (v.note.length > 2000) errors.note = ABSENCE_ERRORS.note;
  return errors;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
