import { SERVICE_AREA_NAMES, ServiceArea } from '../../organisation/service-area';
import type { FillRateRowDto } from '../../reports/dto/fill-rate.dto';
import type { ProgrammeReportDto } from '../../reports/dto/programme-report.dto';
import { FILL_RATE_GROUPINGS, FillRateGrouping } from '../../reports/fill-rate';
import { barChart, chartTable, formatKronor, formatNumber, formatPercent } from '../charts';
import { errorSummary, FieldErrors, input, select } from '../forms';
import { html, SafeHtml } from '../html';
import { renderPage } from '../layout';
import { scrollingTable, STAFF_PAGES, staffNav } from './staff-parts';
import type { StaffViewer } from './staff-vacancies.page';

export const REPORT_ERRORS: FieldErrors = {
  from: 'Skriv första dagen som ett datum, till exempel 2027-01-01.',
  to: 'Skriv sista dagen som ett datum på eller efter första dagen, högst 366 dagar senare.',
  groupBy: 'Välj hur tillsättningen ska delas upp.',
  month: 'Skriv månaden som år och månad, till exempel 2027-01.',
};

const GROUPING_NAMES: Record<FillRateGrouping, string> = {
  leadTime: 'Framförhållning',
  weekday: 'Veckodag',
  serviceArea: 'Verksamhet',
  unit: 'Enhet',
};

const LEAD_TIME_NAMES: Record<string, string> = {
  under_3h: 'Under 3 timmar',
  '3h_24h': '3–24 timmar',
  '1d_3d': '1–3 dygn',
  over_3d: 'Över 3 dygn',
};

const WEEKDAY_NAMES = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];

/** A group of the fill-rate report as a person reads it. */
export function groupName(groupBy: FillRateGrouping, row: FillRateRowDto): string {
  switch (groupBy) {
    case 'leadTime':
      return LEAD_TIME_NAMES[row.group] ?? row.group;
    case 'weekday':
      return WEEKDAY_NAMES[Number(row.group) - 1] ?? row.group;
    case 'serviceArea':
      return SERVICE_AREA_NAMES[row.group as ServiceArea] ?? row.group;
    case 'unit':
      return row.label ?? row.group;
  }
}

/** "45 min", "3 tim 5 min", "2 dygn 4 tim"; a dash when nothing was filled. */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return '–';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} tim${m % 60 ? ` ${m % 60} min` : ''}`;
  const hours = Math.round(m / 60);
  return `${Math.floor(hours / 24)} dygn${hours % 24 ? ` ${hours % 24} tim` : ''}`;
}

export interface FillRateForm {
  from: string;
  to: string;
  groupBy: string;
  errors: FieldErrors;
  rows: FillRateRowDto[] | null;
}

export function reportsPage(o: { viewer: StaffViewer; programmes: { id: string; name: string; budgetSek: number }[]; fillRate: FillRateForm; month: string; monthError?: string }): string {
  const f = o.fillRate;
  const groupBy = (FILL_RATE_GROUPINGS as readonly string[]).includes(f.groupBy) ? (f.groupBy as FillRateGrouping) : 'leadTime';
  const errors = { ...f.errors, ...(o.monthError ? { month: o.monthError } : {}) };
  return renderPage({
    title: 'Uppföljning',
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.reports, o.viewer.csrf),
    hasErrors: Object.keys(errors).length > 0,
    main: html`<h1>Uppföljning</h1>
${errorSummary(errors)}
<h2>Program</h2>
${
  o.programmes.length === 0
    ? html`<p>Inga program är upplagda.</p>`
    : html`<ul>${o.programmes.map((p) => html`<li><a href="${STAFF_PAGES.reports}/program/${p.id}">${p.name}</a> (budget ${formatKronor(p.budgetSek)})</li>`)}</ul>`
}
<h2 id="tillsattning">Tillsättning</h2>
<p>Hur stor del av vikariaten som fick en vikarie, och hur snabbt, för vikariat vars första pass börjar under perioden. Inställda vikariat räknas inte.</p>
<form method="get" action="${STAFF_PAGES.reports}#tillsattning" class="filters">
${input({ name: 'from', label: 'Första dagen', type: 'date', value: f.from, error: f.errors.from })}
${input({ name: 'to', label: 'Sista dagen', type: 'date', value: f.to, error: f.errors.to })}
${select({ name: 'groupBy', label: 'Dela upp efter', options: FILL_RATE_GROUPINGS.map((g) => ({ value: g, label: GROUPING_NAMES[g] })), value: groupBy, error: f.errors.groupBy })}
<button type="submit" class="secondary">Visa</button>
</form>
${f.rows && fillRateResult(groupBy, f.rows, f.from, f.to)}
<h2>Lönefil</h2>
<p>En rad per bokat pass som börjar under månaden, för lönesystemet. Filen öppnas direkt i Excel.</p>
<form method="get" action="${STAFF_PAGES.payroll}" class="filters">
${input({ name: 'month', label: 'Månad', type: 'month', value: o.month, error: o.monthError, hint: 'År och månad, till exempel 2027-01.' })}
<button type="submit">Ladda ner lönefilen</button>
</form>`,
  });
}

function fillRateResult(groupBy: FillRateGrouping, rows: FillRateRowDto[], from: string, to: string): SafeHtml {
  if (rows.length === 0) return html`<p>Inga vikariat började under perioden.</p>`;
  const labels = rows.map((r) => groupName(groupBy, r));
  const caption = `Tillsättning per ${GROUPING_NAMES[groupBy].toLowerCase()}, ${from} – ${to}`;
  return html`<figure class="chart">
