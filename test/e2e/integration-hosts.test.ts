import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import type { ExportJob } from '#domain/export-job';
import { newId } from '#domain/ids';
import { credentials, requestExport, saveSettings, simulatorUrl } from './support/accounting.ts';
import { adminClient, createTenant, type Tenant } from './support/fixtures.ts';
import { useTestStackInProcess } from './support/in-process.ts';
import { problemOf } from './support/typed-api.ts';

/**
 * Where an accounting system lives is the deployment's decision (the real host, the stack's
 * simulators, and the hosts the test setup allows: `testSimulatorPorts`, `spareHostPorts`), and
 * credentials go only to the host they were given for. A listener of the attacker's own, on this
 * machine, records whatever reaches it: it must never see a request, let alone a credential.
 */

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** An HTTP listener that answers every request 200 `{}` (as if it were the system) and records it. */
const startRecorder = async (port = 0) => {
  const requests: Recorded[] = [];
  const server: Server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${bound}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

type Recorder = Awaited<ReturnType<typeof startRecorder>>;

const spare = (system: 'economic' | 'uniconta') => `http://127.0.0.1:${inject('spareHostPorts')[system]}`;

/** The stack's own integration record and secret, written as an older Faktura (or an attacker then) would have. */
const store = async () => {
  useTestStackInProcess({
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${inject('ports').SECRETS_MANAGER_PORT}`,
    // as the stack gives its functions, for the saga's own code run here
    ECONOMIC_API_URL: simulatorUrl('economic'),
  });
  const { integrationStore } = await import('#wiring/store');
  const { credentialStore } = await import('#wiring/credential-store');
  return { ...integrationStore, ...credentialStore };
};

let recorder: Recorder;
let platform: FakturaClient;

beforeAll(async () => {
  recorder = await startRecorder();
  platform = await adminClient();
});

afterAll(async () => {
  await recorder.stop();
});

describe('who decides where the accounting system lives', () => {
  let tenant: Tenant;

  beforeAll(async () => {
    tenant = await createTenant('Hosts');
    const connected = await saveSettings(tenant.resellerClient, 'economic', credentials.economic);
    expect(connected.response.status).toBe(200);
  });

  it('403 access_denied: a RESELLER cannot set baseUrl, and nothing is sent there', async () => {
    // Act
    const response = await saveSettings(tenant.resellerClient, 'economic', { baseUrl: recorder.url });
    const withCredentials = await saveSettings(tenant.resellerClient, 'economic', {
      ...credentials.economic,
      baseUrl: simulatorUrl('economic'),
    });

    // Assess
    expect(response.response.status).toBe(403);
    expect(response.error).toEqual({
      status: 403,
      message: 'access_denied',
      description: 'Only ADMIN may choose where the accounting system lives (baseUrl)',
    });
    expect(withCredentials.response.status).toBe(403);
    expect(recorder.requests).toEqual([]);
    const kept = await tenant.resellerClient.GET('/integration/{system}/settings', {
      params: { path: { system: 'economic' } },
    });
    expect(kept.data?.baseUrl).toBe(simulatorUrl('economic'));
  });

  it.each([
    ['a listener of its own', () => recorder.url],
    ['a look-alike of the real host', () => 'https://restapi.e-conomic.com.evil.example'],
    [
      'the real host behind user info',
      () => `https://restapi.e-conomic.com@127.0.0.1:${new URL(recorder.url).port}`,
    ],
    ['the other system’s host', () => 'https://odata.uniconta.com'],
  ])('422 baseUrl: ADMIN cannot point it at %s, and nothing is sent there', async (_, url) => {
    // Act
    const response = await saveSettings(platform, 'economic', {
      reseller: tenant.reseller,
      ...credentials.economic,
      baseUrl: url(),
    });

    // Assess
    expect(response.response.status).toBe(422);
    expect(response.error?.message).toBe('baseUrl');
    expect(problemOf(response).description).toMatch(
      /^Base URL must be one of the e-conomic hosts this deployment allows: https:\/\/restapi\.e-conomic\.com, /,
    );
    expect(recorder.requests).toEqual([]);
  });

  it('422 with every credential field: moving to another allowed host needs the credentials again', async () => {
    // Prepare: a listener on a host the stack allows
    const elsewhere = await startRecorder(inject('spareHostPorts').economic);
    try {
      // Act
      const response = await saveSettings(platform, 'economic', {
        reseller: tenant.reseller,
        baseUrl: elsewhere.url,
      });

      // Assess
      const why = `the credentials were given for another host: moving e-conomic to ${elsewhere.url} needs appSecretToken, agreementGrantToken again`;
      expect(response.error).toEqual({
        status: 422,
        message: 'multiple',
        description: '2 problems were found in the request',
        errors: [
          { status: 422, message: 'appSecretToken', description: why },
          { status: 422, message: 'agreementGrantToken', description: why },
        ],
      });
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });
});

