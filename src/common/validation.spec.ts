import { flattenValidationErrors, inputProblems, MAX_INPUT_DEPTH } from './validation';

describe('inputProblems', () => {
  it('accepts ordinary input, Swedish letters and emoji included', () => {
    expect(inputProblems({ name: 'Ljuragården', shifts: [{ start: '2027-01-11T07:00' }], note: '👩‍⚕️' }, '')).toEqual([]);
  });

  it('names text with NUL or half a surrogate pair', () => {
    expect(inputProblems({ name: 'a\u0000b', shifts: [{ start: 'x\ud800' }] }, '')).toEqual(
      expect.arrayContaining([
        { field: 'name', problem: 'must not contain the NUL character' },
        { field: 'shifts.0.start', problem: 'must be valid Unicode text' },
      ]),
    );
  });

  it('refuses reserved field names', () => {
    expect(inputProblems(JSON.parse('{"a": {"__proto__": {"x": 1}}, "constructor": 1}'), '')).toEqual(
      expect.arrayContaining([
        { field: 'a.__proto__', problem: 'is not a known field' },
        { field: 'constructor', problem: 'is not a known field' },
      ]),
    );
  });

  it('stops at nesting deeper than the limit without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const problems = inputProblems(deep, '');
    expect(problems).toHaveLength(1);
    expect(problems[0].field.split('.')).toHaveLength(MAX_INPUT_DEPTH);
  });
});

describe('flattenValidationErrors', () => {
  it('names the body for an error without a property', () => {
    expect(flattenValidationErrors([{ property: undefined as unknown as string, constraints: { unknownValue: 'an unknown value was passed' }, children: [] }])).toEqual([
      { field: 'body', problem: 'must be an object' },
    ]);
  });
});
