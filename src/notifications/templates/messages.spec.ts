import { gsm7Length, isGsm7Char } from '../sms/gsm7';
import {
  bookingCancelledManagerEmail,
  bookingConfirmationEmail,
  EmailMessage,
  managerBookedEmail,
  managerUnfilledEmail,
  offerEmail,
  vacancyCancelledEmail,
} from './emails';
import { bookingConfirmationSms, formatSmsDeadline, offerSms, vacancyCancelledSms } from './sms-texts';
import type { VacancyFacts } from './vacancy-facts';

const TOKEN = 'Ab3_-x9ZqPLmN0vW4yT7uR2sK8dF6gH1jC5bE0aQzYw'; // 43 chars, URL-safe base64
const LINK = `https://vikarie.norrkoping.se/o/${TOKEN}`;

const shift = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });
const dayShift = (d: number) =>
  shift(`2027-01-${String(d).padStart(2, '0')}T06:00:00Z`, `2027-01-${String(d).padStart(2, '0')}T15:00:00Z`);

const vacancy: VacancyFacts = {
  unitName: 'Hagaskolan',
  unitAddress: 'Hagagatan 12, 602 25 Norrköping',
  qualificationName: 'Lärare',
  shifts: [dayShift(12), dayShift(11), dayShift(13)],
};
const expiresAt = new Date('2027-01-14T13:00:00Z'); // tors 14 jan 14:00

const hostile: VacancyFacts = {
  unitName: '<script>alert("x")</script> & Co',
  unitAddress: '"><img src=x onerror=alert(1)>',
  qualificationName: "Kock's <b>",
  shifts: [dayShift(11)],
};

function allSmsCharsAreGsm7(sms: string): boolean {
  return [...sms].every(isGsm7Char);
}

function expectNoRawTags(email: EmailMessage): void {
  expect(email.html).not.toContain('<script>');
  expect(email.html).not.toContain('<img');
  expect(email.html).not.toContain('<b>');
  expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
}

describe('formatSmsDeadline', () => {
  it('gives the date when it does not know the sending time', () => {
    expect(formatSmsDeadline(expiresAt)).toBe('tors 14 jan 14:00');
  });

  it('gives only the weekday within the coming days', () => {
    expect(formatSmsDeadline(expiresAt, new Date('2027-01-11T08:00:00Z'))).toBe('tors 14:00');
    expect(formatSmsDeadline(expiresAt, new Date('2027-01-14T08:00:00Z'))).toBe('i dag 14:00');
    expect(formatSmsDeadline(expiresAt, new Date('2027-01-01T08:00:00Z'))).toBe('tors 14 jan 14:00');
  });

  it('counts days across a DST change', () => {
    // now: lör 27 mar 12:00 CET; deadline: fre 2 apr 12:00 CEST, six local days later.
    expect(formatSmsDeadline(new Date('2027-04-02T10:00:00Z'), new Date('2027-03-27T11:00:00Z'))).toBe('fre 2 apr 12:00');
    expect(formatSmsDeadline(new Date('2027-04-01T10:00:00Z'), new Date('2027-03-27T11:00:00Z'))).toBe('tors 12:00');
  });
});

describe('offerSms', () => {
  it('writes a typical offer in one segment', () => {
    const sms = offerSms({ ...vacancy, link: LINK, expiresAt });
    expect(sms).toBe(`Vikariat Hagaskolan, lärare, 3 pass 11-13 jan. Svara senast tors 14 jan 14:00: ${LINK}`);
    expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
    expect(allSmsCharsAreGsm7(sms)).toBe(true);
  });

  it('uses the weekday alone when the sending time is known', () => {
    const sms = offerSms({ ...vacancy, link: LINK, expiresAt, now: new Date('2027-01-11T08:00:00Z') });
    expect(sms).toBe(`Vikariat Hagaskolan, lärare, 3 pass 11-13 jan. Svara senast tors 14:00: ${LINK}`);
  });

  it('writes a single shift in full', () => {
    const sms = offerSms({ ...vacancy, shifts: [dayShift(11)], link: LINK, expiresAt });
    expect(sms).toBe(`Vikariat Hagaskolan, lärare, mån 11 jan 07:00-16:00. Svara senast tors 14 jan 14:00: ${LINK}`);
    expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
  });

  it('shortens a long unit name but never the link', () => {
    const sms = offerSms({
      ...vacancy,
      unitName: 'Vård- och omsorgsboendet Ljuragården, avdelning Björken – korttidsplatser',
      qualificationName: 'Undersköterska',
      link: LINK,
      expiresAt,
    });
    expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
    expect(sms.endsWith(`: ${LINK}`)).toBe(true);
    // Unit first, then the qualification gives way: "Vikariat Vård- och omsorgsboen..., 3 pass ..."
    expect(sms).toMatch(/^Vikariat Vård- och omsorgs\S*\.\.\., 3 pass 11-13 jan\. Svara senast/);
    expect(allSmsCharsAreGsm7(sms)).toBe(true);
  });

  it('keeps the qualification when shortening the unit name is enough', () => {
    const sms = offerSms({
      ...vacancy,
      unitName: 'Förskolan Solrosen, avdelning Blåklockan',
      qualificationName: 'Kock',
      link: LINK,
      expiresAt,
      now: new Date('2027-01-11T08:00:00Z'),
    });
    expect(sms).toBe(`Vikariat Förskolan Solrosen, av..., kock, 3 pass 11-13 jan. Svara senast tors 14:00: ${LINK}`);
    expect(gsm7Length(sms)).toBe(160);
  });

  it('never contains an en dash or other characters outside GSM 03.38', () => {
    const sms = offerSms({
      ...vacancy,
      unitName: 'Förskolan “Solrosen” – Ö',
      shifts: [shift('2027-03-27T21:00:00Z', '2027-03-28T05:00:00Z')],
      link: LINK,
      expiresAt,
    });
    expect(sms).not.toContain('–');
    expect(allSmsCharsAreGsm7(sms)).toBe(true);
    expect(sms).toContain('lör 27 mar 22:00 - sön 28 mar 07:00');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => offerSms({ ...vacancy, link: 'javascript:alert(1)', expiresAt })).toThrow();
  });
});

