import { statusesAllowingChange, VACANCY_STATUSES, VACANCY_TRANSITIONS } from './vacancy-status';

describe('vacancy status', () => {
  it('lets only live vacancies be rescheduled', () => {
    expect(statusesAllowingChange(undefined)).toEqual(['open', 'offering']);
  });

  it('never leaves cancelled, and fills what matching works on or, by hand, what it left unfilled', () => {
    expect(VACANCY_TRANSITIONS.cancelled).toEqual([]);
    expect(statusesAllowingChange('filled')).toEqual(['open', 'offering', 'unfilled']);
    expect(statusesAllowingChange('cancelled')).toEqual(['open', 'offering', 'filled', 'unfilled']);
  });

  it('reopens only a filled vacancy (its booking was cancelled)', () => {
    expect(statusesAllowingChange('open')).toEqual(['filled']);
  });

  it('names only known statuses', () => {
    for (const targets of Object.values(VACANCY_TRANSITIONS)) for (const to of targets) expect(VACANCY_STATUSES).toContain(to);
  });
});
