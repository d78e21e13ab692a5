import { createHash } from 'node:crypto';
import { escapeHtml } from '../common/html';
import { formatDateTime, formatShiftLines } from '../notifications/templates/format-time';
import { midSentence, oneLine, VacancyFacts } from '../notifications/templates/vacancy-facts';

export type OfferPageState =
  | { kind: 'open'; token: string; vacancy: VacancyFacts & { serviceAreaName: string }; expiresAt: Date; firstName: string }
  | { kind: 'accepted'; vacancy: VacancyFacts }
  | { kind: 'declined' }
  | { kind: 'expired' }
  | { kind: 'withdrawn' }
  | { kind: 'taken' }
  | { kind: 'not_found' }
  | { kind: 'conflict'; vacancy: VacancyFacts; reason: string };

/** Colours of the page; every text pair is at least 4.5:1 (checked in the spec). */
export const OFFER_PAGE_COLORS = {
  text: '#1a1a1a',
  muted: '#454545',
  background: '#ffffff',
  pageBackground: '#eef0f3',
  headerBackground: '#12355b',
  headerText: '#ffffff',
  accept: '#1d5c2e',
  acceptHover: '#154522',
  acceptText: '#ffffff',
  declineBorder: '#1a1a1a',
  declineHover: '#e6e9ed',
  focus: '#0b4f8a',
  deadlineBackground: '#fff4ce',
  deadlineBorder: '#7a5c00',
  rule: '#c4c9d0',
} as const;

const C = OFFER_PAGE_COLORS;

/**
 * The page's only style sheet, one inline <style> element and no style attributes, so a CSP can
 * allow it by hash (OFFER_PAGE_STYLE_HASH) instead of 'unsafe-inline'. The page has no script.
 */
export const OFFER_PAGE_CSS = [
  '*,*::before,*::after{box-sizing:border-box}',
  'html{-webkit-text-size-adjust:100%;text-size-adjust:100%}',
  `body{margin:0;background:${C.pageBackground};color:${C.text};` +
    'font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:1.125rem;line-height:1.5}',
  `.site{background:${C.headerBackground};color:${C.headerText};padding:.75rem 1rem}`,
  '.brand{max-width:40rem;margin:0 auto;font-weight:700}',
  `main{display:block;max-width:40rem;margin:0 auto;padding:1.5rem 1rem 2.5rem;background:${C.background}}`,
  'h1{font-size:1.75rem;line-height:1.25;margin:0 0 1rem}',
  'h2{font-size:1.25rem;line-height:1.3;margin:1.5rem 0 .5rem}',
  'p{margin:0 0 1rem}',
  '.details{margin:0 0 1rem}',
  `.details div{padding:.5rem 0;border-bottom:1px solid ${C.rule}}`,
  'dt{font-weight:700}',
  'dd{margin:0;overflow-wrap:anywhere}',
  '.shifts{margin:0 0 1rem;padding-left:1.5rem}',
  '.shifts li{margin:.25rem 0}',
  `.note{color:${C.muted}}`,
  `.deadline{background:${C.deadlineBackground};border-left:.375rem solid ${C.deadlineBorder};padding:.75rem 1rem;font-weight:700}`,
  '.actions{display:flex;flex-wrap:wrap;gap:1rem;margin-top:1.5rem}',
  '.actions form{margin:0;flex:1 1 12rem}',
  'button{font:inherit;font-weight:700;width:100%;min-height:3rem;padding:.75rem 1.25rem;' +
    `border:2px solid ${C.accept};border-radius:.5rem;cursor:pointer}`,
  `.accept{background:${C.accept};color:${C.acceptText}}`,
  `.accept:hover{background:${C.acceptHover};border-color:${C.acceptHover}}`,
  `.decline{background:${C.background};color:${C.text};border-color:${C.declineBorder}}`,
  `.decline:hover{background:${C.declineHover}}`,
  `a{color:${C.focus}}`,
  `:focus{outline:3px solid ${C.focus};outline-offset:3px}`,
].join('\n');

/** CSP source for the style element, e.g. "style-src 'sha256-...'". */
export const OFFER_PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(OFFER_PAGE_CSS, 'utf8').digest('base64')}'`;

/**
 * A Content-Security-Policy that the page works under: no script at all, the one style by hash,
 * forms posting only to this origin.
 */
export const OFFER_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${OFFER_PAGE_STYLE_HASH}`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The HTTP status to answer with for each state. */
export function offerPageStatus(state: OfferPageState): number {
  switch (state.kind) {
    case 'open':
    case 'accepted':
    case 'declined':
      return 200;
    case 'not_found':
      return 404;
    case 'taken':
    case 'conflict':
      return 409;
    case 'expired':
    case 'withdrawn':
      return 410;
  }
}

function document(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – Vikariebanken</title>
<style>${OFFER_PAGE_CSS}</style>
</head>
<body>
<header class="site"><p class="brand">Vikariebanken</p></header>
<main>
${body}
</main>
</body>
</html>
`;
}

