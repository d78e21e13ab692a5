import { csvField, encodeCsv, formatHours, payrollCsv, payrollRow, splitShift, type PayrollShift } from './payroll-csv';

describe('splitShift', () => {
  it('gives the local date and clock times of a winter day shift and its hours', () => {
    expect(splitShift(new Date('2027-01-11T06:00:00Z'), new Date('2027-01-11T14:30:00Z'))).toEqual({ date: '2027-01-11', start: '07:00', end: '15:30', hours: 8.5 });
  });

  it('dates a night shift by its start', () => {
    expect(splitShift(new Date('2027-01-11T21:00:00Z'), new Date('2027-01-12T05:00:00Z'))).toEqual({ date: '2027-01-11', start: '22:00', end: '06:00', hours: 8 });
  });

  it('counts elapsed hours across the clock changes: 22:00–06:00 is 7 hours in March and 9 in October', () => {
    // 2026-03-29: 02:00 becomes 03:00. 2026-10-25: 03:00 becomes 02:00.
    expect(splitShift(new Date('2026-03-28T21:00:00Z'), new Date('2026-03-29T04:00:00Z'))).toEqual({ date: '2026-03-28', start: '22:00', end: '06:00', hours: 7 });
    expect(splitShift(new Date('2026-10-24T20:00:00Z'), new Date('2026-10-25T05:00:00Z'))).toEqual({ date: '2026-10-24', start: '22:00', end: '06:00', hours: 9 });
  });
});

describe('formatHours', () => {
  it('writes a decimal comma, at most two decimals, and no decimals for whole hours', () => {
    expect([7.5, 8, 7.25, 1 / 3, 0.1 + 0.2, 0].map(formatHours)).toEqual(['7,5', '8', '7,25', '0,33', '0,3', '0']);
  });
});

describe('csvField', () => {
  it('leaves plain text alone, å ä ö included', () => {
    expect(csvField('Vård och omsorg')).toBe('Vård och omsorg');
    expect(csvField('')).toBe('');
  });

  it('quotes a field holding ; " or a line break, doubling the quotes', () => {
    expect(csvField('Skola; Norr')).toBe('"Skola; Norr"');
    expect(csvField('Förskolan "Myran"')).toBe('"Förskolan ""Myran"""');
    expect(csvField('rad ett\nrad två')).toBe('"rad ett\nrad två"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('keeps Excel from reading a field as a formula', () => {
    expect(['=1+1', '+46', '-x', '@SUM(A1)'].map(csvField)).toEqual(["'=1+1", "'+46", "'-x", "'@SUM(A1)"]);
    expect(csvField('=A1;B1')).toBe(`"'=A1;B1"`);
  });
});

describe('encodeCsv', () => {
  it('starts with the byte-order mark, separates by ; and ends each row with CRLF', () => {
    const csv = encodeCsv([['a', 'b;c'], ['1', '2']]);
    expect(csv).toBe('\uFEFFa;"b;c"\r\n1;2\r\n');
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('payroll rows', () => {
  const shift: PayrollShift = {
    substituteId: '0b5c2f0e-6f1a-4c8e-9d3a-2a7f1c9e4b11',
    firstName: 'Åsa',
    lastName: 'Öberg',
    unitName: 'Vrinnevihemmet',
    serviceArea: 'vard_omsorg',
    qualification: 'Undersköterska',
    start: new Date('2027-01-11T06:00:00Z'),
    end: new Date('2027-01-11T13:30:00Z'),
    programme: 'Jobbsatsningen',
  };

  it('names the substitute, unit, service area and qualification, and gives date, times, hours and programme', () => {
    expect(payrollRow(shift)).toEqual([shift.substituteId, 'Åsa Öberg', 'Vrinnevihemmet', 'Vård och omsorg', 'Undersköterska', '2027-01-11', '07:00', '14:30', '7,5', 'Jobbsatsningen']);
  });

  it('shows an erased substitute by id only, and no programme as an empty field', () => {
    expect(payrollRow({ ...shift, firstName: null, lastName: null, programme: null })).toEqual([
      shift.substituteId, '', 'Vrinnevihemmet', 'Vård och omsorg', 'Undersköterska', '2027-01-11', '07:00', '14:30', '7,5', '',
    ]);
  });

  it('is a header and one line per shift', () => {
    expect(payrollCsv([shift]).split('\r\n')).toEqual([
      '\uFEFFVikarie-id;Namn;Enhet;Verksamhet;Behörighet;Datum;Start;Slut;Timmar;Program',
      `${shift.substituteId};Åsa Öberg;Vrinnevihemmet;Vård och omsorg;Undersköterska;2027-01-11;07:00;14:30;7,5;Jobbsatsningen`,
      '',
    ]);
  });
});
