import { maskRecipient } from './mask';

describe('maskRecipient', () => {
  it('keeps the first letter and the domain of an email, the country code and last two digits of a number', () => {
    expect(maskRecipient('vikarie@norrkoping.example')).toBe('v***@norrkoping.example');
    expect(maskRecipient('+46701740605')).toBe('+467******05');
    expect(maskRecipient('123')).toBe('***');
  });
});