describe('offerEmail', () => {
  const email = offerEmail({ ...vacancy, link: LINK, expiresAt, firstName: 'Åsa' });

  it('has a Swedish subject with the summary', () => {
    expect(email.subject).toBe('Erbjudande om vikariat: Hagaskolan, 3 pass 11–13 jan');
  });

  it('lists the shifts, the deadline and the link in the text part', () => {
    expect(email.text).toContain('Hej Åsa!');
    expect(email.text).toContain('Du erbjuds ett vikariat som lärare på Hagaskolan.');
    expect(email.text).toContain('Adress: Hagagatan 12, 602 25 Norrköping');
    expect(email.text).toContain('• mån 11 jan 07:00–16:00\n• tis 12 jan 07:00–16:00\n• ons 13 jan 07:00–16:00');
    expect(email.text).toContain('Svara senast tors 14 jan kl. 14:00:');
    expect(email.text).toContain(LINK);
    expect(email.text).toContain('bokas som helhet');
  });

  it('has an HTML document with a button to the link', () => {
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.html).toContain('<html lang="sv">');
    expect(email.html).toContain(`<a href="${LINK}"`);
    expect(email.html).toContain('Svara på erbjudandet</a>');
    expect(email.html).toContain('<li>mån 11 jan 07:00–16:00</li>');
    expect(email.html).toContain('Hälsningar');
  });

  it('shortens a long list of shifts', () => {
    const long = offerEmail({ ...vacancy, shifts: [11, 12, 13, 14, 15, 18, 19].map(dayShift), link: LINK, expiresAt, firstName: 'Åsa' });
    expect(long.text).toContain('… och 4 pass till');
    expect(long.html).toContain('<li>… och 4 pass till</li>');
    expect(long.text).toContain('Alla pass visas när du öppnar länken.');
  });

  it('escapes every value in the HTML', () => {
    const e = offerEmail({ ...hostile, link: `${LINK}?a=1&b=2`, expiresAt, firstName: '<i>Eve</i>' });
    expectNoRawTags(e);
    expect(e.html).not.toContain('<i>');
    expect(e.html).toContain('href="https://vikarie.norrkoping.se/o/');
    expect(e.html).toContain('?a=1&amp;b=2"');
    // The plain-text part is not HTML and is left as written.
    expect(e.text).toContain('<script>alert("x")</script> & Co');
  });

  it('keeps subjects on one line', () => {
    const e = offerEmail({ ...vacancy, unitName: 'Haga\r\nBcc: x@example.com', link: LINK, expiresAt, firstName: 'Åsa' });
    expect(e.subject).not.toMatch(/[\r\n]/);
  });
});

