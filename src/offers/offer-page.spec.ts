import { createHash } from 'node:crypto';
import {
  OFFER_PAGE_COLORS,
  OFFER_PAGE_CSP,
  OFFER_PAGE_CSS,
  OFFER_PAGE_STYLE_HASH,
  offerPageStatus,
  OfferPageState,
  renderOfferPage,
} from './offer-page';
import { workingTimeRefusal } from '../notifications/templates/working-time-texts';

const DEFAULT_LIMITS = { dailyRestHours: 11, weeklyRestHours: 36, monthlyHourCap: 165 };

const TOKEN = 'Ab3_-x9ZqPLmN0vW4yT7uR2sK8dF6gH1jC5bE0aQzYw';
const shift = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

const vacancy = {
  unitName: 'Hagaskolan',
  unitAddress: 'Hagagatan 12, 602 25 Norrköping',
  qualificationName: 'Lärare',
  serviceAreaName: 'Utbildning',
  shifts: [
    shift('2027-01-12T06:00:00Z', '2027-01-12T15:00:00Z'),
    shift('2027-01-11T06:00:00Z', '2027-01-11T15:00:00Z'),
    shift('2027-03-27T21:00:00Z', '2027-03-28T05:00:00Z'),
  ],
};

const open: OfferPageState = {
  kind: 'open',
  token: TOKEN,
  vacancy,
  expiresAt: new Date('2027-01-10T13:00:00Z'),
  firstName: 'Åsa',
};

const allStates: OfferPageState[] = [
  open,
  { kind: 'accepted', vacancy },
  { kind: 'declined' },
  { kind: 'expired' },
  { kind: 'withdrawn' },
  { kind: 'taken' },
  { kind: 'not_found' },
  { kind: 'conflict', vacancy, reason: workingTimeRefusal('DAILY_REST', DEFAULT_LIMITS, 'du') },
];

function h1(html: string): string {
  const m = /<h1>([^<]*)<\/h1>/.exec(html);
  if (!m) throw new Error('no h1');
  return m[1];
}

