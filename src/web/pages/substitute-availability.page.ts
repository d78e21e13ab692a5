import { DateTime } from 'luxon';
import { LOCAL_ZONE } from '../../common/time';
import type { Period } from '../../database/tstzrange';
import { checkboxes, errorSummary, FieldErrors, input } from '../forms';
import { html } from '../html';
import { csrfField, PageFrame, renderPage } from '../layout';
import { SUBSTITUTE_PAGES, substituteNav } from './page-parts';

const WEEKDAY_NAMES = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

export const AVAILABILITY_ERRORS: FieldErrors = {
  date: 'Välj en dag, i dag eller senare.',
  startTime: 'Skriv en tid, till exempel 07:00.',
  endTime: 'Skriv en tid, till exempel 16:00. Är den tidigare än starten gäller den dagen efter.',
  from: 'Välj den första dagen.',
  to: 'Välj den sista dagen, samma dag som den första eller senare, högst ett år fram.',
  weekdays: 'Välj minst en veckodag.',
};

export interface AvailabilityForms {
  add: { date: string; startTime: string; endTime: string };
  repeat: { from: string; to: string; weekdays: string[]; startTime: string; endTime: string };
  errors: { add?: FieldErrors; repeat?: FieldErrors };
}

/** The Monday of the week of `date` (YYYY-MM-DD), in Swedish time. */
export function weekStart(date: DateTime): DateTime {
  return date.setZone(LOCAL_ZONE).startOf('week');
}

/** A week, Monday to Sunday, with the part of each window that falls on each day. */
export function weekDays(monday: DateTime, windows: Period[]): { date: DateTime; periods: Period[] }[] {
  return Array.from({ length: 7 }, (_, i) => {
    const start = monday.plus({ days: i });
    const end = start.plus({ days: 1 });
    const periods = windows
      .filter((w) => w.start < end.toJSDate() && w.end > start.toJSDate())
      .map((w) => ({ start: new Date(Math.max(w.start.getTime(), start.toMillis())), end: new Date(Math.min(w.end.getTime(), end.toMillis())) }));
    return { date: start, periods };
  });
}

function clock(instant: Date, day: DateTime): string {
  const local = DateTime.fromJSDate(instant, { zone: LOCAL_ZONE });
  return local.toMillis() === day.plus({ days: 1 }).toMillis() ? '24:00' : local.toFormat('HH:mm');
}

export function availabilityPage(o: { monday: DateTime; windows: Period[]; forms: AvailabilityForms; csrf: string; flash?: PageFrame['flash'] }): string {
  const days = weekDays(o.monday, o.windows);
  const weekParam = (d: DateTime) => `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
  const sunday = o.monday.plus({ days: 6 });
  const add = o.forms.errors.add ?? {};
  const repeat = o.forms.errors.repeat ?? {};
  return renderPage({
    title: 'När jag kan arbeta',
    nav: substituteNav(SUBSTITUTE_PAGES.availability, o.csrf),
    flash: o.flash,
    hasErrors: Object.keys(add).length + Object.keys(repeat).length > 0,
    main: html`<h1>När jag kan arbeta</h1>
<p>Du får bara erbjudanden om pass som ligger helt inom tider du har angett.</p>
<h2>Vecka ${o.monday.weekNumber}, ${o.monday.day} ${MONTHS[o.monday.month - 1]} – ${sunday.day} ${MONTHS[sunday.month - 1]} ${sunday.year}</h2>
<div class="pager">
<a href="${SUBSTITUTE_PAGES.availability}?vecka=${weekParam(o.monday.minus({ weeks: 1 }))}">Föregående vecka</a>
<a href="${SUBSTITUTE_PAGES.availability}?vecka=${weekParam(o.monday.plus({ weeks: 1 }))}">Nästa vecka</a>
</div>
<ul class="week">${days.map(
      (day) => html`<li class="day">
<h3>${WEEKDAY_NAMES[day.date.weekday - 1]} ${day.date.day} ${MONTHS[day.date.month - 1]}</h3>
${
  day.periods.length === 0
    ? html`<p class="muted">Inga tider.</p>`
    : html`<ul class="periods">${day.periods.map(
        (p) => html`<li><span>${clock(p.start, day.date)}–${clock(p.end, day.date)}</span>
<form method="post" action="${SUBSTITUTE_PAGES.availability}/ta-bort?vecka=${weekParam(o.monday)}">${csrfField(o.csrf)}<input type="hidden" name="start" value="${p.start.toISOString()}"><input type="hidden" name="end" value="${p.end.toISOString()}"><button type="submit" class="secondary">Ta bort<span class="visually-hidden"> ${WEEKDAY_NAMES[day.date.weekday - 1]} ${clock(p.start, day.date)}–${clock(p.end, day.date)}</span></button></form></li>`,
      )}</ul>`
}
</li>`,
    )}</ul>
<h2 id="lagg-till">Lägg till en tid</h2>
${errorSummary(prefixed(add, 'add-'))}
<form method="post" action="${SUBSTITUTE_PAGES.availability}/lagg-till?vecka=${weekParam(o.monday)}" novalidate>
${csrfField(o.csrf)}
${input({ id: 'add-date', name: 'date', label: 'Dag', type: 'date', value: o.forms.add.date, error: add.date })}
<div class="inline-fields">
${input({ id: 'add-startTime', name: 'startTime', label: 'Från', type: 'time', value: o.forms.add.startTime, error: add.startTime })}
${input({ id: 'add-endTime', name: 'endTime', label: 'Till', type: 'time', value: o.forms.add.endTime, error: add.endTime })}
</div>
<button type="submit">Lägg till</button>
</form>
<h2 id="upprepa">Lägg till samma tider flera veckor</h2>
<p>Till exempel vardagar 07:00–16:00 de kommande åtta veckorna.</p>
${errorSummary(prefixed(repeat, 'repeat-'))}
<form method="post" action="${SUBSTITUTE_PAGES.availability}/upprepa?vecka=${weekParam(o.monday)}" novalidate>
${csrfField(o.csrf)}
${checkboxes({
  name: 'weekdays',
  legend: 'Veckodagar',
  options: WEEKDAY_NAMES.map((name, i) => ({ value: String(i + 1), label: name[0].toUpperCase() + name.slice(1) })),
  checked: o.forms.repeat.weekdays,
  error: repeat.weekdays,
})}
<div class="inline-fields">
${input({ id: 'repeat-startTime', name: 'startTime', label: 'Från', type: 'time', value: o.forms.repeat.startTime, error: repeat.startTime })}
${input({ id: 'repeat-endTime', name: 'endTime', label: 'Till', type: 'time', value: o.forms.repeat.endTime, error: repeat.endTime })}
</div>
<div class="inline-fields">
${input({ id: 'repeat-from', name: 'from', label: 'Första dagen', type: 'date', value: o.forms.repeat.from, error: repeat.from })}
${input({ id: 'repeat-to', name: 'to', label: 'Sista dagen', type: 'date', value: o.forms.repeat.to, error: repeat.to })}
</div>
<button type="submit">Lägg till tiderna</button>
</form>`,
  });
}

/** Error summary links lead to the ids of one form's fields. */
function prefixed(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, problem]) => [field === 'weekdays' ? field : `${prefix}${field}`, problem]));
}
