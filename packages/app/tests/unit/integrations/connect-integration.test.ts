import { describe, expect, it, vi } from 'vitest';
import { exportAccounting } from '#app/exports/export-accounting';
import { connectIntegration } from '#app/integrations/connect-integration';
import { openIntegration } from '#app/integrations/open-integration';
import { readIntegration } from '#app/integrations/read-integration';
import type { StoredCredentials } from '#app/ports/store';
import { AccountingAuthFailed, AccountingUnavailable } from '#domain/accounting-failures';
import { IntegrationNotUsable } from '#domain/accounting-refusals';
import type { Caller } from '#domain/caller';
import type { IntegrationSettings } from '#domain/integration';
import { Refusal } from '#domain/refusal';
import {
  accountingSystem,
  fixedClock,
  job,
  otherResellerId,
  reseller,
  resellerId,
  silentLog,
  systemsOpening,
} from '../fakes.ts';

const now = '2026-11-15T10:00:00.000Z';
const asReseller: Caller = {
  userId: 'u1',
  role: 'RESELLER',
  reseller: resellerId,
  email: 'me@telco.example',
};
const asAdmin: Caller = { userId: 'admin', role: 'ADMIN' };
const owner = { kind: 'reseller', reseller: resellerId } as const;
const tokens = { appSecretToken: 'app-secret-1234', agreementGrantToken: 'grant-token-5678' };

const saved = (overrides: Partial<IntegrationSettings> = {}): IntegrationSettings => ({
  system: 'economic',
  owner,
  baseUrl: 'https://sim.example',
  autoExport: false,
  maskedCredentials: { appSecretToken: '••••1234', agreementGrantToken: '••••5678' },
  verifiedAt: now,
  updatedAt: now,
  updatedBy: 'me@telco.example',
  ...overrides,
});

const world = (previous?: IntegrationSettings, stored?: StoredCredentials) => {
  const accounting = accountingSystem();
  const ports = {
    integrations: { getIntegration: vi.fn(async () => previous), putIntegration: vi.fn(async () => {}) },
    credentials: { loadCredentials: vi.fn(async () => stored), saveCredentials: vi.fn(async () => {}) },
    resellers: { getReseller: vi.fn(async (id: string) => (id === resellerId ? reseller() : undefined)) },
    systems: systemsOpening(accounting),
    clock: fixedClock(now),
    log: silentLog(),
  };
  return { ports, accounting };
};

