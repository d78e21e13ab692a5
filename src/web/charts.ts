import { html, SafeHtml } from './html';

/** One bar: what it is, its value, and the value as people read it ("85 %", "1 234 kr"). */
export interface Bar {
  label: string;
  value: number;
  shown: string;
}

export interface BarSeries {
  name: string;
  bars: Bar[];
}

const ROW = 30;
const LABEL_WIDTH = 200;
const BAR_SPACE = 300;
const VALUE_SPACE = 110;
const WIDTH = LABEL_WIDTH + BAR_SPACE + VALUE_SPACE;
/** Dark enough against white for text and for bars (both over 4.5:1), and told apart by pattern too. */
const SERIES_COLOURS = ['#1d5c2e', '#12355b'];

/**
 * A horizontal bar chart drawn on the server as SVG, readable on a phone and in a slide; one or two series
 * side by side (budget against cost). The numbers stand beside it in a table (`chartTable`); the drawing
 * is therefore an image with a short name, not the only way to the figures.
 */
export function barChart(o: { title: string; series: BarSeries[]; max?: number }): SafeHtml {
  const labels = o.series[0]?.bars.map((b) => b.label) ?? [];
  const perLabel = o.series.length;
  const max = o.max ?? Math.max(0, ...o.series.flatMap((s) => s.bars.map((b) => b.value)));
  const height = labels.length * (perLabel * ROW + 10) + (perLabel > 1 ? 30 : 0) + 10;
  const scale = (value: number) => (max > 0 ? Math.max(0, (value / max) * BAR_SPACE) : 0);
  const rows = labels.map((label, i) => {
    const top = 10 + i * (perLabel * ROW + 10);
    return html`<text x="${LABEL_WIDTH - 8}" y="${top + (perLabel * ROW) / 2 + 5}" text-anchor="end" font-size="14" fill="#1a1a1a">${truncate(label, 26)}</text>
${o.series.map((series, k) => {
  const bar = series.bars[i];
  const y = top + k * ROW + 4;
  const length = scale(bar.value);
  return html`<rect x="${LABEL_WIDTH}" y="${y}" width="${length.toFixed(1)}" height="${ROW - 8}" fill="${SERIES_COLOURS[k % SERIES_COLOURS.length]}"${k % 2 === 1 ? html` fill-opacity="0.75"` : ''}/>
<text x="${(LABEL_WIDTH + length + 6).toFixed(1)}" y="${y + ROW / 2}" font-size="13" fill="#1a1a1a">${bar.shown}</text>`;
})}`;
  });
  const legend =
    perLabel > 1 &&
    html`<g>${o.series.map(
      (series, k) =>
        html`<rect x="${LABEL_WIDTH + k * 150}" y="${height - 24}" width="14" height="14" fill="${SERIES_COLOURS[k % SERIES_COLOURS.length]}"${k % 2 === 1 ? html` fill-opacity="0.75"` : ''}/><text x="${LABEL_WIDTH + k * 150 + 20}" y="${height - 12}" font-size="13" fill="#1a1a1a">${series.name}</text>`,
    )}</g>`;
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${o.title}. Siffrorna står i tabellen intill." xmlns="http://www.w3.org/2000/svg">
${rows}
${legend}
</svg>`;
}

/** The chart's figures as a table: the chart's caption names it, each series a column. */
export function chartTable(o: { caption: string; labelHeading: string; columns: { heading: string; values: string[] }[]; labels: string[] }): SafeHtml {
  return html`<table>
<caption>${o.caption}</caption>
<thead><tr><th scope="col">${o.labelHeading}</th>${o.columns.map((c) => html`<th scope="col" class="num">${c.heading}</th>`)}</tr></thead>
<tbody>${o.labels.map((label, i) => html`<tr><th scope="row">${label}</th>${o.columns.map((c) => html`<td class="num">${c.values[i]}</td>`)}</tr>`)}</tbody>
</table>`;
}

/** Swedish number: spaces between thousands (no-break), a decimal comma. */
export function formatNumber(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${value < 0 ? '−' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

export const formatPercent = (share: number) => `${formatNumber(share * 100, 0)}\u00a0%`;
export const formatKronor = (sek: number) => `${formatNumber(sek, 0)}\u00a0kr`;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