/** WCAG 2.1 relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('renderOfferPage: every state', () => {
  it.each(allStates.map((s) => [s.kind, s] as const))('%s is a complete, accessible HTML5 document', (_kind, state) => {
    const html = renderOfferPage(state);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="sv">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/<title>[^<]+ – Vikariebanken<\/title>/);
    expect(html.match(/<main>/g)).toHaveLength(1);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('</html>');
    // No script of any kind, no inline handlers, no style attributes, no external resources.
    expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:|\sstyle=/i);
    expect(html).not.toMatch(/\ssrc=/i);
    // Links lead only to the substitute's own pages on this site.
    for (const [, href] of html.matchAll(/\shref="([^"]*)"/gi)) expect(href).toMatch(/^\/vikarie(\/[a-z-]+)?$/);
    expect(html).not.toMatch(/<link\b/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('gives each closed state one Swedish sentence as heading and an explanation', () => {
    const headings = Object.fromEntries(allStates.map((s) => [s.kind, h1(renderOfferPage(s))]));
    expect(headings).toEqual({
      open: 'Erbjudande om vikariat',
      accepted: 'Tack! Du är bokad',
      declined: 'Du har tackat nej till erbjudandet',
      expired: 'Erbjudandet har gått ut',
      withdrawn: 'Erbjudandet är återkallat',
      taken: 'Vikariatet är redan tillsatt',
      not_found: 'Länken är ogiltig',
      conflict: 'Det går inte att boka dig på det här passet',
    });
    for (const s of allStates.filter((x) => x.kind !== 'open')) {
      expect(renderOfferPage(s)).toMatch(/<\/h1>\n<p>[^<]{20,}<\/p>/);
    }
  });

  it('explains on a conflict which working-time rule the booking would break', () => {
    const html = renderOfferPage({ kind: 'conflict', vacancy, reason: workingTimeRefusal('DAILY_REST', DEFAULT_LIMITS, 'du') });
    expect(html).toContain('mindre än 11 timmars vila som ska finnas mellan två pass (dygnsvila)');
    expect(html).toContain('<li>lör 27 mar 22:00 – sön 28 mar 07:00</li>');
    const weekly = renderOfferPage({ kind: 'conflict', vacancy, reason: workingTimeRefusal('WEEKLY_REST', { ...DEFAULT_LIMITS, weeklyRestHours: 35 }, 'du') });
    expect(weekly).toContain('Du skulle inte få 35 timmar i sträck ledigt under en kalendervecka (veckovila, måndag till måndag).');
    expect(renderOfferPage({ kind: 'conflict', vacancy, reason: workingTimeRefusal('MONTHLY_CAP', DEFAULT_LIMITS, 'du') })).toContain('mer än 165 timmar under en kalendermånad');
  });

  it('answers with a fitting HTTP status', () => {
    expect(allStates.map((s) => [s.kind, offerPageStatus(s)])).toEqual([
      ['open', 200],
      ['accepted', 200],
      ['declined', 200],
      ['expired', 410],
      ['withdrawn', 410],
      ['taken', 409],
      ['not_found', 404],
      ['conflict', 409],
    ]);
  });
});

describe('renderOfferPage: open offer', () => {
  const html = renderOfferPage(open);

  it('shows unit, address, qualification and service area', () => {
    expect(html).toContain('<p>Hej Åsa! Du erbjuds ett vikariat som lärare på Hagaskolan.</p>');
    expect(html).toContain('<dt>Enhet</dt><dd>Hagaskolan</dd>');
    expect(html).toContain('<dt>Adress</dt><dd>Hagagatan 12, 602 25 Norrköping</dd>');
    expect(html).toContain('<dt>Kompetens</dt><dd>Lärare</dd>');
    expect(html).toContain('<dt>Verksamhet</dt><dd>Utbildning</dd>');
  });

  it('lists every shift in Stockholm time, in order, across DST', () => {
    expect(html).toContain(
      '<ul class="shifts">\n<li>mån 11 jan 07:00–16:00</li>\n<li>tis 12 jan 07:00–16:00</li>\n<li>lör 27 mar 22:00 – sön 28 mar 07:00</li>\n</ul>',
    );
    expect(html).toContain('alla 3 pass');
  });

  it('gives the deadline', () => {
    expect(html).toContain('Svara senast sön 10 jan kl. 14:00.');
  });

  it('has two plain forms that post to the token', () => {
    expect(html).toContain(
      `<form method="post" action="/o/${TOKEN}/accept"><button type="submit" class="accept">Ja, jag tar passen</button></form>`,
    );
    expect(html).toContain(`<form method="post" action="/o/${TOKEN}/decline"><button type="submit" class="decline">Nej tack</button></form>`);
  });

  it('says "passet" for a single shift', () => {
    const one = renderOfferPage({ ...open, vacancy: { ...vacancy, shifts: [vacancy.shifts[0]] } });
    expect(one).toContain('>Ja, jag tar passet</button>');
    expect(one).not.toContain('bokas som helhet');
  });

  it('escapes every interpolated value', () => {
    const evil = renderOfferPage({
      kind: 'open',
      token: '"><script>x</script>',
      firstName: '<img src=x onerror=alert(1)>',
      expiresAt: open.expiresAt,
      vacancy: {
        unitName: '<script>alert("x")</script>',
        unitAddress: 'Gatan 1 & 2',
        qualificationName: '<b>Kock</b>',
        serviceAreaName: "Kost'",
        shifts: [vacancy.shifts[0]],
      },
    });
    expect(evil).not.toMatch(/<script|<img|<b>/);
    expect(evil).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(evil).toContain('Gatan 1 &amp; 2');
    expect(evil).toContain('Kost&#39;');
    expect(evil).toContain('action="/o/%22%3E%3Cscript%3Ex%3C%2Fscript%3E/accept"');
    for (const kind of ['accepted', 'conflict'] as const) {
      const page = renderOfferPage({ kind, vacancy: { ...vacancy, unitName: '<script>x</script>' }, reason: '' });
      expect(page).not.toContain('<script>');
      expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
    }
  });
});

describe('offer page styles', () => {
  it('keeps text contrast at 4.5:1 or more', () => {
    const c = OFFER_PAGE_COLORS;
    const pairs: [string, string][] = [
      [c.text, c.background],
      [c.muted, c.background],
      [c.headerText, c.headerBackground],
      [c.acceptText, c.accept],
      [c.acceptText, c.acceptHover],
      [c.text, c.declineHover],
      [c.text, c.deadlineBackground],
      [c.focus, c.background],
    ];
    for (const [fg, bg] of pairs) expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps focus outlines and the decline border visible (3:1 against the background)', () => {
    const c = OFFER_PAGE_COLORS;
    expect(contrast(c.focus, c.background)).toBeGreaterThanOrEqual(3);
    expect(contrast(c.focus, c.pageBackground)).toBeGreaterThanOrEqual(3);
    expect(contrast(c.declineBorder, c.background)).toBeGreaterThanOrEqual(3);
    expect(OFFER_PAGE_CSS).toMatch(/:focus\{outline:3px solid #[0-9a-f]{6};outline-offset:3px\}/);
  });

  it('makes buttons at least 44px tall', () => {
    // 3rem at the default 16px root size is 48px.
    expect(OFFER_PAGE_CSS).toMatch(/button\{[^}]*min-height:3rem/);
  });

  it('publishes the hash of its style sheet for a strict CSP', () => {
    const expected = createHash('sha256').update(OFFER_PAGE_CSS).digest('base64');
    expect(OFFER_PAGE_STYLE_HASH).toBe(`'sha256-${expected}'`);
    expect(renderOfferPage(open)).toContain(`<style>${OFFER_PAGE_CSS}</style>`);
    expect(OFFER_PAGE_CSP).toContain(`style-src ${OFFER_PAGE_STYLE_HASH}`);
    expect(OFFER_PAGE_CSP).not.toContain('unsafe-inline');
  });
});