describe('an integration stored before hosts were checked', () => {
  it('is never called: not by an export, not by the saga, not by a settings check', async () => {
    // Prepare: a reseller whose stored e-conomic integration points at the listener, with its
    // credentials in a secret of the old form (no host)
    const tenant = await createTenant('Hostile record');
    const owner = { kind: 'reseller', reseller: tenant.reseller } as const;
    const { putIntegration, saveCredentials } = await store();
    await saveCredentials(owner, 'economic', { credentials: credentials.economic });
    await putIntegration({
      system: 'economic',
      owner,
      baseUrl: recorder.url,
      autoExport: true,
      maskedCredentials: {},
      verifiedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });

    // Act
    const exported = await requestExport(tenant.resellerClient, 'economic');
    const checked = await saveSettings(tenant.resellerClient, 'economic', { autoExport: false });
    const asAdmin = await requestExport(platform, 'economic', { reseller: tenant.reseller });

    // Assess
    expect(exported.error).toEqual({
      status: 403,
      message: 'economic',
      description:
        'The e-conomic integration is not valid: it points at a host this deployment does not allow; connect it again with its credentials',
    });
    expect(asAdmin.error).toEqual(exported.error);
    expect(checked.response.status).toBe(422);
    expect(problemOf(checked).errors?.map((error) => error.message)).toEqual([
      'appSecretToken',
      'agreementGrantToken',
    ]);
    expect(recorder.requests).toEqual([]);

    // Act: the export saga's steps (batch, compensation) open it as they would for a running export
    const { accountingFor } = await import('#wiring/export-accounting');
    const opened = accountingFor({
      id: newId(),
      reseller: tenant.reseller,
      system: 'economic',
      options: { adminMode: false },
    } as ExportJob);

    // Assess
    await expect(opened).rejects.toMatchObject({
      name: 'IntegrationNotUsable',
      message: problemOf(exported).description,
    });
    expect(recorder.requests).toEqual([]);

    // Act: connected again with its credentials, it moves to the stack's own host
    const again = await saveSettings(tenant.resellerClient, 'economic', credentials.economic);

    // Assess
    expect(again.response.status).toBe(200);
    expect(again.data?.baseUrl).toBe(simulatorUrl('economic'));
    expect(recorder.requests).toEqual([]);
  });

  it('whose host was changed without its credentials is never called with them', async () => {
    // Prepare: connected on the stack's Uniconta, then its record moved to another allowed host
    // that a listener holds
    const tenant = await createTenant('Moved record');
    const owner = { kind: 'reseller', reseller: tenant.reseller } as const;
    expect(
      (await saveSettings(tenant.resellerClient, 'uniconta', credentials.uniconta)).response.status,
    ).toBe(200);
    const elsewhere = await startRecorder(inject('spareHostPorts').uniconta);
    try {
      const { getIntegration, putIntegration } = await store();
      await putIntegration({ ...(await getIntegration(owner, 'uniconta'))!, baseUrl: elsewhere.url });

      // Act
      const exported = await requestExport(tenant.resellerClient, 'uniconta');

      // Assess
      expect(exported.error).toEqual({
        status: 403,
        message: 'uniconta',
        description:
          'The Uniconta integration is not valid: its credentials were given for another host; connect it again with its credentials',
      });
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });
});

describe('refusals in our words, never the system’s', () => {
  let tenant: Tenant;

  beforeAll(async () => {
    tenant = await createTenant('Refusals');
  });

  it.each([
    [
      'economic',
      { ...credentials.economic, appSecretToken: 'not-the-app-secret' },
      'e-conomic did not accept the app secret token (appSecretToken)',
    ],
    [
      'economic',
      { ...credentials.economic, agreementGrantToken: 'not-a-grant' },
      'e-conomic did not accept the agreement grant token (agreementGrantToken)',
    ],
    [
      'uniconta',
      { ...credentials.uniconta, password: 'not-the-password' },
      'Uniconta did not accept the user id (userId) or password (password)',
    ],
    [
      'uniconta',
      { ...credentials.uniconta, companyId: '99999' },
      'the user has no rights in the company (companyId) in Uniconta',
    ],
  ] as const)('403 %s: says which credential failed: %j', async (system, given, why) => {
    // Act
    const response = await saveSettings(tenant.resellerClient, system, given);

    // Assess: exactly our words: nothing of what the simulator answered
    expect(response.error).toEqual({
      status: 403,
      message: system,
      description: `The ${system === 'economic' ? 'e-conomic' : 'Uniconta'} integration is not valid: ${why}`,
    });
  });

  it('503 accounting_unavailable: an allowed host that does not answer is "could not be reached" (not bad credentials), without the transport error', async () => {
    // Act: nothing listens on the spare host
    const response = await saveSettings(platform, 'economic', {
      reseller: tenant.reseller,
      ...credentials.economic,
      baseUrl: spare('economic'),
    });

    // Assess
    expect(response.response.status).toBe(503);
    expect(response.response.headers.get('retry-after')).toBe('30');
    expect(response.error).toEqual({
      status: 503,
      message: 'accounting_unavailable',
      description: 'e-conomic could not be reached; try again in 30 seconds',
    });
  });
});

describe('the settings of one system with the other’s fields', () => {
  it.each([
    ['uniconta', credentials.economic, 'Unknown field(s): appSecretToken, agreementGrantToken'],
    ['economic', credentials.uniconta, 'Unknown field(s): companyId, userId, password'],
  ] as const)('422 body on %s: names the unknown fields', async (system, fields, description) => {
    // Prepare
    const tenant = await createTenant('Wrong fields');

    // Act
    const response = await saveSettings(tenant.resellerClient, system, fields);

    // Assess
    expect(response.error).toEqual({ status: 422, message: 'body', description });
  });
});