describe('connectIntegration', () => {
  it('tries the credentials, then stores them bound to their host and the settings masked', async () => {
    // Prepare
    const { ports, accounting } = world();

    // Act
    const result = await connectIntegration(ports, {
      caller: asReseller,
      system: 'economic',
      settings: tokens,
    });

    // Assess
    expect(result).toEqual(saved());
    expect(ports.systems.open).toHaveBeenCalledExactlyOnceWith('economic', 'https://sim.example', tokens, {});
    expect(accounting.verifyCredentials).toHaveBeenCalledTimes(1);
    expect(ports.credentials.saveCredentials).toHaveBeenCalledExactlyOnceWith(owner, 'economic', {
      credentials: tokens,
      origin: 'https://sim.example',
    });
    expect(ports.integrations.putIntegration).toHaveBeenCalledExactlyOnceWith(saved());
  });

  it('saves a daily call allowance, and keeps it when a later save omits it', async () => {
    // Prepare
    const { ports } = world(saved({ dailyCallAllowance: 20_000 }), {
      credentials: tokens,
      origin: 'https://sim.example',
    });

    // Act
    const kept = await connectIntegration(ports, { caller: asReseller, system: 'economic', settings: {} });
    const raised = await connectIntegration(ports, {
      caller: asReseller,
      system: 'economic',
      settings: { dailyCallAllowance: 30_000 },
    });

    // Assess
    expect(kept.dailyCallAllowance).toBe(20_000);
    expect(raised.dailyCallAllowance).toBe(30_000);
    expect(ports.integrations.putIntegration).toHaveBeenLastCalledWith(saved({ dailyCallAllowance: 30_000 }));
  });

  it('keeps stored credentials that were given for this host, and writes no secret', async () => {
    // Prepare
    const { ports } = world(saved({ defaultLayoutNumber: 19, defaultDaysOfCredit: 30 }), {
      credentials: tokens,
      origin: 'https://sim.example',
    });

    // Act
    const result = await connectIntegration(ports, {
      caller: asReseller,
      system: 'economic',
      settings: { autoExport: true },
    });

    // Assess: the defaults omitted are kept
    expect(result).toMatchObject({ autoExport: true, defaultLayoutNumber: 19, defaultDaysOfCredit: 30 });
    expect(ports.systems.open).toHaveBeenCalledWith('economic', 'https://sim.example', tokens, {
      defaultLayoutNumber: 19,
    });
    expect(ports.credentials.saveCredentials).not.toHaveBeenCalled();
  });

  it('names every credential missing the first time, or when the integration moves host', async () => {
    // Prepare
    const first = world();
    const moved = world(saved(), { credentials: tokens, origin: 'https://sim.example' });

    // Act
    const refusedFirst = connectIntegration(first.ports, {
      caller: asReseller,
      system: 'uniconta',
      settings: { userId: 'me' },
    });
    const refusedMove = connectIntegration(moved.ports, {
      caller: asAdmin,
      system: 'economic',
      settings: { reseller: resellerId, baseUrl: 'https://restapi.e-conomic.com' },
    });

    // Assess
    const needed = 'Uniconta needs companyId, password the first time it is connected';
    await expect(refusedFirst).rejects.toEqual(
      new Refusal(422, 'multiple', '2 problems were found in the request', [
        new Refusal(422, 'companyId', needed),
        new Refusal(422, 'password', needed),
      ]),
    );
    await expect(refusedMove).rejects.toMatchObject({
      key: 'multiple',
      errors: [
        {
          key: 'appSecretToken',
          description:
            'the credentials were given for another host: moving e-conomic to https://restapi.e-conomic.com needs appSecretToken, agreementGrantToken again',
        },
        { key: 'agreementGrantToken' },
      ],
    });
    expect(first.ports.systems.open).not.toHaveBeenCalled();
    expect(moved.ports.systems.open).not.toHaveBeenCalled();
  });

  it('lets only ADMIN choose the host, and only one the deployment allows; nothing is tried before', async () => {
    // Prepare
    const { ports } = world();

    // Act
    const byReseller = connectIntegration(ports, {
      caller: asReseller,
      system: 'economic',
      settings: { ...tokens, baseUrl: 'https://sim.example' },
    });
    const elsewhere = connectIntegration(ports, {
      caller: asAdmin,
      system: 'economic',
      settings: { ...tokens, reseller: resellerId, baseUrl: 'http://169.254.169.254' },
    });

    // Assess
    await expect(byReseller).rejects.toEqual(
      new Refusal(403, 'access_denied', 'Only ADMIN may choose where the accounting system lives (baseUrl)'),
    );
    await expect(elsewhere).rejects.toEqual(
      new Refusal(
        422,
        'baseUrl',
        'Base URL must be one of the e-conomic hosts this deployment allows: https://restapi.e-conomic.com, https://sim.example',
      ),
    );
    expect(ports.systems.open).not.toHaveBeenCalled();
    expect(ports.credentials.loadCredentials).not.toHaveBeenCalled();
  });

  it('answers an accounting system that cannot be reached as 503 with its Retry-After, stores nothing', async () => {
    // Prepare
    const { ports, accounting } = world();
    accounting.verifyCredentials.mockRejectedValue(
      Object.assign(new AccountingUnavailable('GET /self answered 503'), { retryAfterSeconds: 90 }),
    );

    // Act
    const refused = connectIntegration(ports, { caller: asReseller, system: 'economic', settings: tokens });

    // Assess
    await expect(refused).rejects.toMatchObject({
      status: 503,
      key: 'accounting_unavailable',
      retryAfterSeconds: 90,
    });
    expect(ports.credentials.saveCredentials).not.toHaveBeenCalled();
    expect(ports.integrations.putIntegration).not.toHaveBeenCalled();
  });

  it('answers refused credentials in our words, logs the system’s, stores nothing', async () => {
    // Prepare
    const { ports, accounting } = world();
    accounting.verifyCredentials.mockRejectedValue(
      new AccountingAuthFailed('host said: bad token', {
        fields: ['agreementGrantToken'],
        reason: 'no-rights',
      }),
    );

    // Act
    const refused = connectIntegration(ports, { caller: asReseller, system: 'economic', settings: tokens });

    // Assess
    await expect(refused).rejects.toEqual(
      new Refusal(
        403,
        'economic',
        'The e-conomic integration is not valid: the agreement grant token (agreementGrantToken) does not give the rights Faktura needs in e-conomic',
      ),
    );
    expect(ports.log.warn).toHaveBeenCalledWith(
      'The accounting system refused the settings check',
      expect.anything(),
    );
    expect(ports.credentials.saveCredentials).not.toHaveBeenCalled();
    expect(ports.integrations.putIntegration).not.toHaveBeenCalled();
  });

  it('keeps a RESELLER to its own integration and 404s an unknown reseller', async () => {
    // Prepare
    const { ports } = world();

    // Act
    const foreign = connectIntegration(ports, {
      caller: asReseller,
      system: 'economic',
      settings: { ...tokens, reseller: otherResellerId },
    });
    const platform = connectIntegration(ports, {
      caller: asReseller,
      system: 'economic',
      settings: { ...tokens, platform: true },
    });
    const unknown = connectIntegration(ports, {
      caller: asAdmin,
      system: 'economic',
      settings: { ...tokens, reseller: otherResellerId },
    });

    // Assess
    await expect(foreign).rejects.toEqual(new Refusal(403, 'access_denied', 'Access denied'));
    await expect(platform).rejects.toMatchObject({ status: 403, key: 'access_denied' });
    await expect(unknown).rejects.toEqual(new Refusal(404, 'reseller', 'Reseller not found'));
  });
});