describe('booking messages', () => {
  it('confirms a booking by SMS within one segment', () => {
    const sms = bookingConfirmationSms(vacancy);
    expect(sms).toBe('Du är bokad: Hagaskolan, lärare, 3 pass 11-13 jan. Adress: Hagagatan 12, 602 25 Norrköping. Välkommen!');
    expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
    expect(allSmsCharsAreGsm7(sms)).toBe(true);
  });

  it('leaves out the address when there is none, and shortens a long one', () => {
    expect(bookingConfirmationSms({ ...vacancy, unitAddress: null })).toBe('Du är bokad: Hagaskolan, lärare, 3 pass 11-13 jan. Välkommen!');
    const sms = bookingConfirmationSms({ ...vacancy, unitAddress: 'Hagagatan 12, ingång från gården, plan 3, 602 25 Norrköping '.repeat(3) });
    expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
    expect(sms).toContain('Adress: Hagagatan 12, ingång');
  });

  it('confirms a booking by email with every shift', () => {
    const shifts = [11, 12, 13, 14, 15, 18, 19].map(dayShift);
    const e = bookingConfirmationEmail({ ...vacancy, shifts, firstName: 'Örjan', calendarAttached: true });
    expect(e.subject).toBe('Bokningsbekräftelse: Hagaskolan, 7 pass 11–19 jan');
    expect(e.text).toContain('Hej Örjan!');
    expect(e.text).toContain('Tack! Du är bokad som lärare på Hagaskolan.');
    expect(e.text).toContain('• tis 19 jan 07:00–16:00');
    expect(e.text).not.toContain('pass till');
    expect(e.text).toContain('Passen finns också i den bifogade kalenderfilen.');
    expect((e.html.match(/<li>/g) ?? []).length).toBe(7);
    expect(bookingConfirmationEmail({ ...vacancy, firstName: 'Örjan' }).text).not.toContain('kalenderfilen');
  });

  it('escapes HTML in booking emails', () => {
    expectNoRawTags(bookingConfirmationEmail({ ...hostile, firstName: 'A' }));
    expectNoRawTags(managerBookedEmail({ ...hostile, substituteName: '<b>Bo</b>' }));
    expectNoRawTags(managerUnfilledEmail({ ...hostile, reason: 'no_candidates' }));
    expectNoRawTags(vacancyCancelledEmail({ ...hostile, firstName: 'A' }));
    expectNoRawTags(bookingCancelledManagerEmail({ ...hostile, substituteName: 'A', reason: '<script>x</script>' }));
  });

  it('tells the manager who was booked', () => {
    const e = managerBookedEmail({ ...vacancy, substituteName: 'Åsa Öberg' });
    expect(e.subject).toBe('Vikariatet är tillsatt: Hagaskolan, 3 pass 11–13 jan');
    expect(e.text).toContain('Åsa Öberg har tackat ja och är bokad som lärare på Hagaskolan.');
    expect(e.html).toContain('<strong>Vikarie:</strong> Åsa Öberg');
  });

  it('tells the manager why a vacancy is unfilled', () => {
    const none = managerUnfilledEmail({ ...vacancy, reason: 'no_candidates' });
    expect(none.subject).toBe('Vikariatet är inte tillsatt: Hagaskolan, 3 pass 11–13 jan');
    expect(none.text).toContain('Vi har inte hittat någon vikarie');
    const started = managerUnfilledEmail({ ...vacancy, reason: 'started' });
    expect(started.text).toContain('det första passet har redan börjat');
  });

  it('tells a booked substitute that the vacancy is cancelled', () => {
    const sms = vacancyCancelledSms(vacancy);
    expect(sms).toBe('Avbokat: vikariatet på Hagaskolan, 3 pass 11-13 jan, är inställt. Du behöver inte komma på passen.');
    expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
    expect(allSmsCharsAreGsm7(sms)).toBe(true);
    const one = vacancyCancelledSms({ ...vacancy, shifts: [dayShift(11)] });
    expect(one).toBe('Avbokat: vikariatet på Hagaskolan, mån 11 jan 07:00-16:00, är inställt. Du behöver inte komma på passet.');

    const e = vacancyCancelledEmail({ ...vacancy, firstName: 'Åsa' });
    expect(e.subject).toBe('Avbokat: ditt vikariat på Hagaskolan, 3 pass 11–13 jan');
    expect(e.text).toContain('din bokning är därför avbokad');
    expect(e.text).toContain('• mån 11 jan 07:00–16:00');
  });

  it('tells the manager that the substitute cancelled and a new search has started', () => {
    const e = bookingCancelledManagerEmail({ ...vacancy, substituteName: 'Åsa Öberg', reason: 'Sjuk\nfeber' });
    expect(e.subject).toBe('Vikarien har avbokat: Hagaskolan, 3 pass 11–13 jan');
    expect(e.text).toContain('Åsa Öberg har avbokat vikariatet som lärare på Hagaskolan.');
    expect(e.text).toContain('Anledning: Sjuk\nfeber');
    expect(e.text).toContain('Vi har börjat söka en ny vikarie');
    expect(e.html).toContain('<strong>Anledning:</strong> Sjuk<br>\nfeber');
    expect(bookingCancelledManagerEmail({ ...vacancy, substituteName: 'Bo', reason: '  ' }).text).toContain('Anledning: ingen angiven');
  });

  it('writes the night shift across DST in local time', () => {
    const e = bookingConfirmationEmail({ ...vacancy, shifts: [shift('2027-03-27T21:00:00Z', '2027-03-28T05:00:00Z')], firstName: 'Åsa' });
    expect(e.text).toContain('• lör 27 mar 22:00 – sön 28 mar 07:00');
  });
});