<figcaption>${caption}</figcaption>
${barChart({ title: caption, max: 1, series: [{ name: 'Andel tillsatta', bars: rows.map((r, i) => ({ label: labels[i], value: r.fillRate, shown: formatPercent(r.fillRate) })) }] })}
</figure>
${scrollingTable(
  caption,
  chartTable({
    caption,
    labelHeading: GROUPING_NAMES[groupBy],
    labels,
    columns: [
      { heading: 'Vikariat', values: rows.map((r) => formatNumber(r.vacancies)) },
      { heading: 'Tillsatta', values: rows.map((r) => formatNumber(r.filled)) },
      { heading: 'Ej tillsatta', values: rows.map((r) => formatNumber(r.unfilled)) },
      { heading: 'Andel tillsatta', values: rows.map((r) => formatPercent(r.fillRate)) },
      { heading: 'Mediantid till bokning', values: rows.map((r) => formatDuration(r.medianMinutesToFill)) },
    ],
  }),
)}`;
}

export function programmeReportPage(o: { viewer: StaffViewer; name: string; report: ProgrammeReportDto }): string {
  const r = o.report;
  const areas = r.byServiceArea;
  const labels = areas.map((a) => SERVICE_AREA_NAMES[a.serviceArea]);
  const moneyCaption = `${o.name}: budget och kostnad per verksamhet`;
  const fillCaption = `${o.name}: vikariat och tillsatta per verksamhet`;
  return renderPage({
    title: o.name,
    wide: true,
    nav: staffNav(o.viewer.role, STAFF_PAGES.reports, o.viewer.csrf),
    main: html`<h1>${o.name}</h1>
<p>Vikariat som har uppstått när medarbetare är borta med stöd av programmet. Inställda vikariat räknas inte; timmar och kostnad gäller bokade pass.</p>
<dl class="facts key-figures">
<div><dt>Budget</dt><dd>${formatKronor(r.budgetSek)}</dd></div>
<div><dt>Kostnad för vikarier hittills</dt><dd>${formatKronor(r.costSek)} (${formatPercent(r.budgetSek > 0 ? r.costSek / r.budgetSek : 0)} av budgeten)</dd></div>
<div><dt>Vikariat</dt><dd>${formatNumber(r.vacancies)}</dd></div>
<div><dt>Tillsatta</dt><dd>${formatNumber(r.filled)} (${formatPercent(r.fillRate)})</dd></div>
<div><dt>Bokade timmar</dt><dd>${formatNumber(r.hoursFilled, 1)}</dd></div>
<div><dt>Mediantid till bokning</dt><dd>${formatDuration(r.medianMinutesToFill)}</dd></div>
</dl>
${
  areas.length > 0 &&
  html`<h2>Per verksamhet</h2>
<figure class="chart">
<figcaption>${moneyCaption}</figcaption>
${barChart({
  title: moneyCaption,
  series: [
    { name: 'Budget', bars: areas.map((a, i) => ({ label: labels[i], value: a.budgetSek, shown: formatKronor(a.budgetSek) })) },
    { name: 'Kostnad', bars: areas.map((a, i) => ({ label: labels[i], value: a.costSek, shown: formatKronor(a.costSek) })) },
  ],
})}
</figure>
<figure class="chart">
<figcaption>${fillCaption}</figcaption>
${barChart({
  title: fillCaption,
  series: [
    { name: 'Vikariat', bars: areas.map((a, i) => ({ label: labels[i], value: a.vacancies, shown: formatNumber(a.vacancies) })) },
    { name: 'Tillsatta', bars: areas.map((a, i) => ({ label: labels[i], value: a.filled, shown: formatNumber(a.filled) })) },
  ],
})}
</figure>
${scrollingTable(
  `${o.name} per verksamhet`,
  chartTable({
    caption: `${o.name} per verksamhet`,
    labelHeading: 'Verksamhet',
    labels,
    columns: [
      { heading: 'Budget', values: areas.map((a) => formatKronor(a.budgetSek)) },
      { heading: 'Kostnad', values: areas.map((a) => formatKronor(a.costSek)) },
      { heading: 'Vikariat', values: areas.map((a) => formatNumber(a.vacancies)) },
      { heading: 'Tillsatta', values: areas.map((a) => formatNumber(a.filled)) },
      { heading: 'Bokade timmar', values: areas.map((a) => formatNumber(a.hoursFilled, 1)) },
    ],
  }),
)}`
}
<p><a href="${STAFF_PAGES.reports}">Tillbaka till uppföljningen</a></p>`,
  });
}
