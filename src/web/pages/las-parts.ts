import type { LasAssessment, LasRule, LasThreshold } from '../../bookings/las-days';
import { html, SafeHtml } from '../html';
import { scrollingTable } from './staff-parts';

/** What reaching each LAS rule gives the substitute, as the pages name it. */
export const LAS_RULE_NAMES: Record<LasRule, string> = {
  sava_conversion: 'tillsvidareanställning genom SAVA',
  vikariat_conversion: 'tillsvidareanställning genom vikariat',
  preferential_rehire: 'företrädesrätt',
};

const days = (n: number) => `${n} ${n === 1 ? 'dag' : 'dagar'}`;

/** How near a limit is: "12 dagar kvar till företrädesrätt", or that it is reached or passed. */
export function lasWarningText(w: { rule: LasRule; remaining: number }): string {
  const name = LAS_RULE_NAMES[w.rule];
  if (w.remaining > 0) return `${days(w.remaining)} kvar till ${name}`;
  if (w.remaining === 0) return `nästa dag ger ${name}`;
  return `gränsen för ${name} är passerad med ${days(-w.remaining)}`;
}

/**
 * Each threshold's rule in words, in the order the count gives them (bookings/las-days.ts): the two
 * conversions, then preferential rehire by days of either form and by SAVA days alone.
 */
const THRESHOLD_TEXTS: ((limit: number) => string)[] = [
  (limit) => `Mer än ${limit} dagar SAVA på fem år: tillsvidareanställning`,
  (limit) => `Mer än ${limit} dagar vikariat på fem år: tillsvidareanställning`,
  (limit) => `Mer än ${limit} anställningsdagar på tre år: företrädesrätt till återanställning`,
  (limit) => `Mer än ${limit} dagar SAVA på tre år: företrädesrätt till återanställning`,
];

/** What remains to a limit, in a table of them: "12 dagar kvar", or that the next day passes it or it is passed. */
export function lasRemainingText(t: Pick<LasThreshold, 'remaining'>): string {
  if (t.remaining > 0) return `${days(t.remaining)} kvar`;
  if (t.remaining === 0) return 'Nästa dag passerar gränsen';
  return `Passerad med ${days(-t.remaining)}`;
}

/** The limits of the municipality with the substitute's days and what remains, for the staffing team. */
export function lasThresholdTable(las: LasAssessment): SafeHtml {
  return scrollingTable(
    'Gränser enligt LAS',
    html`<table>
<caption class="visually-hidden">Gränser enligt LAS</caption>
<thead><tr><th scope="col">Gräns</th><th scope="col" class="num">Dagar</th><th scope="col">Kvar</th></tr></thead>
<tbody>${las.thresholds.map(
      (t, i) => html`<tr><td>${(THRESHOLD_TEXTS[i] ?? ((limit: number) => `Mer än ${limit} dagar: ${LAS_RULE_NAMES[t.rule]}`))(t.limitDays)}</td><td class="num">${t.days}</td><td>${lasRemainingText(t)}</td></tr>`,
    )}</tbody>
</table>`,
  );
}
