import { describe, expect, it } from 'vitest';
import {
  credentialFields,
  isAccountingSystem,
  maskCredentials,
  presentSettings,
} from '../../src/integration.ts';

describe('maskCredentials', () => {
  it('shows who the credentials are, and masks every secret', () => {
    expect(maskCredentials('uniconta', { companyId: '12345', userId: 'anna', password: 'hunter22' })).toEqual(
      {
        companyId: '12345',
        userId: 'anna',
        password: '••••er22',
      },
    );
    expect(maskCredentials('economic', { appSecretToken: 'abc', agreementGrantToken: 'grant-5678' })).toEqual(
      {
        appSecretToken: '••••',
        agreementGrantToken: '••••5678',
      },
    );
  });
});

describe('accounting systems', () => {
  it('names each system’s credentials and knows its systems', () => {
    expect(credentialFields.economic).toEqual(['appSecretToken', 'agreementGrantToken']);
    expect(isAccountingSystem('uniconta')).toBe(true);
    expect(isAccountingSystem('__proto__')).toBe(false);
  });

  it('presents the masked credentials as `credentials`', () => {
    const settings = {
      system: 'economic',
      owner: { kind: 'platform' },
      baseUrl: 'https://restapi.e-conomic.com',
      autoExport: false,
      maskedCredentials: { appSecretToken: '••••1234' },
      verifiedAt: 't',
      updatedAt: 't',
    } as const;
    const { maskedCredentials, ...shown } = settings;
    expect(presentSettings(settings)).toEqual({ ...shown, credentials: maskedCredentials });
    expect(presentSettings(settings)).not.toHaveProperty('maskedCredentials');
  });
});
