import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('keeps IPv4, also when written as IPv6', () => {
    expect(clientAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 by its /64, however it is written', () => {
    expect(clientAddress('2001:db8:0:12:aaaa::1')).toBe('2001:db8:0:12::/64');
    expect(clientAddress('2001:0db8:0000:0012:bbbb:0:0:2')).toBe('2001:db8:0:12::/64');
    expect(clientAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddress('::1')).toBe('0:0:0:0::/64');
  });
});
