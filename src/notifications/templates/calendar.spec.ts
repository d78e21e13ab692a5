import { bookingIcs, ICS_PRODUCT_ID } from './calendar';
import type { VacancyFacts } from './vacancy-facts';

const shift = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

const vacancy: VacancyFacts = {
  unitName: 'Hagaskolan <script>',
  unitAddress: 'Hagagatan 12, 602 25 Norrköping',
  qualificationName: 'Lärare',
  shifts: [
    shift('2027-01-12T06:00:00Z', '2027-01-12T15:00:00Z'),
    shift('2027-01-11T06:00:00Z', '2027-01-11T15:00:00Z'),
    shift('2027-03-27T21:00:00Z', '2027-03-28T05:00:00Z'),
  ],
};

interface Property {
  name: string;
  params: string;
  value: string;
}
interface Component {
  name: string;
  props: Property[];
  children: Component[];
}

/** A small RFC 5545 reader: unfolds lines, checks BEGIN/END nesting, returns the component tree. */
function parseIcs(text: string): Component {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (/^[ \t]/.test(line)) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const root: Component = { name: '', props: [], children: [] };
  const stack: Component[] = [root];
  for (const line of logical) {
    const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    if (!m) throw new Error(`Bad content line: ${line}`);
    const [, name, params, value] = m;
    if (name === 'BEGIN') {
      const c: Component = { name: value, props: [], children: [] };
      stack[stack.length - 1].children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      const c = stack.pop();
      if (!c || c.name !== value) throw new Error(`END:${value} does not close ${c?.name}`);
    } else {
      stack[stack.length - 1].props.push({ name, params, value });
    }
  }
  expect(stack).toHaveLength(1);
  expect(root.children).toHaveLength(1);
  return root.children[0];
}

const prop = (c: Component, name: string) => c.props.find((p) => p.name === name)?.value;

describe('bookingIcs', () => {
  const ics = bookingIcs({ ...vacancy, uid: '3f1c2a9e-7d4b-4c1e-9a55-0b1e2f3a4b5c' });
  const calendar = parseIcs(ics);
  const events = calendar.children.filter((c) => c.name === 'VEVENT');

  it('is a VCALENDAR with version and PRODID', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(calendar.name).toBe('VCALENDAR');
    expect(prop(calendar, 'VERSION')).toBe('2.0');
    expect(prop(calendar, 'PRODID')).toBe(ICS_PRODUCT_ID);
  });

  it('has one VEVENT per shift, in order, with UTC times', () => {
    expect(events).toHaveLength(3);
    expect(events.map((e) => prop(e, 'DTSTART'))).toEqual(['20270111T060000Z', '20270112T060000Z', '20270327T210000Z']);
    expect(events.map((e) => prop(e, 'DTEND'))).toEqual(['20270111T150000Z', '20270112T150000Z', '20270328T050000Z']);
    for (const e of events) {
      expect(prop(e, 'DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);
      expect(e.props.find((p) => p.name === 'DTSTART')?.params).toBe('');
    }
  });

  it('titles the events and gives the address, escaped as iCalendar text', () => {
    for (const e of events) {
      expect(prop(e, 'SUMMARY')).toBe('Vikariat: Hagaskolan <script>');
      expect(prop(e, 'LOCATION')).toBe('Hagagatan 12\\, 602 25 Norrköping');
      expect(prop(e, 'STATUS')).toBe('CONFIRMED');
    }
    expect(prop(events[0], 'DESCRIPTION')).toContain('Lärare på Hagaskolan');
  });

  it('gives every event a unique UID derived from the booking id', () => {
    const uids = events.map((e) => prop(e, 'UID'));
    expect(new Set(uids).size).toBe(3);
    expect(uids[0]).toBe(`3f1c2a9e-7d4b-4c1e-9a55-0b1e2f3a4b5c-${Date.parse('2027-01-11T06:00:00Z')}@vikariebanken`);
  });

  it('leaves out the location when there is no address', () => {
    const noAddress = parseIcs(bookingIcs({ ...vacancy, unitAddress: null, uid: 'b1' }));
    expect(noAddress.children.every((e) => prop(e, 'LOCATION') === undefined)).toBe(true);
  });

  it('throws without shifts or with a bad date', () => {
    expect(() => bookingIcs({ ...vacancy, shifts: [], uid: 'b1' })).toThrow();
    expect(() => bookingIcs({ ...vacancy, shifts: [shift('nope', '2027-01-11T15:00:00Z')], uid: 'b1' })).toThrow();
  });
});

describe('bookingIcs line folding', () => {
  it('folds long lines with å ä ö at 75 octets and unfolds to the original text', () => {
    const long = 'Vård- och omsorgsboendet Ljuragården, avdelning Björken, Äppelgården och Ödegården';
    const ics = bookingIcs({ ...vacancy, unitName: long, uid: 'b1' });
    const calendar = parseIcs(ics); // asserts every physical line is at most 75 octets
    expect(ics).toMatch(/\r\n [^\r\n]/); // something was folded
    expect(prop(calendar.children[0], 'SUMMARY')).toBe(`Vikariat: ${long.replace(/,/g, '\\,')}`);
  });
});

describe('bookingIcs as an invitation and its cancellation', () => {
  const parties = { organizer: { name: 'Vikariebanken', email: 'vikariebanken@norrkoping.se' }, attendee: { name: 'Åsa Öberg', email: 'asa@example.se' } };
  const uid = '3f1c2a9e-7d4b-4c1e-9a55-0b1e2f3a4b5c';
  const invitation = parseIcs(bookingIcs({ ...vacancy, uid, parties }));
  const cancellation = parseIcs(bookingIcs({ ...vacancy, uid, parties, cancelled: true }));
  const events = (c: Component) => c.children.filter((e) => e.name === 'VEVENT');

  it('invites with an organizer, the booked substitute, and sequence 0', () => {
    expect(prop(invitation, 'METHOD')).toBe('REQUEST');
    for (const event of events(invitation)) {
      expect(prop(event, 'SEQUENCE')).toBe('0');
      expect(prop(event, 'STATUS')).toBe('CONFIRMED');
      expect(event.props.find((p) => p.name === 'ORGANIZER')?.value).toMatch(/^mailto:vikariebanken@norrkoping\.se$/i);
      expect(event.props.find((p) => p.name === 'ATTENDEE')?.value).toMatch(/^mailto:asa@example\.se$/i);
    }
  });

  it('cancels the same events: same UIDs, a higher sequence, METHOD:CANCEL', () => {
    expect(prop(cancellation, 'METHOD')).toBe('CANCEL');
    expect(events(cancellation).map((e) => prop(e, 'UID'))).toEqual(events(invitation).map((e) => prop(e, 'UID')));
    for (const event of events(cancellation)) {
      expect(prop(event, 'SEQUENCE')).toBe('1');
      expect(prop(event, 'STATUS')).toBe('CANCELLED');
    }
  });
});
