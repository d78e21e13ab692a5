import { Block, EmailMessage, renderEmail } from './email-layout';
import { formatDateTime, formatShiftLines, summariseShifts } from './format-time';
import { assertHttpUrl, midSentence, oneLine, passWord, VacancyFacts } from './vacancy-facts';

export type { EmailMessage } from './email-layout';

/** The Swedish emails, each written once as blocks (see email-layout.ts). */

function vacancyRows(v: VacancyFacts): [string, string | null][] {
  return [
    ['Enhet', v.unitName],
    ['Adress', v.unitAddress],
    ['Kompetens', v.qualificationName],
  ];
}

/** "Hagaskolan, 3 pass 11–13 jan": the tail of a subject line. */
function subjectTail(v: VacancyFacts): string {
  return `${oneLine(v.unitName)}, ${summariseShifts(v.shifts)}`;
}

function shiftList(v: VacancyFacts, heading = v.shifts.length === 1 ? 'Pass:' : 'Passen:'): Block {
  return { kind: 'list', heading, items: formatShiftLines(v.shifts) };
}

export function offerEmail(v: VacancyFacts & { link: string; expiresAt: Date; firstName: string }): EmailMessage {
  const link = assertHttpUrl(v.link);
  const count = v.shifts.length;
  const lines = formatShiftLines(v.shifts);
  return renderEmail(`Erbjudande om vikariat: ${subjectTail(v)}`, [
    { kind: 'paragraph', text: `Hej ${oneLine(v.firstName)}!` },
    { kind: 'paragraph', text: `Du erbjuds ett vikariat som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)}.` },
    { kind: 'details', rows: vacancyRows(v) },
    { kind: 'list', heading: count === 1 ? 'Pass:' : 'Passen:', items: lines, note: lines.length < count ? 'Alla pass visas när du öppnar länken.' : undefined },
    ...(count > 1 ? [{ kind: 'paragraph' as const, text: `Vikariatet består av ${count} pass och bokas som helhet: svarar du ja tar du alla pass.` }] : []),
    { kind: 'action', lead: `Svara senast ${formatDateTime(v.expiresAt)}`, label: 'Svara på erbjudandet', href: link },
  ]);
}

export function bookingConfirmationEmail(
  v: VacancyFacts & { firstName: string; /** Say that the shifts are in the attached .ics file. */ calendarAttached?: boolean },
): EmailMessage {
  const one = v.shifts.length === 1;
  return renderEmail(`Bokningsbekräftelse: ${subjectTail(v)}`, [
    { kind: 'paragraph', text: `Hej ${oneLine(v.firstName)}!` },
    { kind: 'paragraph', text: `Tack! Du är bokad som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)}.` },
    { kind: 'details', rows: vacancyRows(v) },
    { kind: 'list', heading: one ? 'Ditt pass:' : 'Dina pass:', items: formatShiftLines(v.shifts, { max: Infinity }) },
    ...(v.calendarAttached ? [{ kind: 'paragraph' as const, text: `${one ? 'Passet' : 'Passen'} finns också i den bifogade kalenderfilen.` }] : []),
    { kind: 'paragraph', text: 'Kan du inte komma? Avboka så snart som möjligt, så hinner vi hitta en annan vikarie.' },
  ]);
}

/** To the unit's manager: the vacancy has been filled. */
export function managerBookedEmail(v: VacancyFacts & { substituteName: string }): EmailMessage {
  return renderEmail(`Vikariatet är tillsatt: ${subjectTail(v)}`, [
    { kind: 'paragraph', text: 'Hej!' },
    { kind: 'paragraph', text: `${oneLine(v.substituteName)} har tackat ja och är bokad som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)}.` },
    { kind: 'details', rows: [['Vikarie', v.substituteName], ...vacancyRows(v)] },
    shiftList(v),
  ]);
}

/** To the unit's manager: nobody could be found (no candidates left), or the first shift has begun. */
export function managerUnfilledEmail(v: VacancyFacts & { reason: 'no_candidates' | 'started' }): EmailMessage {
  const unit = oneLine(v.unitName);
  const qualification = midSentence(oneLine(v.qualificationName));
  const paragraphs =
    v.reason === 'started'
      ? [
          `Vikariatet som ${qualification} på ${unit} har inte tillsatts, och det första passet har redan börjat.`,
          'Vi skickar inga fler erbjudanden för det här vikariatet. Du behöver ordna bemanningen på annat sätt.',
        ]
      : [
          `Vi har inte hittat någon vikarie till vikariatet som ${qualification} på ${unit}.`,
          'Alla tillgängliga vikarier med rätt kompetens har fått erbjudandet eller kan inte ta det, och det finns inga fler att fråga. Du behöver ordna bemanningen på annat sätt.',
        ];
  return renderEmail(`Vikariatet är inte tillsatt: ${subjectTail(v)}`, [
    { kind: 'paragraph', text: 'Hej!' },
    ...paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
    { kind: 'details', rows: vacancyRows(v) },
    shiftList(v),
  ]);
}

export function vacancyCancelledEmail(v: VacancyFacts & { firstName: string }): EmailMessage {
  const intro = `Vikariatet som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)} är inställt, och din bokning är därför avbokad.`;
  return cancellationEmail(v, `Avbokat: ditt vikariat på ${subjectTail(v)}`, intro);
}

export function bookingCancelledEmail(v: VacancyFacts & { firstName: string; reason: string }): EmailMessage {
  const intro = `Din bokning som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)} är avbokad.`;
  return cancellationEmail(v, `Avbokat: din bokning på ${subjectTail(v)}`, intro, reasonText(v.reason));
}

