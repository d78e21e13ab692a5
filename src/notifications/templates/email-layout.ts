import { escapeHtml } from '../../common/html';
import { oneLine } from './vacancy-facts';

/**
 * An email is written once, as blocks, and rendered twice: to plain text and to HTML. Values are escaped
 * in HTML only; free text keeps its line breaks in both.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  /** Rows such as "Enhet: Hagaskolan"; rows without a value are left out. */
  | { kind: 'details'; rows: [string, string | null][] }
  /** A bold heading over a bulleted list; a note after it in the text version sits right below the list. */
  | { kind: 'list'; heading: string; items: string[]; note?: string }
  /** "Anledning: …": free text after a bold label. In the text version it follows the previous block without a gap. */
  | { kind: 'labelled'; label: string; text: string }
  /** A call to action: the deadline, a button to the link, and the link written out for mail clients without buttons. */
  | { kind: 'action'; lead: string; label: string; href: string };

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const SENDER_NAME = 'Vikariebanken';
const COLOR_TEXT = '#1a1a1a';
const COLOR_MUTED = '#4a4a4a';
const COLOR_BUTTON = '#1d5c2e'; // white on this: 7.6:1
const COLOR_LINK = '#0b4f8a';

export function renderEmail(subject: string, blocks: Block[]): EmailMessage {
  return { subject: oneLine(subject), text: renderText(blocks), html: renderHtml(subject, blocks) };
}

function renderText(blocks: Block[]): string {
  let text = '';
  for (const block of blocks) {
    const attached = block.kind === 'labelled' && text !== '';
    text += (text === '' ? '' : attached ? '\n' : '\n\n') + blockText(block);
  }
  return `${text}\n\nHälsningar\n${SENDER_NAME}\n`;
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'details':
      return presentRows(block.rows).map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'list':
      return [`${block.heading}`, ...block.items.map((item) => `• ${item}`), ...(block.note ? [block.note] : [])].join('\n');
    case 'labelled':
      return `${block.label}: ${block.text}`;
    case 'action':
      return `${block.lead}:\n${block.href}`;
  }
}

function renderHtml(title: string, blocks: Block[]): string {
  return (
    '<!DOCTYPE html>\n' +
    '<html lang="sv">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${escapeHtml(oneLine(title))}</title>\n</head>\n` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">\n` +
    `<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;` +
    `font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:${COLOR_TEXT};">\n` +
    blocks.map(blockHtml).join('') +
    `<p style="margin:24px 0 0;color:${COLOR_MUTED};">Hälsningar<br>${escapeHtml(SENDER_NAME)}</p>\n` +
    '</div>\n</body>\n</html>\n'
  );
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return p(escapeHtml(block.text));
    case 'details':
      return p(presentRows(block.rows).map(([label, value]) => `<strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}`).join('<br>\n'));
    case 'list':
      return (
        p(`<strong>${escapeHtml(block.heading)}</strong>`) +
        `<ul style="margin:0 0 16px;padding-left:24px;">\n${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>\n` +
        (block.note ? p(escapeHtml(block.note)) : '')
      );
    case 'labelled':
      return p(`<strong>${escapeHtml(block.label)}:</strong> ${escapeHtml(block.text).replace(/\r?\n/g, '<br>\n')}`);
    case 'action': {
      const href = escapeHtml(block.href);
      return (
        p(`<strong>${escapeHtml(block.lead)}.</strong>`) +
        `<p style="margin:0 0 24px;"><a href="${href}" style="display:inline-block;padding:14px 24px;` +
        `background:${COLOR_BUTTON};color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px;">` +
        `${escapeHtml(block.label)}</a></p>\n` +
        p(`Fungerar inte knappen? Öppna den här länken: <a href="${href}" style="color:${COLOR_LINK};">${href}</a>`)
      );
    }
  }
}

function p(html: string): string {
  return `<p style="margin:0 0 16px;">${html}</p>\n`;
}

function presentRows(rows: [string, string | null][]): [string, string][] {
  return rows.filter((row): row is [string, string] => oneLine(row[1]) !== '').map(([label, value]) => [label, oneLine(value)]);
}