function details(rows: [string, string | null][]): string {
  const items = rows
    .filter((row): row is [string, string] => oneLine(row[1]) !== '')
    .map(([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(oneLine(value))}</dd></div>`);
  return `<dl class="details">\n${items.join('\n')}\n</dl>`;
}

function shiftList(vacancy: VacancyFacts): string {
  const count = vacancy.shifts.length;
  const heading = count === 1 ? 'Pass' : `Pass (${count} st)`;
  const lines = formatShiftLines(vacancy.shifts, { max: Infinity });
  return `<h2>${escapeHtml(heading)}</h2>\n<ul class="shifts">\n${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>`;
}

/** A closed state: what happened, and the way to the substitute's own pages. */
function message(title: string, explanation: string, extra = `<p><a href="/vikarie">Till Mina sidor</a></p>`): string {
  return document(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(explanation)}</p>\n${extra}`);
}

function renderOpen(state: Extract<OfferPageState, { kind: 'open' }>): string {
  const v = state.vacancy;
  const unit = oneLine(v.unitName);
  const count = v.shifts.length;
  const base = `/o/${encodeURIComponent(state.token)}`;
  const firstName = oneLine(state.firstName);
  const lead = `${firstName ? `Hej ${firstName}! ` : ''}Du erbjuds ett vikariat som ${midSentence(oneLine(v.qualificationName))} på ${unit}.`;
  const whole = count > 1 ? `<p class="note">Vikariatet bokas som helhet: svarar du ja tar du alla ${count} pass.</p>\n` : '';
  const acceptLabel = count === 1 ? 'Ja, jag tar passet' : 'Ja, jag tar passen';

  return document(
    'Erbjudande om vikariat',
    `<h1>Erbjudande om vikariat</h1>
<p>${escapeHtml(lead)}</p>
<h2>Om vikariatet</h2>
${details([
  ['Enhet', v.unitName],
  ['Adress', v.unitAddress],
  ['Kompetens', v.qualificationName],
  ['Verksamhet', v.serviceAreaName],
])}
${shiftList(v)}
${whole}<p class="deadline">Svara senast ${escapeHtml(formatDateTime(state.expiresAt))}.</p>
<h2>Ditt svar</h2>
<div class="actions">
<form method="post" action="${escapeHtml(`${base}/accept`)}"><button type="submit" class="accept">${escapeHtml(acceptLabel)}</button></form>
<form method="post" action="${escapeHtml(`${base}/decline`)}"><button type="submit" class="decline">Nej tack</button></form>
</div>`,
  );
}

/** The page a substitute sees from the offer link, for each state of the offer. */
export function renderOfferPage(state: OfferPageState): string {
  switch (state.kind) {
    case 'open':
      return renderOpen(state);
    case 'accepted': {
      const v = state.vacancy;
      return message(
        'Tack! Du är bokad',
        `Du är bokad som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)}. ` +
          'En bekräftelse skickas till dig via SMS och e-post.',
        `${details([
          ['Enhet', v.unitName],
          ['Adress', v.unitAddress],
        ])}\n${shiftList(v)}\n<p><a href="/vikarie/bokningar">Se och avboka dina bokningar på Mina sidor</a></p>`,
      );
    }
    case 'declined':
      return message(
        'Du har tackat nej till erbjudandet',
        'Tack för att du svarade. Du får nya erbjudanden via SMS och e-post när det finns vikariat som passar dig.',
      );
    case 'expired':
      return message(
        'Erbjudandet har gått ut',
        'Tiden för att svara har passerat, så det går inte längre att tacka ja. ' +
          'Du får nya erbjudanden via SMS och e-post när det finns vikariat som passar dig.',
      );
    case 'withdrawn':
      return message(
        'Erbjudandet är återkallat',
        'Erbjudandet gäller inte längre, till exempel för att vikariatet har ställts in. Du behöver inte göra något.',
      );
    case 'taken':
      return message(
        'Vikariatet är redan tillsatt',
        'En annan vikarie hann tacka ja före dig. Tack för att du svarade! ' +
          'Du får nya erbjudanden när det finns vikariat som passar dig.',
      );
    case 'not_found':
      return message(
        'Länken är ogiltig',
        'Vi hittar inget erbjudande för den här länken. ' +
          'Kontrollera att du har öppnat hela länken från SMS:et eller e-postmeddelandet.',
      );
    case 'conflict': {
      const v = state.vacancy;
      return message('Det går inte att boka dig på det här passet', `Du kan inte bokas på vikariatet på ${oneLine(v.unitName)}. ${state.reason}`, shiftList(v));
    }
  }
}
