import { describe, expect, it } from 'vitest';
import { createAccountingAdapter } from '../../src/create-adapter.ts';
import { fakeFetch, reply } from './helpers.ts';

describe('createAccountingAdapter', () => {
  it('builds the e-conomic adapter from e-conomic credentials, with the settings’ base URL', async () => {
    // Prepare
    const server = fakeFetch([reply(200, {})]);

    // Act
    const adapter = createAccountingAdapter('economic', {
      baseUrl: 'https://restapi.example.test',
      credentials: { appSecretToken: 'a', agreementGrantToken: 'g' },
      defaultLayoutNumber: 19,
      fetch: server.fetch,
    });
    await adapter.verifyCredentials();

    // Assess
    expect(adapter.system).toBe('economic');
    expect(server.sent[0]).toMatchObject({
      url: 'https://restapi.example.test/self',
      headers: { 'X-AppSecretToken': 'a', 'X-AgreementGrantToken': 'g' },
    });
  });

  it('builds the Uniconta adapter from Uniconta credentials', async () => {
    const server = fakeFetch([reply(200, [])]);

    const adapter = createAccountingAdapter('uniconta', {
      baseUrl: 'https://odata.example.test',
      credentials: { companyId: '12345', userId: 'u', password: 'p' },
      fetch: server.fetch,
    });
    await adapter.verifyCredentials();

    expect(adapter.system).toBe('uniconta');
    expect(server.sent[0]?.headers.Authorization).toBe(
      `Basic ${Buffer.from('0012345/u:p').toString('base64')}`,
    );
  });

  it.each([
    ['economic', { companyId: '1', userId: 'u', password: 'p' }],
    ['economic', { appSecretToken: 'a', agreementGrantToken: ' ' }],
    ['uniconta', { appSecretToken: 'a', agreementGrantToken: 'g' }],
    ['uniconta', { companyId: '1', userId: 'u', password: '' }],
  ] as const)('refuses credentials that do not fit %s as AccountingAuthFailed', (system, credentials) => {
    expect(() =>
      createAccountingAdapter(system, {
        baseUrl: 'https://x.example.test',
        credentials: credentials as never,
      }),
    ).toThrow(expect.objectContaining({ name: 'AccountingAuthFailed' }));
  });
});
