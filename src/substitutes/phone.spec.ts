import { normalisePhone } from './phone';

describe('normalisePhone', () => {
  it.each([
    ['070-123 45 67', '+46701234567'],
    ['0701234567', '+46701234567'],
    ['+46 70 123 45 67', '+46701234567'],
    ['0046701234567', '+46701234567'],
    ['073-917 40 60', '+46739174060'],
    ['+358 40 1234567', '+358401234567'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each(['', '12', 'abc', '070-123', '011-12 34 56' /* Norrköping landline: cannot take SMS */, '+46 70 123 45 67 89 00', '0701234567; drop table'])(
    'rejects %p',
    (input) => {
      expect(normalisePhone(input)).toBeNull();
    },
  );
});