describe('readIntegration', () => {
  it('reads the owner’s integration, 404 when there is none', async () => {
    // Prepare
    const integrations = {
      getIntegration: vi.fn(async (_owner: unknown, system: string) =>
        system === 'economic' ? saved() : undefined,
      ),
    };

    // Act
    const found = await readIntegration(
      { integrations },
      { caller: asAdmin, system: 'economic', platform: true },
    );
    const missing = readIntegration({ integrations }, { caller: asReseller, system: 'uniconta' });

    // Assess
    expect(found).toEqual(saved());
    expect(integrations.getIntegration).toHaveBeenNthCalledWith(1, { kind: 'platform' }, 'economic');
    await expect(missing).rejects.toEqual(new Refusal(404, 'not_found', 'No uniconta integration is set up'));
  });
});

describe('connectIntegration: Uniconta’s exempt VAT code', () => {
  const login = { companyId: '12345', userId: 'server-user', password: 's3cret' };
  /** A Uniconta company with a 0 % and a 25 % code. */
  const unicontaWorld = () => {
    const { ports, accounting } = world();
    const rates: Record<string, number> = { UFRI: 0, U25: 25 };
    const uniconta = {
      ...accounting,
      system: 'uniconta' as const,
      vatCodeRate: vi.fn(async (code: string) => rates[code]),
    };
    return { ports: { ...ports, systems: systemsOpening(uniconta) }, uniconta };
  };

  it('checks the code against the company’s VAT codes, and keeps it', async () => {
    // Prepare
    const { ports, uniconta } = unicontaWorld();

    // Act
    const result = await connectIntegration(ports, {
      caller: asReseller,
      system: 'uniconta',
      settings: { ...login, exemptVatCode: 'UFRI' },
    });

    // Assess
    expect(uniconta.vatCodeRate).toHaveBeenCalledExactlyOnceWith('UFRI');
    expect(result.exemptVatCode).toBe('UFRI');
    expect(ports.integrations.putIntegration).toHaveBeenCalledWith(
      expect.objectContaining({ exemptVatCode: 'UFRI' }),
    );
  });

  it.each([
    ['NOPE', 'VAT code NOPE is not one of the Uniconta company’s VAT codes'],
    ['U25', 'VAT code U25 carries 25 % VAT; VAT-exempt lines need a code of 0 %'],
  ])('refuses %s, naming why, and saves nothing', async (code, why) => {
    // Prepare
    const { ports } = unicontaWorld();

    // Act
    const refused = connectIntegration(ports, {
      caller: asReseller,
      system: 'uniconta',
      settings: { ...login, exemptVatCode: code },
    });

    // Assess
    await expect(refused).rejects.toBeInstanceOf(Refusal);
    await expect(refused).rejects.toMatchObject({ status: 422, key: 'exemptVatCode', description: why });
    expect(ports.integrations.putIntegration).not.toHaveBeenCalled();
    expect(ports.credentials.saveCredentials).not.toHaveBeenCalled();
  });
});

