import { OFFER_STATUSES, OFFER_TRANSITIONS, statusesThatMayBecome } from './offer-status';

describe('offer status', () => {
  it('leaves only pending, which the repository writes out for its partial indexes', () => {
    expect(OFFER_STATUSES.filter((status) => OFFER_TRANSITIONS[status].length > 0)).toEqual(['pending']);
    expect(statusesThatMayBecome('withdrawn')).toEqual(['pending']);
    expect(statusesThatMayBecome('expired')).toEqual(['pending']);
  });
});
