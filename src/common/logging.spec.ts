import { redactTokens } from './logging';

describe('redactTokens', () => {
  it('hides offer tokens and webhook keys, whatever the letter case of the path', () => {
    const token = 'Ab3_-x9ZqPLmN0vW4yT7uR2sK8dF6gH1jC5bE0aQzYw';
    expect(redactTokens(`/o/${token}`)).toBe('/o/[token]');
    expect(redactTokens(`/O/${token}/accept`)).toBe('/O/[token]/accept');
    expect(redactTokens(`/API/V1/OFFERS/${token}/decline`)).toBe('/API/V1/OFFERS/[token]/decline');
    expect(redactTokens('/api/v1/webhooks/46elks/delivery?KEY=secret&delivery=1')).toBe('/api/v1/webhooks/46elks/delivery?KEY=[redacted]&delivery=1');
  });
});