describe('openIntegration', () => {
  it('never opens an integration at a host the deployment does not allow, or with credentials of another', async () => {
    // Prepare
    const elsewhere = world(saved({ baseUrl: 'http://10.0.0.1:8080' }), { credentials: tokens });
    const rebound = world(saved(), { credentials: tokens, origin: 'https://restapi.e-conomic.com' });

    // Act
    const notAllowed = openIntegration(elsewhere.ports, owner, 'economic');
    const otherHost = openIntegration(rebound.ports, owner, 'economic');

    // Assess
    await expect(notAllowed).rejects.toEqual(
      new IntegrationNotUsable(
        'economic',
        'it points at a host this deployment does not allow; connect it again with its credentials',
      ),
    );
    await expect(otherHost).rejects.toMatchObject({
      name: 'IntegrationNotUsable',
      message:
        'The e-conomic integration is not valid: its credentials were given for another host; connect it again with its credentials',
    });
    expect(elsewhere.ports.systems.open).not.toHaveBeenCalled();
    expect(rebound.ports.systems.open).not.toHaveBeenCalled();
  });

  it('opens a secret from before the binding at its integration’s allowed host', async () => {
    // Prepare
    const { ports, accounting } = world(saved({ defaultLayoutNumber: 4, defaultDaysOfCredit: 14 }), {
      credentials: tokens,
    });

    // Act
    const opened = await openIntegration(ports, owner, 'economic');

    // Assess: the adapter gets the defaults a draft needs (layout, days of credit for due-date terms)
    expect(opened).toEqual({
      settings: saved({ defaultLayoutNumber: 4, defaultDaysOfCredit: 14 }),
      accounting,
    });
    expect(ports.systems.open).toHaveBeenCalledWith('economic', 'https://sim.example', tokens, {
      defaultLayoutNumber: 4,
      defaultDaysOfCredit: 14,
    });
  });
});

describe('exportAccounting', () => {
  it('opens one adapter per export, its books by adminMode, and forgets a failed opening', async () => {
    // Prepare
    const { ports, accounting } = world(saved(), { credentials: tokens });
    ports.integrations.getIntegration.mockResolvedValueOnce(undefined);
    const accountingFor = exportAccounting(ports);
    const platformJob = job({ options: { ...job().options, adminMode: true } });

    // Act
    const gone = accountingFor(platformJob);
    await expect(gone).rejects.toMatchObject({ name: 'IntegrationGone' });
    const first = await accountingFor(platformJob);
    const second = await accountingFor(platformJob);

    // Assess
    expect(first).toBe(accounting);
    expect(second).toBe(accounting);
    expect(ports.integrations.getIntegration).toHaveBeenCalledTimes(2);
    expect(ports.integrations.getIntegration).toHaveBeenCalledWith({ kind: 'platform' }, 'economic');
  });

  it('keeps the adapters of the twenty latest exports, and opens an older one again', async () => {
    // Prepare
    const { ports } = world(saved(), { credentials: tokens });
    const accountingFor = exportAccounting(ports);
    const jobs = Array.from({ length: 21 }, (_, n) => job({ id: `export-${n}` }));
    for (const each of jobs) await accountingFor(each);
    ports.integrations.getIntegration.mockClear();

    // Act
    await accountingFor(jobs[20]!);
    await accountingFor(jobs[1]!);
    await accountingFor(jobs[0]!);

    // Assess: the 21st pushed out the first; the other twenty are kept
    expect(ports.integrations.getIntegration).toHaveBeenCalledTimes(1);
  });
});
