import { html, SafeHtml } from './html';
import { LIVE_SCRIPT_PATH } from './live-script';
import { STYLESHEET_PATH } from './site-css';

export interface NavLink {
  href: string;
  label: string;
}

export interface PageFrame {
  title: string;
  /** The links of the signed-in area, and the form to sign out; none on public pages. */
  nav?: { links: NavLink[]; current: string; csrf: string; signOut: string };
  /** A message after an action ("Du har tackat ja"), shown first. */
  flash?: { text: string; error?: boolean };
  /** Prefixes the title with "Fel:" so that a screen reader says at once that the form needs fixing. */
  hasErrors?: boolean;
  main: SafeHtml;
  /** A page for an office screen too: tables get the room of a wider column. */
  wide?: boolean;
  /**
   * Loads the one script of the pages: it refreshes each element marked `data-live-events` when its
   * server-sent events say something changed. Without it the page is whole, and a reload shows the same.
   */
  liveUpdates?: boolean;
}

/** A whole page: Swedish, phone first, one stylesheet and no script, a skip link, the main content. */
export function renderPage(frame: PageFrame): string {
  const title = `${frame.hasErrors ? 'Fel: ' : ''}${frame.title} – Vikariebanken`;
  const nav = frame.nav;
  return `<!DOCTYPE html>
${html`<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
${frame.liveUpdates && html`<script src="${LIVE_SCRIPT_PATH}" defer></script>`}
</head>
<body${frame.wide ? html` class="wide"` : ''}>
<a class="skip" href="#innehall">Till innehållet</a>
<header class="site"><div class="site-inner">
<a class="brand" href="${nav ? nav.links[0].href : '/'}">Vikariebanken</a>
${
  nav &&
  html`<nav aria-label="Mina sidor"><ul class="nav">
${nav.links.map((link) => html`<li><a href="${link.href}"${link.href === nav.current ? html` aria-current="page"` : ''}>${link.label}</a></li>`)}
<li><form method="post" action="${nav.signOut}">${csrfField(nav.csrf)}<button type="submit" class="linklike">Logga ut</button></form></li>
</ul></nav>`
}
</div></header>
<main id="innehall" tabindex="-1">
${frame.flash && html`<p class="flash${frame.flash.error ? ' flash-error' : ''}" role="status">${frame.flash.text}</p>`}
${frame.main}
</main>
</body>
</html>`}
`;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}
