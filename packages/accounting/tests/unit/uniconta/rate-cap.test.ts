import { describe, expect, it } from 'vitest';
import { defaultUnicontaRequestsPerSecond, unicontaRequestsPerSecond } from '#accounting/uniconta/rate-cap';

describe('unicontaRequestsPerSecond', () => {
  it('is the documented default when nothing is configured', () => {
    // Act & Assess
    expect(defaultUnicontaRequestsPerSecond).toBe(5);
    expect(unicontaRequestsPerSecond('https://odata.uniconta.com', {})).toBe(5);
    expect(unicontaRequestsPerSecond('https://odata.uniconta.com', { requestsPerSecond: ' ' })).toBe(5);
  });

  it('takes the configured cap for every host', () => {
    // Act & Assess
    expect(unicontaRequestsPerSecond('https://odata.uniconta.com', { requestsPerSecond: '8' })).toBe(8);
    expect(unicontaRequestsPerSecond('https://odata.uniconta.com', { requestsPerSecond: '0.5' })).toBe(0.5);
  });

  it('takes a host’s own cap by its origin (path and trailing slash aside), else the general one', () => {
    // Prepare
    const config = {
      requestsPerSecond: '7',
      byHost: 'http://127.0.0.1:4101=5, http://127.0.0.1:4102/=10',
    };

    // Act & Assess
    expect(unicontaRequestsPerSecond('http://127.0.0.1:4101', config)).toBe(5);
    expect(unicontaRequestsPerSecond('http://127.0.0.1:4102/api', config)).toBe(10);
    expect(unicontaRequestsPerSecond('http://127.0.0.1:4103', config)).toBe(7);
  });

  it('refuses a value that is not a rate above 0, rather than run without a cap', () => {
    // Act & Assess
    expect(() =>
      unicontaRequestsPerSecond('https://odata.uniconta.com', { requestsPerSecond: 'fast' }),
    ).toThrow('UNICONTA_REQUESTS_PER_SECOND must be a number of calls a second above 0, not "fast"');
    expect(() => unicontaRequestsPerSecond('https://odata.uniconta.com', { requestsPerSecond: '0' })).toThrow(
      RangeError,
    );
    expect(() =>
      unicontaRequestsPerSecond('http://127.0.0.1:4101', { byHost: 'http://127.0.0.1:4101' }),
    ).toThrow('UNICONTA_REQUESTS_PER_SECOND_BY_HOST: "http://127.0.0.1:4101" is not <host>=<rate>');
  });
});