/** To a booked substitute who no longer has to come: every cancelled shift, and the reason when there is one. */
function cancellationEmail(v: VacancyFacts & { firstName: string }, subject: string, intro: string, reason?: string): EmailMessage {
  return renderEmail(subject, [
    { kind: 'paragraph', text: `Hej ${oneLine(v.firstName)}!` },
    { kind: 'paragraph', text: intro },
    ...(reason === undefined ? [] : [{ kind: 'labelled' as const, label: 'Anledning', text: reason }]),
    { kind: 'paragraph', text: `Du behöver inte komma på ${passWord(v.shifts.length)} nedan. Tack för att du ställde upp, och välkommen att svara på nya erbjudanden.` },
    { kind: 'list', heading: v.shifts.length === 1 ? 'Avbokat pass:' : 'Avbokade pass:', items: formatShiftLines(v.shifts, { max: Infinity }) },
  ]);
}

/** To the unit's manager: the booked substitute cancelled and a new search has started. */
export function bookingCancelledManagerEmail(v: VacancyFacts & { substituteName: string; reason: string }): EmailMessage {
  return renderEmail(`Vikarien har avbokat: ${subjectTail(v)}`, [
    { kind: 'paragraph', text: 'Hej!' },
    { kind: 'paragraph', text: `${oneLine(v.substituteName)} har avbokat vikariatet som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)}.` },
    { kind: 'labelled', label: 'Anledning', text: reasonText(v.reason) },
    { kind: 'paragraph', text: 'Vi har börjat söka en ny vikarie och meddelar dig när vikariatet är tillsatt.' },
    { kind: 'details', rows: vacancyRows(v) },
    shiftList(v),
  ]);
}

function reasonText(reason: string): string {
  return reason.trim() === '' ? 'ingen angiven' : reason.trim();
}

export function signInCodeEmail(v: { firstName: string; code: string }): EmailMessage {
  return renderEmail('Din kod till Vikariebanken', [
    { kind: 'paragraph', text: `Hej ${oneLine(v.firstName)}!` },
    { kind: 'paragraph', text: `Din kod för att logga in är ${v.code}. Den gäller i 10 minuter och kan bara användas en gång.` },
    { kind: 'paragraph', text: 'Har du inte bett om en kod kan du bortse från det här meddelandet. Dela aldrig koden med någon.' },
  ]);
}

/** To a new substitute: the sign-up has arrived, and what happens next. */
export function signUpReceivedEmail(v: { firstName: string; municipalityName: string; pagesLink: string }): EmailMessage {
  const link = assertHttpUrl(v.pagesLink);
  return renderEmail('Tack för din anmälan till Vikariebanken', [
    { kind: 'paragraph', text: `Hej ${oneLine(v.firstName)}!` },
    { kind: 'paragraph', text: `Vi har tagit emot din anmälan som vikarie i ${oneLine(v.municipalityName)}.` },
    {
      kind: 'paragraph',
      text: 'Bemanningen kontrollerar dina uppgifter och behörigheter och hör av sig till dig. När du är godkänd får du erbjudanden om vikariat via SMS och e-post.',
    },
    { kind: 'action', lead: 'Redan nu kan du logga in och ange när du kan arbeta', label: 'Till dina sidor', href: link },
  ]);
}

/** To an address already registered, when someone signs up with it again: nothing is changed. */
export function alreadyRegisteredEmail(v: { firstName: string; pagesLink: string }): EmailMessage {
  return renderEmail('Du är redan anmäld till Vikariebanken', [
    { kind: 'paragraph', text: `Hej ${oneLine(v.firstName)}!` },
    { kind: 'paragraph', text: 'Någon, troligen du, försökte nyss anmäla sig till Vikariebanken med den här e-postadressen. Du är redan anmäld, så ingenting har ändrats.' },
    { kind: 'action', lead: 'Logga in för att se dina uppgifter', label: 'Till dina sidor', href: assertHttpUrl(v.pagesLink) },
  ]);
}

/** To a substitute who cancelled a booking themselves: what was cancelled, with the calendar's cancellation. */
export function ownCancellationEmail(v: VacancyFacts & { firstName: string }): EmailMessage {
  return renderEmail(`Du har avbokat: ${subjectTail(v)}`, [
    { kind: 'paragraph', text: `Hej ${oneLine(v.firstName)}!` },
    { kind: 'paragraph', text: `Du har avbokat vikariatet som ${midSentence(oneLine(v.qualificationName))} på ${oneLine(v.unitName)}. Enheten har fått veta det och söker en ny vikarie.` },
    { kind: 'list', heading: v.shifts.length === 1 ? 'Avbokat pass:' : 'Avbokade pass:', items: formatShiftLines(v.shifts, { max: Infinity }) },
    { kind: 'paragraph', text: `${v.shifts.length === 1 ? 'Passet tas' : 'Passen tas'} bort ur din kalender med den bifogade filen.` },
  ]);
}

/** To the staffing team: the day's SMS budget is spent, so offers go by email only until midnight. */
export function smsBudgetSpentEmail(v: { budget: number; day: string }): EmailMessage {
  return renderEmail('Dagens SMS-budget är slut', [
    { kind: 'paragraph', text: 'Hej!' },
    { kind: 'paragraph', text: `Vikariebanken har skickat ${v.budget} SMS i dag (${v.day}), så mycket som kommunens dagsbudget tillåter. Fler SMS skickas inte förrän i morgon: erbjudanden och besked går ut med e-post.` },
    { kind: 'paragraph', text: 'Är det fler än väntat kan något vara fel, till exempel många frånvaroanmälningar på kort tid. Behöver budgeten ändras gör du det med inställningen SMS_DAILY_BUDGET.' },
  ]);
}
